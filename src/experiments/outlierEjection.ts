/**
 * The outlier-ejection experiment: one of three instances turns slow
 * (`simulations/examples/slow-instance.json`: the third catalog instance ten times slower from
 * 20 s to 50 s), run twice with the same shoppers: as shipped (round robin, no ejection: the slow
 * instance keeps a third of the calls, which are slow or time out) and with outlier ejection on
 * the shoppers' link (three failures in a row take it out of rotation for 30 s). Each
 * variant is measured in three windows: before, during and after the slowness.
 */
import { parseScenario, type Scenario } from '../model/index.ts';
import { CallStatus, simulate } from '../engine/index.ts';
import slowInstance from '../../simulations/examples/slow-instance.json';

export const EJECTION_VARIANTS = ['no ejection', 'outlier ejection'] as const;
export type EjectionVariantName = (typeof EJECTION_VARIANTS)[number];

/** The ejection the second variant adds to the shoppers' link. */
export const EJECTION = { consecutiveFailures: 3, ejectionTime: 30_000, maxEjectedPercent: 50 } as const;

/** What the shoppers saw of the requests they sent in one window of the run. */
export interface EjectionWindow {
  readonly from: number;
  readonly to: number;
  readonly sent: number;
  /** Requests that failed (here: timed out). */
  readonly failed: number;
  /** Share of the requests that were slow: failed, or answered after more than 100 ms. */
  readonly slowShare: number;
  /** Time until the shopper had its answer or gave up (a failed request counts with the time it took to fail), ms. */
  readonly p50: number;
  readonly p99: number;
  /** Share of the window's requests sent to the slow instance. */
  readonly toSlowInstance: number;
}

export interface EjectionVariant {
  readonly variant: EjectionVariantName;
  readonly windows: readonly EjectionWindow[];
  /** Times the shoppers' link ejected the slow instance. */
  readonly ejections: number;
}

export interface EjectionResult {
  readonly experiment: 'outlier-ejection';
  readonly seed: number;
  readonly slow: { readonly instance: number; readonly at: number; readonly until: number; readonly factor: number };
  readonly variants: readonly EjectionVariant[];
}

/** The shipped scenario, and the same with outlier ejection on the shoppers' link. */
export function ejectionScenarios(): Readonly<Record<EjectionVariantName, Scenario>> {
  const base = parseScenario(slowInstance);
  const ejecting = parseScenario({ ...slowInstance, links: slowInstance.links.map((l) => ({ ...l, outlierEjection: EJECTION })) });
  return { 'no ejection': base, 'outlier ejection': ejecting };
}

/** Runs both variants with one seed (default: the scenario's own), so both see the same shoppers and the same slow instance. */
export function runOutlierEjection(options: { readonly seed?: number } = {}): EjectionResult {
  const scenarios = ejectionScenarios();
  const seed = options.seed ?? scenarios['no ejection'].seed;
  const fault = scenarios['no ejection'].faults.find((f) => f.kind === 'slow');
  if (!fault || fault.kind !== 'slow' || fault.duration === undefined)
    throw new Error('slow-instance.json needs a slow fault with a duration');
  const slow = { instance: fault.instance ?? 1, at: fault.at, until: fault.at + fault.duration, factor: fault.factor };
  return {
    experiment: 'outlier-ejection',
    seed,
    slow,
    variants: EJECTION_VARIANTS.map((variant) => measure(variant, scenarios[variant], seed, slow)),
  };
}

function measure(variant: EjectionVariantName, scenario: Scenario, seed: number, slow: EjectionResult['slow']): EjectionVariant {
  const { simulation, report } = simulate(scenario, { seed });
  const { calls, nodeIds } = simulation.rt;
  const link = simulation.rt.links[0];
  const slowNode = nodeIds.indexOf(slow.instance === 1 ? 'catalog' : `catalog#${slow.instance}`);
  const bounds = [0, slow.at, slow.until, scenario.duration];
  const windows = bounds.slice(1).map((to, w) => {
    const from = bounds[w];
    const latencies: number[] = [];
    let sent = 0,
      failed = 0,
      slowCount = 0,
      toSlow = 0;
    for (let c = 0; c < calls.length; c++) {
      if (calls.parent[c] >= 0 || calls.link[c] !== link.index || calls.sentAt[c] < from || calls.sentAt[c] >= to) continue;
      sent++;
      if (calls.callee[c] === slowNode) toSlow++;
      const status = calls.status[c];
      if (status === CallStatus.PENDING) continue;
      const latency = calls.endedAt[c] - calls.sentAt[c];
      latencies.push(latency);
      if (status !== CallStatus.OK) failed++;
      if (status !== CallStatus.OK || latency > 100) slowCount++;
    }
    latencies.sort((a, b) => a - b);
    const quantile = (q: number) =>
      latencies.length === 0 ? 0 : latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
    return {
      from,
      to,
      sent,
      failed,
      slowShare: sent > 0 ? slowCount / sent : 0,
      p50: quantile(0.5),
      p99: quantile(0.99),
      toSlowInstance: sent > 0 ? toSlow / sent : 0,
    };
  });
  const ejections = report.links[link.id].instances?.[slow.instance - 1].ejections ?? 0;
  return { variant, windows, ejections };
}

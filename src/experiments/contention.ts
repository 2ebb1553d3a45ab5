/**
 * The contention experiment, after the AWS Architecture Blog post "Exponential Backoff And
 * Jitter" (Marc Brooker, 2015): N callers write to one resource at the same instant, only one
 * write can win at a time, and every loser retries with capped exponential backoff. The sweep
 * runs the shipped scenario `simulations/examples/contention.json` for each number of callers
 * and each jitter strategy and reports the work done (attempts sent) and the time until the
 * last caller's write succeeded.
 *
 * The resource is a service with one worker and no waiting line: an attempt that arrives while
 * another is being written is rejected at once, and the link's retry policy (retryOn: rejected)
 * tries again. The callers are one client sending a single burst of N requests at t = 0; each
 * request is an independent call with its own attempts and its own jitter draws, so this is N
 * callers that each make one logical call.
 */
import { linkId, parseScenario, type Scenario } from '../model/index.ts';
import { simulate } from '../engine/index.ts';
import template from '../../simulations/examples/contention.json';

export const JITTERS = ['none', 'full', 'equal', 'decorrelated'] as const;
export type Jitter = (typeof JITTERS)[number];

/** The numbers of callers the published comparison sweeps by default. */
export const DEFAULT_CALLERS: readonly number[] = [10, 20, 30, 40, 50];

/** One run of the sweep: `callers` callers, backoff with `jitter`. */
export interface ContentionRow {
  readonly jitter: Jitter;
  readonly callers: number;
  /** Attempts sent over the link, first attempts and retries: the work the resource saw. */
  readonly calls: number;
  /** When the last caller's write succeeded (its reply arrived), ms; NaN if some never did. */
  readonly timeToFinish: number;
  /** Callers whose write succeeded (all of them, unless maxAttempts ran out). */
  readonly completed: number;
}

/** The sweep's settings, read from the scenario, so the report says what was run. */
export interface ContentionSetup {
  readonly name: string;
  readonly seed: number;
  readonly base: number;
  readonly multiplier: number;
  readonly cap: number;
  readonly maxAttempts: number;
  /** The resource's time to write one request, ms (its constant service time). */
  readonly writeTime: number;
}

export interface ContentionResult {
  readonly experiment: 'contention';
  readonly setup: ContentionSetup;
  /** Grouped by jitter (in `JITTERS` order), then by callers (ascending as given). */
  readonly rows: readonly ContentionRow[];
}

export interface ContentionOptions {
  /** Seed of every run (default: the scenario's own). */
  readonly seed?: number;
  /** Numbers of callers to sweep (default: `DEFAULT_CALLERS`). */
  readonly callers?: readonly number[];
  readonly jitters?: readonly Jitter[];
  /** The scenario to sweep (default: the shipped `contention.json`). */
  readonly scenario?: Scenario;
}

/** The shipped contention scenario, validated. */
export function contentionScenario(): Scenario {
  return parseScenario(template);
}

/**
 * The scenario with `callers` callers (the burst's size) retrying with `jitter`, validated again
 * so a variant can never be something the schema would refuse.
 * @throws if the scenario is not a single client bursting over a link with a retry policy
 */
export function contentionVariant(base: Scenario, callers: number, jitter: Jitter): Scenario {
  const { client, link } = parts(base);
  return parseScenario({
    ...base,
    nodes: base.nodes.map((n) => (n === client ? { ...client, workload: { ...client.workload, size: callers } } : n)),
    links: base.links.map((l) => (l === link ? { ...link, retry: { ...link.retry, jitter } } : l)),
  });
}

/** Runs the sweep: every jitter × every number of callers, one run each, all with one seed. */
export function runContention(options: ContentionOptions = {}): ContentionResult {
  const base = options.scenario ?? contentionScenario();
  const seed = options.seed ?? base.seed;
  const { client, link, store } = parts(base);
  const rows: ContentionRow[] = [];
  for (const jitter of options.jitters ?? JITTERS) {
    for (const callers of options.callers ?? DEFAULT_CALLERS) {
      // Only the report is read: a summary-only run keeps no trace.
      const { report } = simulate(contentionVariant(base, callers, jitter), { seed, record: 'summary' });
      const c = report.clients[client.id];
      rows.push({
        jitter,
        callers,
        calls: report.links[linkId(link)].calls,
        // Every request is sent at t = 0, so the longest latency is when the last one succeeded.
        timeToFinish: c.completed === callers ? c.latency.max : NaN,
        completed: c.completed,
      });
    }
  }
  const retry = link.retry as NonNullable<typeof link.retry>;
  const serviceTime = store.serviceTime;
  return {
    experiment: 'contention',
    setup: {
      name: base.name ?? 'contention',
      seed,
      base: retry.base,
      multiplier: retry.multiplier,
      cap: retry.cap,
      maxAttempts: retry.maxAttempts,
      writeTime: serviceTime.dist === 'constant' ? serviceTime.value : NaN,
    },
    rows,
  };
}

/** The client, its link (with a retry policy) and the contended service of a contention scenario. */
function parts(s: Scenario) {
  const client = s.nodes.find((n) => n.kind === 'client');
  if (!client || client.workload.pattern !== 'bursts') throw new Error('a contention scenario needs a client with a bursts workload');
  const link = s.links.find((l) => l.from === client.id && l.to === client.target);
  if (!link?.retry) throw new Error(`a contention scenario needs a retry policy on the link ${client.id}->${client.target}`);
  const store = s.nodes.find((n) => n.id === client.target);
  if (store?.kind !== 'service') throw new Error(`${client.target} must be a service`);
  return { client, link, store };
}

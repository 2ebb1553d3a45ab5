/**
 * Whether what a step asks the learner to watch happens in a finished run, read from its trace
 * (and, for figures over the whole run, its report): the breaker's state changes, a line or a
 * backlog growing, retries, timeouts, refusals, ejections, a registry entry expiring. Each answer
 * says what was seen and when, so a failing check reads like the learner's own disappointment
 * ("the breaker on order->payment never went HALF_OPEN in the 60s run").
 */
import { TraceType, type RunReport, type Simulation } from '../engine/index.ts';
import { BreakerState } from '../engine/trace/eventTypes.ts';
import { foldBrokerRow } from '../engine/replay/brokerFold.ts';
import { formatDuration, type ScenarioInput } from '../model/index.ts';
import { applySolution, type Lesson } from './lessonSchema.ts';
import { REFUSAL_REASONS, type Watch } from './watchSchema.ts';

export interface WatchResult {
  /** It happened as the watch says (for a `never` watch: it did not). */
  readonly seen: boolean;
  /** What the run shows, in a sentence. */
  readonly what: string;
}

/** The system a watch happens in: the lesson's start, its solution, or the start with the watch's edits. */
export function systemOf(lesson: Lesson, watch: Pick<Watch, 'in'>): ScenarioInput {
  if (watch.in === 'start') return structuredClone(lesson.scenario) as unknown as ScenarioInput;
  return applySolution(lesson, watch.in === 'solution' ? lesson.solution : watch.in);
}

/** Whether `watch` happens in a run of its system (`simulation`, `report`: that run, finished). */
export function observe(watch: Watch, sim: Simulation, report: RunReport): WatchResult {
  const found = measure(watch, sim, report);
  const happened = found.happened;
  return { seen: watch.never ? !happened : happened, what: found.what };
}

const seconds = (t: number) => formatDuration(Math.round(t));
const STATE_CODES: Record<string, number> = { CLOSED: BreakerState.CLOSED, OPEN: BreakerState.OPEN, HALF_OPEN: BreakerState.HALF_OPEN };
const ENTRY_CODES: Record<string, number> = { registered: 0, healthy: 1, expired: 2, deregistered: 3 };

function measure(watch: Watch, sim: Simulation, report: RunReport): { happened: boolean; what: string } {
  const run = `the ${seconds(sim.scenario.duration)} run`;
  const within = watch.kind === 'lag' || watch.kind === 'busy' ? { from: 0, to: Infinity } : windowOf(watch);
  const during = within.from > 0 && within.to < Infinity ? ` between ${seconds(within.from)} and ${seconds(within.to)}`
    : within.from > 0 ? ` from ${seconds(within.from)} on` : within.to < Infinity ? ` before ${seconds(within.to)}` : '';
  switch (watch.kind) {
    case 'breaker': {
      const link = linkOf(sim, watch.link);
      const to = STATE_CODES[watch.state], from = watch.after === undefined ? -1 : STATE_CODES[watch.after];
      const at = firstRow(sim, within, (type, _node, a, b) => type === TraceType.BREAKER && a === link && (b & 15) === to && (from < 0 || b >> 4 === from));
      const change = `${watch.after ? `from ${watch.after} ` : ''}to ${watch.state}`;
      return at === undefined ? { happened: false, what: `the breaker on ${watch.link} never went ${change}${during} in ${run}` } : { happened: true, what: `the breaker on ${watch.link} went ${change} at ${seconds(at)}` };
    }
    case 'line': {
      const nodes = instancesOf(sim, watch.node);
      const { most, at } = peak(sim, within, (type, node) => (type === TraceType.QUEUE && nodes.has(node) ? 'b' : undefined));
      return { happened: most >= watch.atLeast, what: most === 0 ? `no request waited in ${watch.node}'s line${during}` : `${watch.node}'s line reached ${most} at ${seconds(at)}` };
    }
    case 'backlog': {
      const node = nodeOf(sim, watch.broker);
      const state = new Int32Array(5);
      const F = { busy: 0, line: 1, ok: 2, errors: 3, dropped: 4 };
      let most = 0, at = 0;
      forRows(sim, { from: 0, to: within.to }, (type, n, _a, _b, t) => {
        if (n !== node || !foldBrokerRow(type, state, 0, F)) return;
        if (t >= within.from && state[F.line] > most) { most = state[F.line]; at = t; }
      });
      const left = report.queues[watch.broker]?.ready ?? state[F.line];
      const drains = watch.drainsTo === undefined || left <= watch.drainsTo;
      return { happened: most >= watch.atLeast && drains, what: `${watch.broker}'s backlog reached ${most} ready messages${most > 0 ? ` at ${seconds(at)}` : ''}, ${left} left at the end` };
    }
    case 'lag': {
      const lag = (report.streams[watch.broker]?.partitions ?? []).reduce((sum, p) => sum + (p.lag[watch.group] ?? 0), 0);
      return { happened: lag >= watch.atLeast, what: `group ${watch.group} ended ${run} ${lag} messages behind` };
    }
    case 'calls':
    case 'retries':
    case 'timeouts': {
      const link = linkOf(sim, watch.link);
      const calls = sim.rt.calls;
      const type = watch.kind === 'calls' ? TraceType.SEND : watch.kind === 'retries' ? TraceType.RETRY : TraceType.TIMEOUT;
      // SEND rows carry the link; RETRY and TIMEOUT rows the attempt, whose link the call table knows.
      const n = countRows(sim, within, (ty, _node, a, b) => ty === type && (type === TraceType.SEND ? b === link : calls.link[a] === link));
      const noun = watch.kind === 'calls' ? 'calls went' : watch.kind === 'retries' ? 'retries went' : 'attempts timed out';
      return { happened: counted(n, watch), what: `${n} ${noun} over ${watch.link}${during}` };
    }
    case 'refused': {
      const nodes = instancesOf(sim, watch.node);
      const codes = new Set(watch.reasons.map((r) => REFUSAL_REASONS.indexOf(r) + 1));
      const n = countRows(sim, within, (type, node, _a, b) => type === TraceType.REJECT && nodes.has(node) && codes.has(b));
      return { happened: counted(n, watch), what: `${watch.node} refused ${n} requests (${watch.reasons.join(', ')})${during}` };
    }
    case 'ejected':
    case 'readmitted': {
      const link = linkOf(sim, watch.link), instance = instanceOf(sim, watch.node, watch.instance);
      const type = watch.kind === 'ejected' ? TraceType.EJECT : TraceType.EJECT_END;
      const at = firstRow(sim, within, (ty, _node, a, b) => ty === type && a === link && b === instance);
      const what = watch.kind === 'ejected' ? 'was ejected' : 'came back into rotation';
      return at === undefined ? { happened: false, what: `${label(watch)} never ${what}${during} in ${run}` } : { happened: true, what: `${label(watch)} ${what} at ${seconds(at)}` };
    }
    case 'registryEntry': {
      const registry = nodeOf(sim, watch.registry), instance = instanceOf(sim, watch.node, watch.instance), state = ENTRY_CODES[watch.state];
      const at = firstRow(sim, within, (type, node, a, b) => type === TraceType.REGISTRY_ENTRY && node === registry && a === instance && b === state);
      return at === undefined ? { happened: false, what: `${label(watch)}'s entry never went ${watch.state}${during} in ${run}` } : { happened: true, what: `${label(watch)}'s entry went ${watch.state} at ${seconds(at)}` };
    }
    case 'uncached': {
      const link = linkOf(sim, watch.link), instance = instanceOf(sim, watch.node, watch.instance);
      const at = firstRow(sim, within, (type, _node, a, b) => type === TraceType.CACHE_REMOVE && a === link && b === instance);
      return at === undefined ? { happened: false, what: `${label(watch)} stayed in the cache of ${watch.link}${during} in ${run}` } : { happened: true, what: `${label(watch)} left the cache of ${watch.link} at ${seconds(at)}` };
    }
    case 'busy': {
      const v = report.nodes[watch.node]?.utilization ?? 0;
      const happened = (watch.atLeast === undefined || v >= watch.atLeast) && (watch.below === undefined || v < watch.below);
      return { happened, what: `${watch.node}'s workers were busy ${(v * 100).toFixed(1)} % of the time` };
    }
  }
}

type RowTest = (type: number, node: number, a: number, b: number, t: number) => boolean;

function windowOf(w: { from?: number; to?: number }): { from: number; to: number } {
  return { from: w.from ?? 0, to: w.to ?? Infinity };
}

/** Calls `visit` for each trace row in [from, to). */
function forRows(sim: Simulation, { from, to }: { from: number; to: number }, visit: (type: number, node: number, a: number, b: number, t: number) => void): void {
  const trace = sim.rt.trace;
  for (let i = trace.first; i < trace.length; i++) {
    const t = trace.time(i);
    if (t >= to) break;
    if (t >= from) visit(trace.type(i), trace.node(i), trace.a(i), trace.b(i), t);
  }
}

function firstRow(sim: Simulation, within: { from: number; to: number }, test: RowTest): number | undefined {
  let found: number | undefined;
  forRows(sim, within, (type, node, a, b, t) => { if (found === undefined && test(type, node, a, b, t)) found = t; });
  return found;
}

function countRows(sim: Simulation, within: { from: number; to: number }, test: RowTest): number {
  let n = 0;
  forRows(sim, within, (type, node, a, b, t) => { if (test(type, node, a, b, t)) n++; });
  return n;
}

/** The largest `b` of the rows `pick` selects, and when. */
function peak(sim: Simulation, within: { from: number; to: number }, pick: (type: number, node: number) => 'b' | undefined): { most: number; at: number } {
  let most = 0, at = 0;
  forRows(sim, within, (type, node, _a, b, t) => { if (pick(type, node) && b > most) { most = b; at = t; } });
  return { most, at };
}

function counted(n: number, w: { atLeast: number; atMost?: number }): boolean {
  return n >= w.atLeast && (w.atMost === undefined || n <= w.atMost);
}

function label(w: { node: string; instance: number }): string {
  return `${w.node} instance ${w.instance}`;
}

function nodeOf(sim: Simulation, id: string): number {
  const i = sim.nodeIndexOf(id);
  if (i === undefined) throw new Error(`A watch names node ${id}, which the system does not have`);
  return i;
}

function linkOf(sim: Simulation, id: string): number {
  const i = sim.linkIndexOf(id);
  if (i === undefined) throw new Error(`A watch names link ${id}, which the system does not have`);
  return i;
}

/** The engine's node index of a service's instance (1: the service's own node; k: "id#k"). */
function instanceOf(sim: Simulation, id: string, instance: number): number {
  const i = nodeOf(sim, id);
  if (instance === 1) return i;
  const nodes = sim.rt.instancesOf[i];
  if (!nodes || instance > nodes.length) throw new Error(`A watch names instance ${instance} of ${id}, which has ${nodes?.length ?? 1}`);
  return nodes[instance - 1];
}

/** Every instance's node index of a service (one for a service that is not replicated). */
function instancesOf(sim: Simulation, id: string): Set<number> {
  const i = nodeOf(sim, id);
  return new Set(sim.rt.instancesOf[i] ?? [i]);
}

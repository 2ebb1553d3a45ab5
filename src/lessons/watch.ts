/**
 * Whether what a step asks the learner to watch happens in a finished run, read from its trace
 * (and, for figures over the whole run, its report): the breaker's state changes, a line or a
 * backlog growing, retries, timeouts, refusals, ejections, a registry entry expiring. Each answer
 * says what was seen and when, so a failing check reads like the learner's own disappointment
 * ("the breaker on order->payment never went HALF_OPEN in the 60s run").
 */
import type { RunReport, Simulation } from '../engine/index.ts';
import { BreakerState, CallStatus, EntryState, RejectReason } from '../engine/trace/eventTypes.ts';
import { brokerBacklog, rowsWithin, scanRunEvents, type RunEvent } from '../engine/replay/runEvents.ts';
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
const ENTRY_CODES: Record<string, number> = {
  registered: EntryState.REGISTERED,
  healthy: EntryState.HEALTHY,
  expired: EntryState.EXPIRED,
  deregistered: EntryState.DEREGISTERED,
};

function measure(watch: Watch, sim: Simulation, report: RunReport): { happened: boolean; what: string } {
  const run = `the ${seconds(sim.scenario.duration)} run`;
  const within = watch.kind === 'lag' || watch.kind === 'busy' ? { from: 0, to: Infinity } : windowOf(watch);
  const during =
    within.from > 0 && within.to < Infinity
      ? ` between ${seconds(within.from)} and ${seconds(within.to)}`
      : within.from > 0
        ? ` from ${seconds(within.from)} on`
        : within.to < Infinity
          ? ` before ${seconds(within.to)}`
          : '';
  switch (watch.kind) {
    case 'breaker': {
      const link = linkOf(sim, watch.link);
      const to = STATE_CODES[watch.state],
        from = watch.after === undefined ? -1 : STATE_CODES[watch.after];
      const at = firstEvent(sim, within, (e) => e.kind === 'breaker' && e.link === link && e.to === to && (from < 0 || e.from === from));
      const change = `${watch.after ? `from ${watch.after} ` : ''}to ${watch.state}`;
      return at === undefined
        ? { happened: false, what: `the breaker on ${watch.link} never went ${change}${during} in ${run}` }
        : { happened: true, what: `the breaker on ${watch.link} went ${change} at ${seconds(at)}` };
    }
    case 'line': {
      const nodes = instancesOf(sim, watch.node);
      const { most, at } = peak(sim, within, (e) => (e.kind === 'queued' && nodes.has(e.node) ? e.line : undefined));
      return {
        happened: most >= watch.atLeast,
        what: most === 0 ? `no request waited in ${watch.node}'s line${during}` : `${watch.node}'s line reached ${most} at ${seconds(at)}`,
      };
    }
    case 'backlog': {
      const node = nodeOf(sim, watch.broker);
      const { most, at, ready } = brokerBacklog(sim.rt.trace, node, within.from, within.to);
      const left = report.queues[watch.broker]?.ready ?? ready;
      const drains = watch.drainsTo === undefined || left <= watch.drainsTo;
      return {
        happened: most >= watch.atLeast && drains,
        what: `${watch.broker}'s backlog reached ${most} ready messages${most > 0 ? ` at ${seconds(at)}` : ''}, ${left} left at the end`,
      };
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
      const kind = watch.kind === 'calls' ? 'sent' : watch.kind === 'retries' ? 'retry' : 'timeout';
      // A send carries its link; a retry and a timeout the attempt, whose link the call table knows.
      const n = countEvents(sim, within, (e) => e.kind === kind && (e.kind === 'sent' ? e.link === link : calls.link[e.call] === link));
      const noun = watch.kind === 'calls' ? 'calls went' : watch.kind === 'retries' ? 'retries went' : 'attempts timed out';
      return { happened: counted(n, watch), what: `${n} ${noun} over ${watch.link}${during}` };
    }
    case 'refused': {
      const nodes = instancesOf(sim, watch.node);
      const codes = new Set(watch.reasons.map((r) => REFUSAL_REASONS.indexOf(r) + 1));
      // A caller that knows no instance fails the call itself, unsent: no callee refuses it, so it is read off the call table.
      const n =
        countEvents(sim, within, (e) => e.kind === 'refused' && nodes.has(e.node) && codes.has(e.reason)) +
        (watch.reasons.includes('noInstance') ? unsentForNoInstance(sim, within, nodes) : 0);
      return { happened: counted(n, watch), what: `${watch.node} refused ${n} requests (${watch.reasons.join(', ')})${during}` };
    }
    case 'ejected':
    case 'readmitted': {
      const link = linkOf(sim, watch.link),
        instance = instanceOf(sim, watch.node, watch.instance);
      const at = firstEvent(sim, within, (e) => e.kind === watch.kind && e.link === link && e.instance === instance);
      const what = watch.kind === 'ejected' ? 'was ejected' : 'came back into rotation';
      return at === undefined
        ? { happened: false, what: `${label(watch)} never ${what}${during} in ${run}` }
        : { happened: true, what: `${label(watch)} ${what} at ${seconds(at)}` };
    }
    case 'registryEntry': {
      const registry = nodeOf(sim, watch.registry),
        instance = instanceOf(sim, watch.node, watch.instance),
        state = ENTRY_CODES[watch.state];
      const at = firstEvent(
        sim,
        within,
        (e) => e.kind === 'registryEntry' && e.registry === registry && e.instance === instance && e.state === state,
      );
      return at === undefined
        ? { happened: false, what: `${label(watch)}'s entry never went ${watch.state}${during} in ${run}` }
        : { happened: true, what: `${label(watch)}'s entry went ${watch.state} at ${seconds(at)}` };
    }
    case 'uncached': {
      const link = linkOf(sim, watch.link),
        instance = instanceOf(sim, watch.node, watch.instance);
      const at = firstEvent(sim, within, (e) => e.kind === 'uncached' && e.link === link && e.instance === instance);
      return at === undefined
        ? { happened: false, what: `${label(watch)} stayed in the cache of ${watch.link}${during} in ${run}` }
        : { happened: true, what: `${label(watch)} left the cache of ${watch.link} at ${seconds(at)}` };
    }
    case 'busy': {
      const v = report.nodes[watch.node]?.utilization ?? 0;
      const happened = (watch.atLeast === undefined || v >= watch.atLeast) && (watch.below === undefined || v < watch.below);
      return { happened, what: `${watch.node}'s workers were busy ${(v * 100).toFixed(1)} % of the time` };
    }
  }
}

type EventTest = (e: RunEvent) => boolean;

function windowOf(w: { from?: number; to?: number }): { from: number; to: number } {
  return { from: w.from ?? 0, to: w.to ?? Infinity };
}

/** Calls `visit` for each event at a time in [from, to) (runEvents.ts); stops when it returns true. */
function forEvents(sim: Simulation, { from, to }: { from: number; to: number }, visit: (e: RunEvent) => boolean | void): void {
  const [first, end] = rowsWithin(sim.rt.trace, from, to);
  scanRunEvents(sim.rt.trace, first, end, visit);
}

function firstEvent(sim: Simulation, within: { from: number; to: number }, test: EventTest): number | undefined {
  let found: number | undefined;
  forEvents(sim, within, (e) => {
    if (test(e)) {
      found = e.time;
      return true;
    }
  });
  return found;
}

function countEvents(sim: Simulation, within: { from: number; to: number }, test: EventTest): number {
  let n = 0;
  forEvents(sim, within, (e) => {
    if (test(e)) n++;
  });
  return n;
}

/** The largest figure `pick` reads off the events it selects, and when. */
function peak(
  sim: Simulation,
  within: { from: number; to: number },
  pick: (e: RunEvent) => number | undefined,
): { most: number; at: number } {
  let most = 0,
    at = 0;
  forEvents(sim, within, (e) => {
    const v = pick(e);
    if (v !== undefined && v > most) {
      most = v;
      at = e.time;
    }
  });
  return { most, at };
}

/** Calls by `nodes` that ended in [from, to) refused by their caller itself: it knew no instance to send them to. */
function unsentForNoInstance(sim: Simulation, { from, to }: { from: number; to: number }, nodes: Set<number>): number {
  const calls = sim.rt.calls;
  let n = 0;
  for (let c = 0; c < calls.length; c++) {
    if (
      calls.status[c] === CallStatus.REJECTED &&
      calls.reason[c] === RejectReason.NO_INSTANCE &&
      nodes.has(calls.caller[c]) &&
      calls.endedAt[c] >= from &&
      calls.endedAt[c] < to
    )
      n++;
  }
  return n;
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

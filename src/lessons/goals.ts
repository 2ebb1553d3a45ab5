/**
 * Lesson goals as predicates over a finished run (the scenario, its simulation, its report):
 * each is measured, compared with its target, and explained in a sentence that says why it fails
 * ("checkout p99 was 412 ms; the goal is under 300 ms"). The same code checks a solution on the
 * command line and in the browser, so both agree on the same run.
 */
import { CallStatus, type RunReport, type Simulation } from '../engine/index.ts';
import { BreakerState } from '../engine/trace/eventTypes.ts';
import { scanRunEvents } from '../engine/replay/runEvents.ts';
import { formatDuration, possessive } from '../model/index.ts';
import type { Goal } from './lessonSchema.ts';

export interface GoalResult {
  readonly goal: Goal;
  /** How the goal reads. */
  readonly description: string;
  readonly pass: boolean;
  /** The figure measured, and as text (with its unit). */
  readonly measured: number;
  readonly measuredText: string;
  /** Why it passes or fails: the measured value against the target. */
  readonly why: string;
  /** The figure in a word and a value (`p99`, `1.87s`), to set two runs side by side ("p99 1.87s → 142ms"). */
  readonly figure: { readonly name: string; readonly value: string };
}

/**
 * Every goal of a lesson, measured on one run; `start` is the report of the lesson's starting system (same seed), for goals measured
 * against it.
 */
export function evaluateGoals(goals: readonly Goal[], simulation: Simulation, report: RunReport, start?: RunReport): GoalResult[] {
  return goals.map((goal) => evaluate(goal, simulation, report, start));
}

/** Whether some of `goals` are measured against the lesson's starting system (its run is then needed too). */
export function needsStartRun(goals: readonly Goal[]): boolean {
  return goals.some((g) => g.kind === 'calls' && g.atMostOfStart !== undefined);
}

const ms = (v: number) => (Number.isFinite(v) ? formatDuration(Math.round(v * 10) / 10) : 'no answer');
const pct = (v: number) => `${(v * 100).toFixed(1)} %`;
const windowText = (g: { from?: number; to?: number }) =>
  g.from === undefined && g.to === undefined
    ? ''
    : ` (requests sent ${g.from !== undefined ? `from ${formatDuration(g.from)}` : ''}${g.from !== undefined && g.to !== undefined ? ' ' : ''}${g.to !== undefined ? `until ${formatDuration(g.to)}` : ''})`;

function evaluate(goal: Goal, sim: Simulation, report: RunReport, start: RunReport | undefined): GoalResult {
  const result = (
    description: string,
    pass: boolean,
    measured: number,
    measuredText: string,
    target: string,
    figure: GoalResult['figure'],
  ): GoalResult => ({
    goal,
    description: goal.label ?? description,
    pass,
    measured,
    measuredText,
    why: pass ? `${measuredText}: ${target} — met` : `${measuredText}; the goal is ${target}`,
    figure,
  });
  const count = (name: string, v: number) => ({ name, value: String(v) });
  switch (goal.kind) {
    case 'latency': {
      const r = requestsOf(sim, goal.client, goal.from, goal.to);
      const v = statOf(r.latencies, goal.stat);
      return result(
        `${possessive(goal.client)} ${goal.stat} latency under ${ms(goal.below)}${windowText(goal)}`,
        v < goal.below,
        v,
        `${goal.client} ${goal.stat} was ${ms(v)}`,
        `under ${ms(goal.below)}`,
        { name: goal.stat, value: ms(v) },
      );
    }
    case 'failures': {
      const r = requestsOf(sim, goal.client, goal.from, goal.to);
      const v = r.ended > 0 ? r.failed / r.ended : 0;
      return result(
        `at most ${pct(goal.atMost)} of ${possessive(goal.client)} requests fail${windowText(goal)}`,
        v <= goal.atMost,
        v,
        `${pct(v)} of ${possessive(goal.client)} requests failed (${r.failed} of ${r.ended})`,
        `at most ${pct(goal.atMost)}`,
        { name: 'failed', value: pct(v) },
      );
    }
    case 'completed': {
      const r = requestsOf(sim, goal.client, goal.from, goal.to);
      const v = r.sent > 0 ? r.latencies.length / r.sent : 1;
      return result(
        `at least ${pct(goal.atLeast)} of ${possessive(goal.client)} requests answered${windowText(goal)}`,
        v >= goal.atLeast,
        v,
        `${pct(v)} of ${possessive(goal.client)} requests were answered (${r.latencies.length} of ${r.sent})`,
        `at least ${pct(goal.atLeast)}`,
        { name: 'answered', value: pct(v) },
      );
    }
    case 'utilization': {
      const v = report.nodes[goal.node]?.utilization ?? 0;
      const pass = (goal.below === undefined || v < goal.below) && (goal.atLeast === undefined || v >= goal.atLeast);
      const target = [
        goal.below !== undefined ? `under ${pct(goal.below)}` : '',
        goal.atLeast !== undefined ? `at least ${pct(goal.atLeast)}` : '',
      ]
        .filter(Boolean)
        .join(' and ');
      return result(
        `${possessive(goal.node)} workers busy ${target} of the time`,
        pass,
        v,
        `${possessive(goal.node)} workers were busy ${pct(v)} of the time`,
        target,
        { name: 'busy', value: pct(v) },
      );
    }
    case 'handled': {
      const v = report.nodes[goal.node]?.ok ?? 0;
      return result(
        `${goal.node} handles at least ${goal.atLeast}`,
        v >= goal.atLeast,
        v,
        `${goal.node} handled ${v}`,
        `at least ${goal.atLeast}`,
        count('handled', v),
      );
    }
    case 'calls': {
      // The link's own count (what the report lists), without building the whole report at every live checkpoint.
      const index = sim.linkIndexOf(goal.link);
      const v = index === undefined ? (report.links[goal.link]?.calls ?? 0) : sim.rt.links[index].calls;
      // Against the starting system: a share of the calls it made over the same link (unknown until it has run).
      const before = goal.atMostOfStart === undefined ? undefined : start?.links[goal.link]?.calls;
      const ofStart = goal.atMostOfStart === undefined ? undefined : before === undefined ? NaN : Math.floor(goal.atMostOfStart * before);
      const pass =
        (goal.atMost === undefined || v <= goal.atMost) &&
        (goal.atLeast === undefined || v >= goal.atLeast) &&
        (ofStart === undefined || v <= ofStart);
      const share = goal.atMostOfStart === undefined ? '' : goal.atMostOfStart === 0.5 ? 'half' : pct(goal.atMostOfStart);
      const target = [
        goal.atMost !== undefined ? `at most ${goal.atMost}` : '',
        goal.atLeast !== undefined ? `at least ${goal.atLeast}` : '',
        ofStart === undefined
          ? ''
          : Number.isNaN(ofStart)
            ? `at most ${share} of the starting system's (not measured yet)`
            : `at most ${ofStart} (${share} of the starting system's ${before})`,
      ]
        .filter(Boolean)
        .join(' and ');
      const described =
        goal.atMostOfStart === undefined
          ? `${target} calls over ${goal.link}`
          : `at most ${share} as many calls over ${goal.link} as the starting system makes`;
      return result(described, pass, v, `${v} calls went over ${goal.link}`, target, count('calls', v));
    }
    case 'lost': {
      const q = report.queues[goal.broker],
        s = report.streams[goal.broker];
      const v = q ? q.dropped + q.deadLettered : s ? s.skipped + s.expiredUnread : 0;
      return result(
        `no more than ${goal.atMost} messages lost by ${goal.broker}`,
        v <= goal.atMost,
        v,
        `${goal.broker} lost ${v} message${v === 1 ? '' : 's'}`,
        `at most ${goal.atMost}`,
        count('lost', v),
      );
    }
    case 'inOrder': {
      const v = report.streams[goal.broker]?.outOfOrder ?? 0;
      return result(
        `${possessive(goal.broker)} consumers process each key's messages in order${goal.atMost > 0 ? ` (at most ${goal.atMost} out of order)` : ''}`,
        v <= goal.atMost,
        v,
        v === 0
          ? `every key's messages were processed in order`
          : `${v} message${v === 1 ? ' was' : 's were'} processed after a later one of the same key`,
        `at most ${goal.atMost} out of order`,
        count('out of order', v),
      );
    }
    case 'lag': {
      const partitions = report.streams[goal.broker]?.partitions ?? [];
      const v = partitions.reduce((sum, p) => sum + (p.lag[goal.group] ?? 0), 0);
      return result(
        `group ${goal.group} keeps up with ${goal.broker}: lag at most ${goal.atMost} messages`,
        v <= goal.atMost,
        v,
        `group ${goal.group} was ${v} message${v === 1 ? '' : 's'} behind`,
        `at most ${goal.atMost} behind`,
        count('behind', v),
      );
    }
    case 'breakerOpened': {
      const { opened, failuresBefore } = breakerOpening(sim, goal.link);
      const pass = opened && (goal.beforeFailures === undefined || failuresBefore < goal.beforeFailures);
      const text = opened
        ? `the breaker on ${goal.link} opened after ${failuresBefore} failed call${failuresBefore === 1 ? '' : 's'}`
        : `the breaker on ${goal.link} never opened`;
      const target = goal.beforeFailures === undefined ? 'that it opens' : `that it opens before failure ${goal.beforeFailures}`;
      return result(
        `the breaker on ${goal.link} opens${goal.beforeFailures !== undefined ? ` before the ${ordinal(goal.beforeFailures)} failure` : ''}`,
        pass,
        opened ? failuresBefore : -1,
        text,
        target,
        { name: 'breaker', value: opened ? `opened after ${failuresBefore} failure${failuresBefore === 1 ? '' : 's'}` : 'never opened' },
      );
    }
  }
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** A client's requests sent in [from, to): how many, how many ended and failed, the answered ones' latencies (ms). */
function requestsOf(
  sim: Simulation,
  client: string,
  from = -Infinity,
  to = Infinity,
): { sent: number; ended: number; failed: number; latencies: number[] } {
  const { calls, ops } = sim.rt;
  const node = sim.nodeIndexOf(client);
  const out = { sent: 0, ended: 0, failed: 0, latencies: [] as number[] };
  for (let c = 0; c < calls.length; c++) {
    if (calls.caller[c] !== node || calls.parent[c] >= 0) continue;
    // A request is its plain call, or its operation's current (last) attempt.
    const op = calls.op[c];
    if (op >= 0 && ops.current[op] !== c) continue;
    const sentAt = op >= 0 ? ops.startedAt[op] : calls.sentAt[c];
    if (sentAt < from || sentAt >= to) continue;
    out.sent++;
    const status = calls.status[c];
    if (status === CallStatus.PENDING) continue;
    out.ended++;
    if (status === CallStatus.OK) out.latencies.push(calls.endedAt[c] - sentAt);
    else out.failed++;
  }
  return out;
}

function statOf(values: number[], stat: Extract<Goal, { kind: 'latency' }>['stat']): number {
  if (values.length === 0) return Infinity;
  const sorted = [...values].sort((a, b) => a - b);
  if (stat === 'mean') return sorted.reduce((x, y) => x + y, 0) / sorted.length;
  if (stat === 'max') return sorted[sorted.length - 1];
  const q = stat === 'p50' ? 0.5 : stat === 'p95' ? 0.95 : 0.99;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/** Whether link `id`'s breaker opened, and how many calls over it had failed by then. */
function breakerOpening(sim: Simulation, id: string): { opened: boolean; failuresBefore: number } {
  const { trace, calls } = sim.rt;
  const link = sim.linkIndexOf(id) ?? -1;
  // The trace only grows: a run measured again later (the live checker, at each checkpoint) reads on from where it stopped.
  const byLink = breakerScans.get(sim) ?? new Map<number, { row: number; failures: number; opened: boolean }>();
  breakerScans.set(sim, byLink);
  const scan = byLink.get(link) ?? { row: 0, failures: 0, opened: false };
  byLink.set(link, scan);
  if (!scan.opened) {
    scan.row = scanRunEvents(trace, scan.row, trace.length, (e) => {
      if (e.kind === 'breaker' && e.link === link && e.to === BreakerState.OPEN) return (scan.opened = true);
      if (((e.kind === 'received' && e.status !== CallStatus.OK) || e.kind === 'timeout') && calls.link[e.call] === link) scan.failures++;
    });
  }
  return { opened: scan.opened, failuresBefore: scan.failures };
}
const breakerScans = new WeakMap<Simulation, Map<number, { row: number; failures: number; opened: boolean }>>();

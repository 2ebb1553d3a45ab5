/**
 * A run's work, estimated from the scenario before it starts: the calls it will make, the trace
 * rows (events) it will record, and the memory those rows take.
 *
 * Two uses. The call table is allocated once from the estimate instead of doubling (and copying
 * every column) a dozen times; a low estimate just means the table grows as usual, and the
 * reservation is capped so a long scenario run only a little reserves nothing it never uses. And
 * a run whose estimate is beyond a budget is refused before it starts (the CLI, the playground),
 * rather than running until memory is gone.
 *
 * The estimate follows each client's requests through the graph (services' call plans, gateways'
 * routes, load balancers, queues, topics and streams to their consumers), with the workloads the
 * client changes to during the run, and the retries of attempts known to fail (error rates, loss);
 * the messages of streamed answers (as the rows they make), and the calls made on a timer (health
 * probes, discovery lookups, heartbeats).
 * It cannot know the failures the run itself makes (a full service refusing, timeouts, crashes),
 * nor how far a closed loop's replies are slowed by queueing; `test/engine/capacity.test.ts` checks
 * it against every shipped example (see `ESTIMATE_FACTOR`).
 */
import { callsOf, distributionMean, withDuration, type Scenario, type Workload } from '../model/index.ts';
import { clientRequests } from './clientLoad.ts';

/** Never reserve more than this many call rows up front (105 bytes each: about 28 MB). */
export const MAX_RESERVED_CALLS = 1 << 18;
const MIN_RESERVED_CALLS = 1 << 12;

/** Bytes of one trace row (a Float64 time and three Int32 words: see trace/traceLog.ts). */
export const TRACE_ROW_BYTES = 20;
/** Bytes of one call row: 13 Int32, 6 Float64 and 5 Uint8 columns (see trace/callTable.ts). */
export const CALL_ROW_BYTES = 105;
/**
 * Memory a run takes beyond its rows' own bytes: the rest of its state (messages, series, spare
 * table growth) and the collector's headroom. Measured as the growth of the CLI's peak RSS over a
 * 1 s run: M/M/1 for 2000 s 48 MB and 6000 s 156 MB, reference.json for 10 min 396 MB and 30 min
 * 858 MB, against 42, 125, 243 and 729 MB of rows (ratios 1.15 to 1.6).
 */
export const MEMORY_OVERHEAD = 1.3;
/**
 * Trace rows per call, measured over the shipped examples and lessons: 5.1 (a stream's consumers)
 * to 7.3 (instances behind a balancer), 6.2 in the middle (send, arrive, start, done, reply, end,
 * and the odd queue or breaker row).
 */
export const TRACE_ROWS_PER_CALL = 6.3;
/**
 * How far the estimate may be from the truth, either way, for every shipped example whose run has
 * at least `ESTIMATE_MIN_ROWS` trace rows (the test checks it). Smaller runs are far below any budget.
 */
export const ESTIMATE_FACTOR = 2;
export const ESTIMATE_MIN_ROWS = 10_000;

/** Rows to reserve in the call table for this scenario. */
export function reservedCalls(scenario: Scenario): number {
  return Math.min(MAX_RESERVED_CALLS, Math.max(MIN_RESERVED_CALLS, expectedCalls(scenario)));
}

/** The calls a whole run of this scenario is expected to make (with 5 % to spare), uncapped. */
export function expectedCalls(scenario: Scenario): number {
  return Math.ceil(estimateCalls(scenario) * 1.05);
}

/** A run's work, estimated before it starts. */
export interface RunEstimate {
  /** The run's length, ms. */
  readonly until: number;
  /** Calls (requests, deliveries, polls: rows of the call table). */
  readonly calls: number;
  /** Trace rows: the events the run records. */
  readonly events: number;
  /**
   * Memory the run keeps in proportion to its length: the rows it keeps (see `EstimateOptions.keeps`) and what comes with them
   * (MEMORY_OVERHEAD).
   */
  readonly bytes: number;
}

export interface EstimateOptions {
  /** The run's length, ms, as the playground's Duration or the CLI's --until (default: the scenario's duration). */
  readonly until?: number;
  /**
   * The rows the run keeps: 'all' (a full run: trace and call rows, the default), 'calls' (a
   * summary-only run whose call rows are not reused, `CallTable.reusesRows`) or 'none' (a
   * summary-only run that reuses them: its memory does not grow with the run).
   */
  readonly keeps?: 'all' | 'calls' | 'none';
}

/** Calls, events (trace rows) and bytes a run of `scenario` for `until` ms is expected to take. Pure. */
export function estimateRun(scenario: Scenario, { until, keeps = 'all' }: EstimateOptions = {}): RunEstimate {
  const run = withDuration(scenario, until);
  const calls = Math.ceil(estimateCalls(run));
  const events = Math.ceil(calls * TRACE_ROWS_PER_CALL);
  return {
    until: run.duration,
    calls,
    events,
    bytes: Math.ceil(
      ((keeps === 'all' ? events * TRACE_ROW_BYTES : 0) + (keeps === 'none' ? 0 : calls * CALL_ROW_BYTES)) * MEMORY_OVERHEAD,
    ),
  };
}

/** The calls a run of `scenario` (for its duration) is expected to make. */
function estimateCalls(scenario: Scenario): number {
  const perRequest = callsPerRequest(scenario);
  const services = new Map(scenario.nodes.flatMap((n) => (n.kind === 'service' ? [[n.id, n] as const] : [])));
  let estimate = 0;
  for (const node of scenario.nodes) {
    if (node.kind !== 'client') continue;
    // A closed loop's users wait for replies: a cycle is at least its think time and the target's own work.
    const target = services.get(node.target);
    const cycle = (w: Workload) =>
      w.pattern === 'closed' ? distributionMean(w.thinkTime) + (target ? distributionMean(target.serviceTime) : 0) : 0;
    estimate += clientRequests(node, scenario.changes, scenario.duration, cycle) * perRequest(node.target, node.id);
  }
  return estimate + periodicCalls(scenario);
}

/**
 * Calls made on a timer, whatever the load: health probes (each caller instance probes each callee
 * instance), discovery lookups (each caller instance), and heartbeats (each registered instance).
 */
function periodicCalls(scenario: Scenario): number {
  const nodes = new Map(scenario.nodes.map((n) => [n.id, n] as const));
  const instances = (id: string) => {
    const node = nodes.get(id);
    return node?.kind === 'service' ? node.replicas : 1;
  };
  const times = (interval: number) => scenario.duration / interval;
  let calls = 0;
  for (const l of scenario.links) {
    if (l.healthCheck) calls += instances(l.from) * instances(l.to) * times(l.healthCheck.interval);
    if (l.discovery) calls += instances(l.from) * times(l.discovery.refreshInterval);
    const registry = nodes.get(l.to);
    if (registry?.kind === 'registry' && nodes.get(l.from)?.kind === 'service')
      calls += instances(l.from) * times(registry.heartbeatInterval);
  }
  return calls;
}

/**
 * Calls one request to a node causes, itself included: a service's call plan, a gateway's
 * costliest route, a load balancer's service, a queue's average consumer, every subscriber of a
 * topic, one member of every consumer group of a stream. A cycle counts once. Walked with an
 * explicit stack (a long chain must not exhaust the call stack), each node's figure kept.
 */
function callsPerRequest(scenario: Scenario): (id: string, caller: string) => number {
  const nodes = new Map(scenario.nodes.map((n) => [n.id, n] as const));
  const consumers = new Map<string, { to: string; group: string }[]>();
  for (const l of scenario.links) {
    const list = consumers.get(l.from) ?? [];
    list.push({ to: l.to, group: l.group ?? l.to });
    consumers.set(l.from, list);
  }
  const links = new Map(scenario.links.map((l) => [`${l.from}\u0000${l.to}`, l] as const));
  const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  /** What one request to `id` leads to: the nodes it calls next and how their figures combine. */
  const plan = (id: string): { next: string[]; combine: (values: number[]) => number } => {
    const node = nodes.get(id);
    const downstream = (consumers.get(id) ?? []).filter((c) => nodes.get(c.to)?.kind === 'service');
    switch (node?.kind) {
      case 'service': {
        // Each call, times the attempts its retry policy makes against what is known to fail.
        const calls = node.calls.flatMap((step) => callsOf(step));
        const weights = calls.map((c) => {
          const link = links.get(`${id}\u0000${c.to}`);
          return (
            expectedAttempts(c.retry ?? link?.retry, failureChance(id, c.to)) * answerStreamWeight(link?.stream, scenario.duration) +
            (link?.polling ? pollsPerJob(link.polling, jobTime(c.to)) : 0)
          );
        });
        return { next: calls.map((c) => c.to), combine: (values) => sum(values.map((v, i) => v * weights[i])) };
      }
      case 'loadBalancer':
        return { next: [node.to], combine: sum };
      case 'gateway': {
        const routes = node.routes.map((r) => r.aggregate ?? (r.to ? [r.to] : []));
        return {
          next: routes.flat(),
          combine: (values) => {
            let i = 0;
            return Math.max(0, ...routes.map((r) => sum(r.map(() => values[i++]))));
          },
        };
      }
      case 'queue':
        return { next: downstream.map((c) => c.to), combine: mean };
      case 'topic':
        return { next: downstream.map((c) => c.to), combine: sum };
      case 'stream': {
        // One member of each group reads a message: count each group by its first member.
        const groups = new Map<string, string>();
        for (const c of downstream) if (!groups.has(c.group)) groups.set(c.group, c.to);
        return { next: [...groups.values()], combine: sum };
      }
      default:
        return { next: [], combine: () => 0 };
    }
  };
  /** How long a job at `id` takes, roughly: its own mean service time (within the run: a heavy tail's mean is infinite). */
  const jobTime = (id: string): number => {
    const node = nodes.get(id);
    return node?.kind === 'service' ? Math.min(scenario.duration, distributionMean(node.serviceTime)) : 0;
  };
  /**
   * The chance an attempt from `from` to `to` fails for a reason known before the run: the callee's error rate, the link's loss either way.
   */
  const failureChance = (from: string, to: string): number => {
    const callee = nodes.get(to);
    const loss = links.get(`${from}\u0000${to}`)?.loss ?? 0;
    return 1 - (1 - (callee?.kind === 'service' ? callee.errorRate : 0)) * (1 - loss) * (1 - loss);
  };
  const known = new Map<string, number>();
  return (root: string, caller: string) => {
    const stack = [{ id: root, ...plan(root), values: [] as number[] }];
    const onStack = new Set([root]);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      if (frame.values.length < frame.next.length) {
        const child = frame.next[frame.values.length];
        const value = known.get(child);
        if (value !== undefined) frame.values.push(value);
        else if (onStack.has(child))
          frame.values.push(1); // a cycle: the call itself, once
        else {
          stack.push({ id: child, ...plan(child), values: [] });
          onStack.add(child);
        }
        continue;
      }
      stack.pop();
      onStack.delete(frame.id);
      const total = 1 + frame.combine(frame.values);
      known.set(frame.id, total);
      stack[stack.length - 1]?.values.push(total);
    }
    const link = links.get(`${caller}\u0000${root}`);
    return (
      (known.get(root) ?? 1) *
      expectedAttempts(link?.retry, failureChance(caller, root)) *
      answerStreamWeight(link?.stream, scenario.duration)
    );
  };
}

/**
 * Polls of an async HTTP job of `job` ms (each a call of its own): the waits start at `interval`,
 * grow by `multiplier` up to `cap`, until the job is done. Closed form past the cap, so a job of
 * hours polled every microsecond costs no loop of its length.
 */
function pollsPerJob(polling: { readonly interval: number; readonly multiplier: number; readonly cap: number }, job: number): number {
  let waited = 0;
  let wait = Math.min(polling.interval, polling.cap);
  let polls = 0;
  while (waited < job && wait < polling.cap) {
    waited += wait;
    polls++;
    wait = Math.min(polling.cap, wait * polling.multiplier);
    if (polling.multiplier === 1) break;
  }
  return polls + Math.max(0, Math.ceil((job - waited) / wait));
}

/** Trace rows of one streamed message after the first: its PUSH and its PUSH_RECEIVED. */
const ROWS_PER_PUSH = 2;

/**
 * A call whose answer is streamed, counted in calls: its messages after the first, as the rows they
 * make. A gRPC stream has `messages`; WebSocket pushes go on until the connection closes, which
 * for a call made at a uniformly random time is half the run away on average.
 */
function answerStreamWeight(stream: { readonly messages?: number; readonly interval: number } | undefined, duration: number): number {
  if (!stream) return 1;
  const messages = stream.messages ?? Math.max(1, duration / (2 * stream.interval));
  return 1 + ((messages - 1) * ROWS_PER_PUSH) / TRACE_ROWS_PER_CALL;
}

/**
 * Attempts a call makes on average when each fails with chance `p` and its retry policy allows
 * `maxAttempts` in all: 1 + p + p² + … (p^(n−1)). Failures the run makes (refusals of a full
 * service, timeouts, crashes) cannot be known before it, so they are not counted.
 */
function expectedAttempts(retry: { readonly maxAttempts: number } | undefined, p: number): number {
  if (!retry || p <= 0) return 1;
  let attempts = 0;
  let reach = 1;
  for (let k = 0; k < retry.maxAttempts; k++) {
    attempts += reach;
    reach *= p;
  }
  return attempts;
}

const COUNT_UNITS = ['', 'k', 'M', 'G', 'T', 'P', 'E'] as const;
const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'] as const;

/** A count as people read an estimate: `630`, `340 k`, `1.2 M`, `3.6 T`. */
export function formatCount(n: number): string {
  return scaled(n, 1000, COUNT_UNITS).trimEnd();
}

/** Bytes in binary units: `12 MB`, `4 GB`, `79 TB`. */
export function formatBytes(n: number): string {
  return scaled(n, 1024, BYTE_UNITS);
}

/** An estimate in a few words: `≈ 1.2 M events, 40 MB` (without memory for a run that keeps no rows). */
export function describeEstimate(estimate: RunEstimate): string {
  return `≈ ${formatCount(estimate.events)} events${estimate.bytes > 0 ? `, ${formatBytes(estimate.bytes)}` : ''}`;
}

function scaled(n: number, step: number, units: readonly string[]): string {
  if (!Number.isFinite(n)) return `∞ ${units[0]}`;
  let value = Math.max(0, n);
  let unit = 0;
  while (value >= step && unit < units.length - 1) {
    value /= step;
    unit++;
  }
  // Two significant digits at most below 100 (1.2 M, 40 MB), whole numbers above.
  const text = value < 10 && unit > 0 ? (Math.round(value * 10) / 10).toString() : Math.round(value).toString();
  return `${text} ${units[unit]}`;
}

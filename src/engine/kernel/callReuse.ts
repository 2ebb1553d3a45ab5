/**
 * A summary-only run's call rows, reused (trace/callTable.ts `reuseRows`): which scenarios may
 * reuse them, and what still refers to a call when the table is full.
 *
 * Scenarios whose arrivals are all services' requests do (no routed call): clients, services,
 * gateways and load balancers without replicas, with timeouts, faults and changes, and call
 * policies (retries, deadlines, fallbacks, breakers, bulkheads) on links, calls and changes, whose
 * operations' rows are reused along (policies/opTable.ts). So do those with replicas behind
 * balanced links (outlier ejection too), active health checks and registries (discovery,
 * heartbeats), whose calls (a balanced call in flight, a probe, a heartbeat or
 * lookup) `markRoutedCalls` marks. Not yet those with brokers, polling, event-only publishes,
 * streams, connection pools or streamed answers: they keep rows of finished calls in tables of
 * their own (a message's publish, a stream's deliveries); their summary-only runs keep no trace
 * rows, but their call table grows with the run as a full run's does.
 */
import { Ev, type Runtime } from './runtime.ts';
import { CallStatus } from '../trace/eventTypes.ts';

/** Whether a run of this scenario, built into `rt`, may reuse the rows of finished calls. */
export function mayReuseCallRows(rt: Runtime): boolean {
  // Balancers, registries and health checks may be on: `markRoutedCalls` marks their calls.
  return rt.queues.length === 0 && !rt.polling && !rt.eventOnly && rt.streams.length === 0 && !rt.pooled && !rt.answerStreams;
}

/**
 * Marks in `live` every call something still refers to: a pending request's
 * arrival, a work's end, a reply's arrival, a timeout (stale ones too: a lane reads its call's
 * status when the timeout reaches its head), a place in a waiting line or a worker, and a key of
 * the maps kept by call (bearer tokens, a gateway's route, a call's own path), and what call
 * policies refer to (`markOperations`, which also frees the operations nothing refers to).
 * The call table adds the calls still pending at their callers and the parents of marked ones.
 */
export function markLiveCalls(rt: Runtime, live: Uint8Array): void {
  rt.queue.forEachPending((word, arg) => {
    const kind = word & 255;
    if (kind === Ev.REQUEST_ARRIVE || kind === Ev.WORK_DONE || kind === Ev.REPLY_ARRIVE) live[arg] = 1;
  });
  rt.timeouts.forEachArg((c) => {
    live[c] = 1;
  });
  const calls = rt.calls;
  for (const svc of rt.services) {
    if (!svc) continue;
    const mask = svc.line.length - 1;
    for (let k = 0; k < svc.lineLength; k++) live[svc.line[(svc.lineHead + k) & mask]] = 1;
    for (let c = svc.activeHead; c >= 0; c = calls.nextActive[c]) live[c] = 1;
  }
  for (const c of rt.requestTokens.keys()) live[c] = 1;
  for (const c of rt.gatewayRoute.keys()) live[c] = 1;
  for (const c of rt.callPath.keys()) live[c] = 1;
  if (rt.routed) markRoutedCalls(rt, live);
  if (rt.policies.length !== 0) markOperations(rt, live);
}

/**
 * Marks the calls balancers, health checks and registries keep by id: each caller instance's
 * balancer's calls in flight (`position`), the probes in flight, and the registry calls
 * (heartbeats, deregistrations, lookups) with a lookup's link and answer. Their timers (ejection
 * ends, probes, refreshes, heartbeats, leases) name links, instances and registrations, no call.
 * Most of these are pending, so marked anyway (probes and registry calls always have a timeout,
 * and leave their maps as they end), but a balanced call lost without a timeout stays in its
 * balancer's `position` for good, as in a full run: its row, reused by a call over the same
 * balancer that ends unsent (no instance), would be taken for it.
 */
function markRoutedCalls(rt: Runtime, live: Uint8Array): void {
  if (rt.balanced) {
    for (const link of rt.links) for (const b of link.balancers ?? []) for (const c of b.position.keys()) live[c] = 1;
  }
  for (const c of rt.probeCalls.keys()) live[c] = 1;
  for (const c of rt.registryCalls.keys()) live[c] = 1;
  for (const c of rt.lookupFor.keys()) live[c] = 1;
  for (const c of rt.lookupAnswers.keys()) live[c] = 1;
}

/**
 * Marks what call policies still refer to, and frees the operations nothing refers to. An
 * attempt waiting in a bulkhead's line is pending (it leaves the line as it ends), so kept as
 * such; one whose wait there has an end due is live until then; an operation is live
 * while it is pending, while a retry or deadline event names it, or while any of its attempts is
 * live (its late reply reads the operation). A pending operation, or one with a live attempt,
 * keeps its whole chain of attempts, current back to first: a new attempt copies the last one's
 * root, the operation's end reports its first, a gateway finds a call's path by its first, so no
 * link of the chain may be a reused row. Marking attempts marks their parent (the request that
 * made them), whose own operation must then be live too: repeated until nothing new is marked
 * (a guard: a pending operation's parent holds a worker while it calls, so it is marked already).
 */
function markOperations(rt: Runtime, live: Uint8Array): void {
  const calls = rt.calls,
    ops = rt.ops;
  const liveOps = new Uint8Array(ops.parent.length);
  rt.queue.forEachPending((word, arg) => {
    const kind = word & 255;
    if (kind === Ev.BULKHEAD_TIMEOUT) live[arg] = 1;
    else if (kind === Ev.RETRY || kind === Ev.OP_DEADLINE) liveOps[arg] = 1;
  });
  const rows = calls.rowsHandedOut,
    opRows = ops.rowsHandedOut;
  const chained = new Uint8Array(ops.parent.length);
  for (;;) {
    closeOverParents(rt, live, rows);
    let added = false;
    for (let x = 0; x < rows; x++) {
      const op = calls.op[x];
      if (live[x] === 1 && op >= 0 && chained[op] === 0) chained[op] = 2;
    }
    for (let op = 0; op < opRows; op++) {
      if (ops.status[op] === CallStatus.PENDING && chained[op] === 0) chained[op] = 2;
      if (chained[op] !== 2) continue;
      chained[op] = 1;
      liveOps[op] = 1;
      for (let c = ops.current[op]; c >= 0; c = calls.previous[c]) {
        if (live[c] === 0) {
          live[c] = 1;
          added = true;
        }
      }
    }
    if (!added) break;
  }
  ops.collect(liveOps);
}

/** Marks the calls still pending at their callers, and the parents (up the chain) of every marked call. */
function closeOverParents(rt: Runtime, live: Uint8Array, rows: number): void {
  const parent = rt.calls.parent,
    status = rt.calls.status;
  for (let x = 0; x < rows; x++) {
    if (parent[x] === -2) continue; // a free row
    if (status[x] === CallStatus.PENDING) live[x] = 1;
    if (live[x] === 1) for (let p = parent[x]; p >= 0 && live[p] === 0; p = parent[p]) live[p] = 1;
  }
}

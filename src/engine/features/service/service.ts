/**
 * A service: a pool of workers, a FIFO waiting line (optionally bounded), its own work (a
 * service-time draw, maybe an error), then its call plan, step by step, holding the worker
 * while it waits on downstream calls. The reply goes back over the same link.
 */
import { sample } from '../../core/sampler.ts';
import { refilled } from '../../core/tokenBucket.ts';
import { Ev, type PlanStep, type Runtime, type ServiceRuntime } from '../../kernel/runtime.ts';
import { Phase } from '../../trace/callTable.ts';
import { CallStatus, DropReason, RejectReason, TraceType } from '../../trace/eventTypes.ts';
import { startCall } from '../../kernel/calls.ts';
import { messageLost, transmit } from '../../kernel/link.ts';
import { FETCH_CALL, JOB_ACCEPTED, SUBCALL_FAILED } from '../../kernel/callFlags.ts';
import { handlers } from '../../kernel/handlers.ts';

/** Brings the time integrals up to now; call before anything that changes busy or line length. */
export function touch(rt: Runtime, svc: ServiceRuntime): void {
  const dt = rt.now - svc.lastChange;
  if (dt > 0) {
    svc.busyArea += svc.busy * dt;
    svc.lineArea += svc.lineLength * dt;
    svc.inSystemArea += (svc.busy + svc.lineLength) * dt;
    svc.lastChange = rt.now;
  }
}

/**
 * A new inbound rate limiter (undefined or null: none). The bucket starts full; a limiter that
 * replaces another keeps the tokens it had, up to the new bucket's size.
 */
export function setRateLimit(svc: ServiceRuntime, limit: { rate: number; burst: number } | null | undefined, now = 0): void {
  const had = svc.limitRate > 0;
  if (had) refill(svc, now);
  svc.limitRate = limit ? limit.rate / 1000 : 0;
  svc.limitBurst = limit ? limit.burst : 0;
  svc.tokens = limit ? (had ? Math.min(svc.tokens, limit.burst) : limit.burst) : 0;
  svc.tokensAt = now;
}

/** New load shedding (undefined or null: none). */
export function setShedding(svc: ServiceRuntime, shedding: { maxLine?: number; maxQueueTime?: number } | null | undefined): void {
  svc.shedLine = shedding?.maxLine ?? Infinity;
  svc.maxQueueTime = shedding?.maxQueueTime ?? Infinity;
}

/** The token bucket as of `now`: refilled at its rate since it was last looked at, up to its size. */
function refill(svc: ServiceRuntime, now: number): void {
  if (now > svc.tokensAt) {
    svc.tokens = refilled(svc.tokens, svc.tokensAt, now, svc.limitRate, svc.limitBurst);
    svc.tokensAt = now;
  }
}

/**
 * A request reached the service. It is refused if the service is down, if its rate limiter has
 * no token, or if no worker is free and the line is at the shedding bound or its capacity.
 */
export function onRequestArrive(rt: Runtime, c: number): void {
  const calls = rt.calls;
  const svc = rt.service(calls.callee[c]);
  calls.arrivedAt[c] = rt.now;
  svc.arrivals++;
  rt.trace.recordNow(TraceType.ARRIVE, svc.node, c, 0);
  if (!svc.accepting) {
    reject(rt, svc, c, RejectReason.UNAVAILABLE);
    return;
  }
  if (rt.now >= calls.deadline[c]) {
    reject(rt, svc, c, RejectReason.DEADLINE_PASSED); // its caller gave up on the way
    return;
  }
  if (svc.gateway !== undefined) {
    // A gateway routes, authenticates and rate-limits at the door (features/gateway/gateway.ts).
    const refused = handlers.admit(rt, svc, c);
    if (refused !== 0) {
      reject(rt, svc, c, refused);
      return;
    }
  }
  if (svc.limitRate > 0) {
    refill(svc, rt.now);
    if (svc.tokens < 1) {
      reject(rt, svc, c, RejectReason.RATE_LIMITED);
      return;
    }
    svc.tokens -= 1;
  }
  if (svc.busy < svc.workers) {
    touch(rt, svc);
    // A job over a polling link is accepted (its 202 sent) before the work it starts.
    if (rt.polling && rt.links[calls.link[c]].polling !== undefined) handlers.acceptJob(rt, c);
    startWork(rt, svc, c);
  } else if (svc.lineLength >= svc.shedLine && svc.shedLine < svc.capacity) {
    reject(rt, svc, c, RejectReason.SHED);
  } else if (svc.lineLength >= svc.capacity) {
    reject(rt, svc, c, RejectReason.QUEUE_FULL);
  } else {
    touch(rt, svc);
    if (rt.polling && rt.links[calls.link[c]].polling !== undefined) handlers.acceptJob(rt, c);
    enqueue(svc, c);
    calls.phase[c] = Phase.QUEUED;
    rt.trace.recordNow(TraceType.QUEUE, svc.node, c, svc.lineLength);
  }
}

// The line's length is a power of two, so positions wrap with a mask (an integer % is a division).
function enqueue(svc: ServiceRuntime, c: number): void {
  let line = svc.line;
  if (svc.lineLength === line.length) {
    const bigger = new Int32Array(line.length * 2);
    for (let i = 0; i < svc.lineLength; i++) bigger[i] = line[(svc.lineHead + i) & (line.length - 1)];
    svc.line = line = bigger;
    svc.lineHead = 0;
  }
  line[(svc.lineHead + svc.lineLength) & (line.length - 1)] = c;
  svc.lineLength++;
  if (svc.lineLength > svc.maxLine) svc.maxLine = svc.lineLength;
}

function dequeue(svc: ServiceRuntime): number {
  const line = svc.line;
  const c = line[svc.lineHead];
  svc.lineHead = (svc.lineHead + 1) & (line.length - 1);
  svc.lineLength--;
  return c;
}

/**
 * Gives free workers to requests waiting in line (after the pool grew). The caller has brought
 * the time integrals up to date.
 */
export function fillWorkers(rt: Runtime, svc: ServiceRuntime): void {
  while (svc.busy < svc.workers && svc.lineLength > 0 && svc.accepting) startNext(rt, svc);
}

/**
 * A free worker takes the next request in line, refusing on the way those that waited longer
 * than the service allows (load shedding: their callers have likely given up already).
 */
function startNext(rt: Runtime, svc: ServiceRuntime): void {
  while (svc.lineLength > 0) {
    const c = dequeue(svc);
    if (rt.now - rt.calls.arrivedAt[c] > svc.maxQueueTime) reject(rt, svc, c, RejectReason.WAITED_TOO_LONG);
    else if (rt.now >= rt.calls.deadline[c]) reject(rt, svc, c, RejectReason.DEADLINE_PASSED);
    else {
      startWork(rt, svc, c);
      return;
    }
  }
}

/** Refuses a request at once; the refusal travels back like any reply. */
function reject(rt: Runtime, svc: ServiceRuntime, c: number, reason: number): void {
  const calls = rt.calls;
  svc.rejected++;
  calls.phase[c] = Phase.REJECTED;
  calls.reply[c] = CallStatus.REJECTED;
  calls.reason[c] = reason;
  calls.repliedAt[c] = rt.now;
  rt.trace.recordNow(TraceType.REJECT, svc.node, c, reason);
  // A job refused from the line after its 202: the caller learns it from its next poll.
  if (!rt.polling || (calls.flags[c] & JOB_ACCEPTED) === 0) transmit(rt, rt.links[calls.link[c]], c, false);
}

/** A worker takes request c (the caller has already brought the integrals up to date). */
function startWork(rt: Runtime, svc: ServiceRuntime, c: number): void {
  const calls = rt.calls;
  svc.busy++;
  svc.started++;
  calls.phase[c] = Phase.WORKING;
  calls.startedAt[c] = rt.now;
  svc.waitSum += rt.now - calls.arrivedAt[c];
  // Join the list of calls holding a worker, so a crash can find them.
  calls.prevActive[c] = -1;
  calls.nextActive[c] = svc.activeHead;
  if (svc.activeHead >= 0) calls.prevActive[svc.activeHead] = c;
  svc.activeHead = c;
  rt.trace.recordNow(TraceType.START, svc.node, c, 0);
  const work = sample(svc.serviceTime, svc.rngWork) * svc.slowFactor;
  rt.queue.pushDefault(rt.now + work, Ev.WORK_DONE, c); // at Priority.MESSAGE
}

/** The worker's own work on c is done: fail, reply, or start calling downstream. */
export function onWorkDone(rt: Runtime, c: number): void {
  const calls = rt.calls;
  if (calls.phase[c] !== Phase.WORKING) return; // lost in a crash meanwhile
  const svc = rt.service(calls.callee[c]);
  const failed = svc.errorRate > 0 && svc.rngErrors.next() < svc.errorRate;
  rt.trace.recordNow(TraceType.WORK_DONE, svc.node, c, failed ? 1 : 0);
  if (failed) reply(rt, svc, c, CallStatus.ERROR);
  else if (rt.eventOnly && eventWork(rt, c)) return;
  else if (planOf(rt, svc, c).length === 0) reply(rt, svc, c, CallStatus.OK);
  else if (rt.now >= calls.deadline[c])
    reply(rt, svc, c, CallStatus.ERROR); // its caller gave up: no calls for it
  else startStep(rt, svc, c, 0);
}

/**
 * With event-only publishes: a consumer's delivery calls the publisher back for the data before
 * its plan; the publisher answers such a fetch with its own work alone (a read, not its plan of
 * calls and publishes). True if it took care of c.
 */
function eventWork(rt: Runtime, c: number): boolean {
  if ((rt.calls.flags[c] & FETCH_CALL) !== 0) {
    reply(rt, rt.service(rt.calls.callee[c]), c, CallStatus.OK);
    return true;
  }
  return rt.now < rt.calls.deadline[c] && handlers.fetchForEvent(rt, c);
}

function startStep(rt: Runtime, svc: ServiceRuntime, c: number, stepIndex: number): void {
  const calls = rt.calls;
  const step = planOf(rt, svc, c)[stepIndex];
  const n = step.callees.length;
  calls.phase[c] = Phase.CALLING;
  calls.step[c] = stepIndex;
  calls.pending[c] = n;
  calls.flags[c] &= ~SUBCALL_FAILED;
  calls.firstChild[c] = calls.length;
  const deadline = calls.deadline[c];
  for (let i = 0; i < n; i++) {
    const policy = step.policies[i];
    let child: number;
    if (policy >= 0) child = handlers.startOperation(rt, c, svc.node, step.callees[i], step.links[i], step.timeoutLanes[i], policy, -1);
    else {
      child = startCall(rt, c, svc.node, step.callees[i], step.links[i], step.timeoutLanes[i]);
      // A deadline that came with the request goes along the chain.
      if (deadline < Infinity) calls.deadline[child] = deadline;
    }
    // A call to a gateway with a path of its own (set after the send: the request arrives in a later event).
    const path = step.paths?.[i];
    if (path !== undefined) rt.callPath.set(child, path);
  }
}

/** A sub-call of request `c` ended with `status` (a plain call, or a resilient one all told). */
export function subCallEnded(rt: Runtime, c: number, status: number): void {
  const calls = rt.calls;
  if (calls.phase[c] !== Phase.CALLING) return;
  if (status !== CallStatus.OK) calls.flags[c] |= SUBCALL_FAILED;
  if (--calls.pending[c] > 0) return; // a parallel step waits for all
  const svc = rt.service(calls.callee[c]);
  if ((calls.flags[c] & SUBCALL_FAILED) !== 0) reply(rt, svc, c, CallStatus.ERROR);
  else if (calls.step[c] + 1 < planOf(rt, svc, c).length) {
    if (rt.now >= calls.deadline[c])
      reply(rt, svc, c, CallStatus.ERROR); // its caller gave up: no more calls
    else startStep(rt, svc, c, calls.step[c] + 1);
  } else reply(rt, svc, c, CallStatus.OK);
}

/** The call plan request c follows at service `svc`: its own, or at a gateway its route's. */
function planOf(rt: Runtime, svc: ServiceRuntime, c: number): readonly PlanStep[] {
  return svc.gateway === undefined ? svc.plan : handlers.gatewayPlan(rt, svc, c);
}

/** Sends the reply, frees the worker and gives it the next request in line. */
function reply(rt: Runtime, svc: ServiceRuntime, c: number, status: number): void {
  const calls = rt.calls;
  touch(rt, svc);
  if (svc.gateway !== undefined) rt.gatewayRoute.delete(c);
  calls.phase[c] = Phase.REPLIED;
  calls.reply[c] = status;
  calls.repliedAt[c] = rt.now;
  leaveActive(rt, svc, c);
  // A streamed answer: this is its first message. A gRPC server stream keeps the worker to its last
  // (features/answerStream/answerStream.ts).
  const streamed = rt.answerStreams && status === CallStatus.OK && rt.links[calls.link[c]].stream !== undefined;
  if (!streamed || !handlers.holdsWorker(rt.links[calls.link[c]])) svc.busy--;
  if (status === CallStatus.OK) {
    svc.ok++;
    // A consumer's success is the message's effect (a plain scenario pays one field test).
    if (rt.queues.length !== 0) handlers.deliveryProcessed(rt, c);
  } else svc.errors++;
  svc.latency.recordSince(rt.clock, calls.arrivedAt, c);
  rt.trace.recordNow(TraceType.REPLY, svc.node, c, status);
  // An accepted job's outcome is kept for its polls, not sent (its 202 went back on arrival).
  if (!rt.polling || (calls.flags[c] & JOB_ACCEPTED) === 0) transmit(rt, rt.links[calls.link[c]], c, false);
  // The rest of a streamed answer follow (features/answerStream/answerStream.ts).
  if (streamed) handlers.startPushes(rt, rt.links[calls.link[c]], c);
  // A pool shrunk by a change stays over-full until enough work ends.
  if (svc.lineLength > 0 && svc.busy < svc.workers) startNext(rt, svc);
}

/**
 * A worker a gRPC server stream held is free again after its last message (features/answerStream/answerStream.ts): it takes the next
 * request in line.
 */
export function freeWorker(rt: Runtime, svc: ServiceRuntime): void {
  touch(rt, svc);
  svc.busy--;
  if (svc.lineLength > 0 && svc.busy < svc.workers) startNext(rt, svc);
}

function leaveActive(rt: Runtime, svc: ServiceRuntime, c: number): void {
  const calls = rt.calls;
  const prev = calls.prevActive[c],
    next = calls.nextActive[c];
  if (prev >= 0) calls.nextActive[prev] = next;
  else svc.activeHead = next;
  if (next >= 0) calls.prevActive[next] = prev;
}

/**
 * Instance `svc` is being scaled away (a clean shutdown; its machine is already stopped): it
 * refuses what waits in its line, as it refuses new calls, and finishes the work in hand.
 */
export function stopService(rt: Runtime, svc: ServiceRuntime): void {
  touch(rt, svc);
  const waiting: number[] = [];
  while (svc.lineLength > 0) waiting.push(dequeue(svc));
  for (const c of waiting) reject(rt, svc, c, RejectReason.UNAVAILABLE);
}

/**
 * The service dies: every request it holds (in line or in progress) is lost, and the calls it
 * was waiting on are abandoned. Callers find out only through their timeouts.
 */
export function crashService(rt: Runtime, svc: ServiceRuntime): void {
  const calls = rt.calls;
  touch(rt, svc);
  if (rt.answerStreams) handlers.resetAnswerStreams(rt, svc);
  const lost: number[] = [];
  while (svc.lineLength > 0) lost.push(dequeue(svc));
  for (let c = svc.activeHead; c >= 0; c = calls.nextActive[c]) {
    lost.push(c);
    if (calls.phase[c] === Phase.CALLING) abandonSubCalls(rt, svc, c);
  }
  svc.activeHead = -1;
  svc.busy = 0;
  lost.sort((a, b) => calls.id[a] - calls.id[b]); // record in call order (ids, not reused rows), not list order
  for (const c of lost) {
    calls.phase[c] = Phase.DROPPED;
    svc.dropped++;
    rt.trace.recordNow(TraceType.DROP, svc.node, c, DropReason.CRASH);
    messageLost(rt, c);
  }
}

function abandonSubCalls(rt: Runtime, svc: ServiceRuntime, c: number): void {
  const calls = rt.calls;
  if (calls.reusing) {
    abandonPlainSubCalls(rt, svc, c);
    return;
  }
  // The step's sub-calls (first attempts, for resilient ones) have consecutive ids from
  // firstChild (the plan may have changed since it began); an operation's later attempts are its own.
  for (let child = calls.firstChild[c]; child < calls.length && calls.parent[child] === c; child++) {
    if (calls.op[child] >= 0) {
      handlers.abandonOperation(rt, child);
      continue;
    }
    if (calls.status[child] !== CallStatus.PENDING) continue;
    calls.status[child] = CallStatus.ABANDONED;
    calls.endedAt[child] = rt.now;
    rt.trace.recordNow(TraceType.ABANDON, svc.node, child, 0);
  }
}

/**
 * abandonSubCalls for a table that reuses rows (trace/callTable.ts), where a step's sub-calls
 * need not have consecutive rows: its pending sub-calls are those of c still pending (those of
 * earlier steps have all ended), and its pending operations those made on c's behalf (their
 * attempts held, see callReuse.ts). Taken in id order, as the full run's walk from `firstChild`
 * takes them (abandoning an operation may send a call waiting for its bulkhead, and a traced
 * run's rows must come in the same order); an operation is abandoned at its first attempt, the
 * smallest id of its attempts, and its later ones find it over.
 */
function abandonPlainSubCalls(rt: Runtime, svc: ServiceRuntime, c: number): void {
  const calls = rt.calls;
  const children: number[] = [];
  for (let child = 0, end = calls.rowsHandedOut; child < end; child++) {
    if (calls.parent[child] === c && (calls.op[child] >= 0 || calls.status[child] === CallStatus.PENDING)) children.push(child);
  }
  children.sort((a, b) => calls.id[a] - calls.id[b]);
  for (const child of children) {
    if (calls.op[child] >= 0) {
      handlers.abandonOperation(rt, child);
      continue;
    }
    calls.status[child] = CallStatus.ABANDONED;
    calls.endedAt[child] = rt.now;
    rt.trace.recordNow(TraceType.ABANDON, svc.node, child, 0);
  }
}

/**
 * Trace rows of a request on its way to its callee and through it: SEND, DROP, ARRIVE, QUEUE,
 * START and WORK_DONE. Each function checks one row against the replay so far, then updates it.
 */
import { CallStatus, SERVICE_MODE_NAMES, ServiceMode, TraceType } from '../../../src/engine/index.ts';
import { DropReason, RejectReason } from '../../../src/engine/trace/eventTypes.ts';
import { accepting } from './activeFaults.ts';
import { Caller, Where } from './replayState.ts';
import { within, type ClientReplay } from './scenarioModel.ts';
import type { TraceReplay, TraceRow } from './traceReplay.ts';

/** The timeout a call was sent with, per the scenario; undefined when the row is too wrong to replay further. */
type SentWith = { readonly timeout: number | undefined } | undefined;

/** SEND: call `a` leaves its caller over link `b`. */
export function onSend(r: TraceReplay, row: TraceRow): void {
  const { t, node, a: c, b: l, at } = row;
  const { calls } = r;
  const { links } = r.model;
  const p = calls.parent[c];
  if (c !== r.nextCall) r.fail(`${at}: calls should be sent in id order (expected ${r.nextCall})`);
  r.nextCall = Math.max(r.nextCall, c + 1);
  if (calls.caller[c] !== node || calls.link[c] !== l || links[l]?.from !== node || links[l]?.to !== calls.callee[c])
    r.fail(`${at}: caller, link and callee disagree`);
  if (calls.sentAt[c] !== t) r.fail(`${at}: sentAt is ${calls.sentAt[c]}`);
  const sent = p < 0 ? sendRoot(r, row) : sendSubCall(r, row, p);
  if (!sent) return;
  const { timeout } = sent;
  if (calls.hasTimeout(c) !== (timeout !== undefined)) r.fail(`${at}: has a timeout: ${calls.hasTimeout(c)}, expected ${timeout}`);
  const { timeoutOf, caller, where, requestMin, requestMax } = r.perCall;
  timeoutOf[c] = timeout ?? NaN;
  caller[c] = Caller.PENDING;
  where[c] = Where.IN_TRANSIT;
  [requestMin[c], requestMax[c]] = r.wireTime(l);
  r.counters.linkCount[l].calls++;
  r.counters.linkCount[l].messages++;
  r.expectMessageFate(c, links[l].from, links[l].to, l, links[l].from);
}

/** A client's request: sent by a client, over its link, inside its window, when its workload says. */
function sendRoot(r: TraceReplay, { t, node, a: c, b: l, at }: TraceRow): SentWith {
  const { calls } = r;
  const client = r.model.clients[node];
  if (!client) {
    r.fail(`${at}: a root call not made by a client`);
    return undefined;
  }
  if (calls.root[c] !== c) r.fail(`${at}: a root call's root is ${calls.root[c]}`);
  if (l !== client.link) r.fail(`${at}: a client request over link ${l}, not its own`);
  if (!(t >= client.start && t < client.stop)) r.fail(`${at}: sent outside the client's window [${client.start}, ${client.stop})`);
  const w = client.workload;
  const k = client.roots.length;
  const tick = client.origin + ((k - client.originCount) * 1000) / client.rate;
  if (w.pattern === 'constant' && t !== tick) r.fail(`${at}: request ${k} of a constant client should be sent at ${tick}`);
  const burst =
    client.origin + Math.floor((k - client.originCount) / (w.pattern === 'bursts' ? w.size : 1)) * (w.pattern === 'bursts' ? w.every : 0);
  if (w.pattern === 'bursts' && t !== burst) r.fail(`${at}: request ${k} of a bursts client should be sent at ${burst}`);
  const user = calls.user[c];
  if (w.pattern === 'closed') {
    if (!(user >= 0 && user < w.users)) r.fail(`${at}: closed-loop request from user ${user} of ${w.users}`);
    checkThinkTime(r, client, user, t, at);
    client.lastOfUser.set(user, c);
  } else if (user !== -1) r.fail(`${at}: an open-loop request has user ${user}`);
  client.roots.push(c);
  return { timeout: client.timeout };
}

/** Closed loop: a user sends only after its previous request ended, and one think time later. */
function checkThinkTime(r: TraceReplay, client: ClientReplay, user: number, t: number, at: string): void {
  const { caller, endedAt } = r.perCall;
  const previous = client.lastOfUser.get(user);
  const [lo, hi] = client.think!;
  if (previous === undefined) {
    if (!within(t, client.start + lo, client.start + hi)) r.fail(`${at}: user ${user}'s first request should follow its first think time`);
  } else if (caller[previous] !== Caller.RECEIVED && caller[previous] !== Caller.TIMED_OUT) {
    r.fail(`${at}: user ${user} sent again while its request ${previous} has not ended`);
  } else if (!within(t - endedAt[previous], lo, hi)) {
    r.fail(`${at}: user ${user} thought ${t - endedAt[previous]} ms, not in [${lo}, ${hi}]`);
  }
}

/** A sub-call of p: made by p's callee, as the next entry of the step p is in. */
function sendSubCall(r: TraceReplay, { node, a: c, at }: TraceRow, p: number): SentWith {
  const { calls, nodeIds } = r;
  const { firstChild, stepSize } = r.perCall;
  if (!(p < c)) r.fail(`${at}: parent ${p} comes after its sub-call`);
  if (calls.callee[p] !== node)
    r.fail(`${at}: sub-call of ${p} made by ${nodeIds[node]}, not by ${p}'s callee ${nodeIds[calls.callee[p]]}`);
  if (calls.root[c] !== calls.root[p]) r.fail(`${at}: root ${calls.root[c]} differs from its parent's ${calls.root[p]}`);
  const sends = r.sends;
  if (!sends || sends.parent !== p) {
    r.fail(`${at}: sub-call of ${p} not expected now`);
    return undefined;
  }
  const e = sends.entries.shift()!;
  if (firstChild[p] < 0) firstChild[p] = c;
  else if (c - firstChild[p] !== stepSize[p] - sends.entries.length - 1) r.fail(`${at}: sub-calls of one step are not consecutive`);
  if (sends.entries.length === 0) r.sends = undefined;
  return { timeout: e.timeout };
}

/** DROP: a message of call `a` is lost, for reason `b`. */
export function onDrop(r: TraceReplay, row: TraceRow): void {
  const { t, a: c, b, at } = row;
  const { caller, lost, timeoutOf, droppedAt } = r.perCall;
  if (r.stats) r.stats.drops[b] = (r.stats.drops[b] ?? 0) + 1;
  if (b === DropReason.PARTITION || b === DropReason.LOSS) {
    if (!networkDrop(r, row)) return;
  } else if (b === DropReason.CRASH) {
    if (!crashDrop(r, row)) return;
  } else r.fail(`${at}: unknown drop reason`);
  lost[c] = 1;
  // With no timeout, the call is dropped at its first loss; with one, it will time out instead.
  if (caller[c] === Caller.PENDING && Number.isNaN(timeoutOf[c]) && Number.isNaN(droppedAt[c])) droppedAt[c] = t;
}

/** Lost on the network: right after it was sent, at its sender, by a partition or loss active now. False: not replayable. */
function networkDrop(r: TraceReplay, { i, node, a: c, b, at }: TraceRow): boolean {
  const { trace, calls, nodeIds } = r;
  const { links } = r.model;
  const l = calls.link[c];
  const prev = i > 0 ? { type: trace.type(i - 1), a: trace.a(i - 1) } : undefined;
  const request = prev?.a === c && prev.type === TraceType.SEND;
  const reply = prev?.a === c && (prev.type === TraceType.REPLY || prev.type === TraceType.REJECT);
  if (!request && !reply) {
    r.fail(`${at}: a network drop not right after the message was sent`);
    return false;
  }
  const [from, to] = request ? [links[l].from, links[l].to] : [links[l].to, links[l].from];
  if (node !== from) r.fail(`${at}: dropped at ${nodeIds[node]}, not at the sender ${nodeIds[from]}`);
  if (b === DropReason.PARTITION && !r.active.cut(from, to))
    r.fail(`${at}: partition drop with no partition from ${nodeIds[from]} to ${nodeIds[to]}`);
  if (b === DropReason.LOSS && (r.active.cut(from, to) || !(r.active.lossOn(l) > 0)))
    r.fail(`${at}: loss drop on a link with loss ${r.active.lossOn(l)}${r.active.cut(from, to) ? ' (and partitioned)' : ''}`);
  r.perCall.where[c] = request ? Where.REQUEST_LOST : Where.REPLY_LOST;
  r.counters.linkCount[l].lost++;
  return true;
}

/** Lost at a crashing callee: the requests it held, in call order, as the crash starts. False: not replayable. */
function crashDrop(r: TraceReplay, { t, node, a: c, at }: TraceRow): boolean {
  const svc = r.model.services[node];
  if (!svc || svc.crashAt !== t || svc.mode !== ServiceMode.CRASHED) {
    r.fail(`${at}: crash drop but ${r.nodeIds[node]} is not crashing now`);
    return false;
  }
  if (r.calls.callee[c] !== node) r.fail(`${at}: crash drop of a call to another node`);
  if (!(c > svc.lastCrashDrop)) r.fail(`${at}: crash drops out of call order`);
  svc.lastCrashDrop = c;
  const inLine = svc.line.indexOf(c);
  if (inLine >= 0) svc.line.splice(inLine, 1);
  else if (!svc.busy.delete(c)) r.fail(`${at}: ${svc.id} dropped a call it did not hold`);
  r.perCall.where[c] = Where.LOST_AT_CALLEE;
  svc.dropped++;
  return true;
}

/** ARRIVE: request `a` reaches its callee after the link's latency; what happens to it next is certain. */
export function onArrive(r: TraceReplay, { t, node, a: c, at }: TraceRow): void {
  const { calls } = r;
  const { where, requestMin, requestMax } = r.perCall;
  const svc = r.model.services[node];
  if (!svc || calls.callee[c] !== node) {
    r.fail(`${at}: arrived at the wrong node`);
    return;
  }
  if (where[c] !== Where.IN_TRANSIT) r.fail(`${at}: arrived but was not travelling (state ${where[c]})`);
  if (calls.arrivedAt[c] !== t) r.fail(`${at}: arrivedAt is ${calls.arrivedAt[c]}`);
  if (!within(t - calls.sentAt[c], requestMin[c], requestMax[c]))
    r.fail(`${at}: took ${t - calls.sentAt[c]} ms, outside [${requestMin[c]}, ${requestMax[c]}]`);
  svc.arrivals++;
  where[c] = Where.ARRIVED;
  if (accepting(svc.mode) && r.active.of('crash').some((f) => r.model.nodeIndex.get(f.target) === node)) {
    r.fail(`${at}: ${svc.id} is ${SERVICE_MODE_NAMES[svc.mode]} and takes requests while a crash fault on it is active`);
  }
  const refused = (reason: number, what: string) => ({
    what: `rejection of ${c} (${what})`,
    optional: false,
    test: (ty: number, nd: number, x: number, y: number) => ty === TraceType.REJECT && x === c && y === reason && nd === node,
  });
  if (!accepting(svc.mode)) {
    r.expectNext = refused(RejectReason.UNAVAILABLE, 'unavailable');
    return;
  }
  if (svc.limitRate > 0) {
    // The token bucket, refilled since it was last looked at (the same sum, in the same order, as its definition).
    if (t > svc.tokensAt) {
      svc.tokens = Math.min(svc.limitBurst, svc.tokens + (t - svc.tokensAt) * svc.limitRate);
      svc.tokensAt = t;
    }
    if (svc.tokens < 1) {
      r.expectNext = refused(RejectReason.RATE_LIMITED, 'rate limited');
      return;
    }
    svc.tokens -= 1;
  }
  if (svc.busy.size < svc.workers)
    r.expectNext = { what: `start of ${c}`, optional: false, test: (ty, nd, x) => ty === TraceType.START && x === c && nd === node };
  else if (svc.line.length >= svc.shedLine && svc.shedLine < svc.capacity) r.expectNext = refused(RejectReason.SHED, 'load shed');
  else if (svc.line.length >= svc.capacity) r.expectNext = refused(RejectReason.QUEUE_FULL, 'queue full');
  else
    r.expectNext = {
      what: `${c} queued at ${svc.line.length + 1}`,
      optional: false,
      test: (ty, nd, x, y) => ty === TraceType.QUEUE && x === c && y === svc.line.length + 1 && nd === node,
    };
}

/** QUEUE: request `a` waits for a worker, `b`-th in line. */
export function onQueue(r: TraceReplay, { node, a, b, at }: TraceRow): void {
  const { where } = r.perCall;
  const svc = r.model.services[node];
  if (!svc || where[a] !== Where.ARRIVED) {
    r.fail(`${at}: queued without arriving`);
    return;
  }
  svc.line.push(a);
  where[a] = Where.QUEUED;
  svc.maxLine = Math.max(svc.maxLine, b);
  if (b !== svc.line.length || b > svc.capacity) r.fail(`${at}: line length ${b}, expected ${svc.line.length} (capacity ${svc.capacity})`);
}

/** START: a worker takes request `a`, from the head of the line or straight on arrival. */
export function onStart(r: TraceReplay, { t, node, a: c, at }: TraceRow): void {
  const { where, startedAt, workMin, workMax } = r.perCall;
  const svc = r.model.services[node];
  if (!svc) {
    r.fail(`${at}: not a service`);
    return;
  }
  if (!accepting(svc.mode)) r.fail(`${at}: started work while ${SERVICE_MODE_NAMES[svc.mode]}`);
  if (svc.busy.size >= svc.workers) r.fail(`${at}: started work with all ${svc.workers} workers busy`);
  if (where[c] === Where.QUEUED) {
    if (svc.line[0] !== c) r.fail(`${at}: started ${c} ahead of ${svc.line[0]} (not first in, first out)`);
    if (t - r.calls.arrivedAt[c] > svc.maxQueueTime)
      r.fail(`${at}: started ${c} after it waited ${t - r.calls.arrivedAt[c]} ms, over ${svc.maxQueueTime}`);
    const k = svc.line.indexOf(c);
    if (k >= 0) svc.line.splice(k, 1);
  } else if (where[c] !== Where.ARRIVED) r.fail(`${at}: started a request that is not waiting (state ${where[c]})`);
  svc.busy.add(c);
  where[c] = Where.WORKING;
  startedAt[c] = t;
  svc.started++;
  svc.waitSum += t - r.calls.arrivedAt[c];
  // The work is drawn now: the service time and slow factor in force now are the ones that count.
  const slow = r.active.slowOf(node);
  workMin[c] = svc.work[0] * slow;
  workMax[c] = svc.work[1] * slow;
}

/** WORK_DONE: request `a`'s own work ends, failed if `b` is 1; it replies now or starts its calls. */
export function onWorkDone(r: TraceReplay, { t, node, a: c, b, at }: TraceRow): void {
  const { where, startedAt, workMin, workMax, workFailed } = r.perCall;
  const svc = r.model.services[node];
  if (!svc || !svc.busy.has(c) || where[c] !== Where.WORKING) {
    r.fail(`${at}: work done on a request not being worked on`);
    return;
  }
  if (!within(t - startedAt[c], workMin[c], workMax[c]))
    r.fail(`${at}: work took ${t - startedAt[c]} ms, outside [${workMin[c]}, ${workMax[c]}]`);
  const er = r.active.errorRateOf(node);
  if (b !== 0 && b !== 1) r.fail(`${at}: failed flag ${b}`);
  if (b === 1 && !(er > 0)) r.fail(`${at}: failed with error rate ${er}`);
  if (b === 0 && er >= 1) r.fail(`${at}: succeeded with error rate ${er}`);
  workFailed[c] = b;
  if (b === 1) r.expectReply(c, CallStatus.ERROR);
  else if (svc.plan.length === 0) r.expectReply(c, CallStatus.OK);
  else r.beginStep(c, node, 0);
}

/**
 * A client is a load generator. Open-loop patterns (constant, Poisson, bursts, ramp) send on
 * their own schedule whatever happens to earlier requests; closed-loop users each wait for the
 * outcome, think, and send again. Every request is the root of a trace.
 */
import type { Workload } from '../../../model/index.ts';
import { compileSampler, sample } from '../../core/sampler.ts';
import { Ev, Priority, type ClientRuntime, type Runtime } from '../../kernel/runtime.ts';
import { CallStatus } from '../../trace/eventTypes.ts';
import { startCall } from '../../kernel/calls.ts';
import { handlers } from '../../kernel/handlers.ts';

/** Closed-loop users per schedule tag in a send event's argument (the schema allows at most 100,000 users). */
const USER_SPAN = 131_072;

/**
 * The argument of a send event: the schedule's tag, and for a closed loop the user (see
 * `ClientRuntime.arrival`). At most 10,000 changes keep tag × USER_SPAN within 32 bits.
 */
function clientEventArg(client: ClientRuntime, user = 0): number {
  return client.arrival * USER_SPAN + user;
}

function scheduleUser(rt: Runtime, client: ClientRuntime, at: number, user: number): void {
  rt.schedule(at, Priority.MESSAGE, Ev.CLIENT_NEXT, client.node, clientEventArg(client, user));
}

/** Schedules the client's first sends (at the start of its window). */
export function startClient(rt: Runtime, client: ClientRuntime): void {
  const w = client.workload;
  if (client.start >= client.stop) return;
  switch (w.pattern) {
    case 'constant':
    case 'bursts':
      rt.schedule(client.start, Priority.MESSAGE, Ev.CLIENT_NEXT, client.node, clientEventArg(client));
      break;
    case 'poisson':
    case 'ramp':
      scheduleNextArrival(rt, client);
      break;
    case 'closed':
      for (let user = 0; user < w.users; user++) {
        const think = client.think ? sample(client.think, client.rng) : 0;
        scheduleUser(rt, client, client.start + think, user);
      }
      break;
  }
}

/**
 * The client's clock struck: send, and (open loop) schedule the next send. `arg` carries the tag
 * of the schedule that made the event (and a closed loop's user): an event of a schedule replaced
 * since (a rate change, a new workload) does nothing.
 */
export function onClientNext(rt: Runtime, client: ClientRuntime, arg: number): void {
  if (Math.floor(arg / USER_SPAN) !== client.arrival) return;
  if (rt.now >= client.stop) return;
  const w = client.workload;
  switch (w.pattern) {
    case 'constant': {
      send(rt, client, -1);
      client.ticks++;
      rt.schedule(client.origin + (client.ticks * 1000) / client.rate, Priority.MESSAGE, Ev.CLIENT_NEXT, client.node, arg);
      break;
    }
    case 'bursts': {
      for (let i = 0; i < w.size; i++) send(rt, client, -1);
      client.ticks++;
      rt.schedule(client.origin + client.ticks * w.every, Priority.MESSAGE, Ev.CLIENT_NEXT, client.node, arg);
      break;
    }
    case 'poisson':
    case 'ramp':
      send(rt, client, -1);
      scheduleNextArrival(rt, client);
      break;
    case 'closed':
      send(rt, client, arg % USER_SPAN);
      break;
  }
}

/**
 * Next arrival of a Poisson process after now (or after the client's start, if later). For a
 * ramp the rate varies over time, so arrivals come from thinning (Lewis & Shedler): draw at the
 * peak rate, keep each candidate with probability rate(t) / peak. (No time argument: it would be
 * boxed whenever V8 does not inline this.)
 */
function scheduleNextArrival(rt: Runtime, client: ClientRuntime): void {
  const w = client.workload;
  const rng = client.rng;
  let t = rt.now > client.start ? rt.now : client.start;
  if (w.pattern === 'poisson') {
    t += (1000 / client.rate) * rng.exponential();
  } else if (w.pattern === 'ramp') {
    const peak = Math.max(w.from, w.to);
    do {
      t += (1000 / peak) * rng.exponential();
      if (t >= client.stop) return;
    } while (rng.next() * peak >= rampRate(w.from, w.to, w.over, t - client.start));
  }
  if (t < client.stop) rt.queue.pushDefault(t, Ev.CLIENT_NEXT | (client.node << 8), clientEventArg(client)); // at Priority.MESSAGE
}

function rampRate(from: number, to: number, over: number, elapsed: number): number {
  return elapsed >= over ? to : from + ((to - from) * elapsed) / over;
}

function send(rt: Runtime, client: ClientRuntime, user: number): void {
  client.sent++;
  // The bearer token is the request's, for all its attempts (kept by its first call: every attempt's root).
  // Setting it after the send is in time: the request arrives in a later event.
  const token = client.tokens === undefined ? -1 : handlers.drawToken(client);
  if (client.policy >= 0) {
    const c = handlers.startOperation(rt, -1, client.node, client.target, client.link, client.timeoutLane, client.policy, user);
    if (token >= 0) rt.requestTokens.set(rt.calls.root[c], token);
    return;
  }
  const c = startCall(rt, -1, client.node, client.target, client.link, client.timeoutLane);
  if (token >= 0) rt.requestTokens.set(c, token);
  if (user >= 0) rt.calls.user[c] = user; // a new call's user is already -1 (open loop)
}

/** The client's plain request c ended (ok, error, timeout or rejection). */
export function clientCallEnded(rt: Runtime, c: number): void {
  clientRequestEnded(rt, c, rt.calls.status[c]);
}

/**
 * The client's request whose (first) call is c ended with `status`: a plain call, or a resilient
 * one whose attempts and fallback are over. Its latency runs from c's start.
 */
export function clientRequestEnded(rt: Runtime, c: number, status: number): void {
  const calls = rt.calls;
  const client = rt.clients[calls.caller[c]] as ClientRuntime;
  if (client.tokens !== undefined) rt.requestTokens.delete(calls.root[c]);
  switch (status) {
    case CallStatus.OK:
      client.completed++;
      client.latency.recordSince(rt.clock, calls.sentAt, c);
      break;
    case CallStatus.ERROR:
      client.failed++;
      break;
    case CallStatus.TIMEOUT:
      client.timedOut++;
      break;
    // Refused by the service, or (a resilient call) by the client's own breaker or bulkhead.
    case CallStatus.REJECTED:
    case CallStatus.NOT_PERMITTED:
      client.rejected++;
      break;
  }
  const user = calls.user[c];
  // A user of a workload replaced since it sent this request has left.
  if (user >= 0 && calls.sentAt[c] >= client.since && client.workload.pattern === 'closed') {
    const think = client.think ? sample(client.think, client.rng) : 0;
    scheduleUser(rt, client, rt.now + think, user);
  }
}

/** The client's request c is lost with no timeout to notice: counted, and its user is stuck. */
export function clientRequestDropped(rt: Runtime, c: number): void {
  (rt.clients[rt.calls.caller[c]] as ClientRuntime).dropped++;
}

/**
 * A new open-loop rate from now on. A constant schedule keeps its already-scheduled tick and counts
 * from there at the new rate. Poisson arrivals are memoryless, so the next one is drawn afresh
 * from now (or from the start, if not yet started) at the new rate; the pending one, drawn at the
 * old rate, is dropped: kept, a rate raised from 0.01/s would wait ~100 s for it.
 */
export function changeClientRate(rt: Runtime, client: ClientRuntime, rate: number): void {
  if (client.workload.pattern === 'constant') {
    client.origin += (client.ticks * 1000) / client.rate;
    client.ticks = 0;
  }
  client.rate = rate;
  if (client.workload.pattern === 'poisson' && client.start < client.stop && rt.now < client.stop) {
    client.arrival++;
    scheduleNextArrival(rt, client);
  }
}

/**
 * A new workload from now on: the old schedule ends (its pending sends are ignored, closed-loop
 * users with a request out leave when it ends) and the new one starts as a client starts, at the
 * later of now and its own start, until its stop (default: the end of the run).
 */
export function changeClientWorkload(rt: Runtime, client: ClientRuntime, w: Workload, duration: number): void {
  client.workload = w;
  client.start = Math.max(rt.now, w.start ?? 0);
  client.stop = w.stop ?? duration;
  client.think = w.pattern === 'closed' ? compileSampler(w.thinkTime) : undefined;
  client.rate = w.pattern === 'constant' || w.pattern === 'poisson' ? w.rate : 0;
  client.origin = client.start;
  client.ticks = 0;
  client.arrival++;
  client.since = rt.now;
  startClient(rt, client);
}

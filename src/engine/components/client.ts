/**
 * A client is a load generator. Open-loop patterns (constant, Poisson, bursts, ramp) send on
 * their own schedule whatever happens to earlier requests; closed-loop users each wait for the
 * outcome, think, and send again. Every request is the root of a trace.
 */
import { sample } from '../core/sampler.ts';
import { Ev, Priority, type ClientRuntime, type Runtime } from '../runtime.ts';
import { CallStatus } from '../trace/eventTypes.ts';
import { startCall } from './calls.ts';

/** Schedules the client's first sends. */
export function startClient(rt: Runtime, client: ClientRuntime): void {
  const w = client.workload;
  if (client.start >= client.stop) return;
  switch (w.pattern) {
    case 'constant':
    case 'bursts':
      rt.schedule(client.start, Priority.MESSAGE, Ev.CLIENT_NEXT, client.node, -1);
      break;
    case 'poisson':
    case 'ramp':
      scheduleNextArrival(rt, client, client.start);
      break;
    case 'closed':
      for (let user = 0; user < w.users; user++) {
        const think = client.think ? sample(client.think, client.rng) : 0;
        rt.schedule(client.start + think, Priority.MESSAGE, Ev.CLIENT_NEXT, client.node, user);
      }
      break;
  }
}

/** The client's clock struck: send, and (open loop) schedule the next send. */
export function onClientNext(rt: Runtime, client: ClientRuntime, user: number): void {
  if (rt.now >= client.stop) return;
  const w = client.workload;
  switch (w.pattern) {
    case 'constant': {
      send(rt, client, -1);
      client.ticks++;
      rt.schedule(client.origin + (client.ticks * 1000) / client.rate, Priority.MESSAGE, Ev.CLIENT_NEXT, client.node, -1);
      break;
    }
    case 'bursts': {
      for (let i = 0; i < w.size; i++) send(rt, client, -1);
      client.ticks++;
      rt.schedule(client.start + client.ticks * w.every, Priority.MESSAGE, Ev.CLIENT_NEXT, client.node, -1);
      break;
    }
    case 'poisson':
    case 'ramp':
      send(rt, client, -1);
      scheduleNextArrival(rt, client, rt.now);
      break;
    case 'closed':
      send(rt, client, user);
      break;
  }
}

/**
 * Next arrival of a Poisson process after `from`. For a ramp the rate varies over time, so
 * arrivals come from thinning (Lewis & Shedler): draw at the peak rate, keep each candidate
 * with probability rate(t) / peak.
 */
function scheduleNextArrival(rt: Runtime, client: ClientRuntime, from: number): void {
  const w = client.workload;
  const rng = client.rng;
  let t = from;
  if (w.pattern === 'poisson') {
    t += (1000 / client.rate) * rng.exponential();
  } else if (w.pattern === 'ramp') {
    const peak = Math.max(w.from, w.to);
    do {
      t += (1000 / peak) * rng.exponential();
      if (t >= client.stop) return;
    } while (rng.next() * peak >= rampRate(w.from, w.to, w.over, t - client.start));
  }
  if (t < client.stop) rt.schedule(t, Priority.MESSAGE, Ev.CLIENT_NEXT, client.node, -1);
}

function rampRate(from: number, to: number, over: number, elapsed: number): number {
  return elapsed >= over ? to : from + ((to - from) * elapsed) / over;
}

function send(rt: Runtime, client: ClientRuntime, user: number): void {
  client.sent++;
  const c = startCall(rt, -1, client.node, client.target, client.link, client.timeoutLane);
  rt.calls.user[c] = user;
}

/** The client's request c ended (ok, error, timeout or rejection). */
export function clientCallEnded(rt: Runtime, c: number): void {
  const calls = rt.calls;
  const client = rt.clients[calls.caller[c]] as ClientRuntime;
  switch (calls.status[c]) {
    case CallStatus.OK:
      client.completed++;
      client.latency.record(rt.now - calls.sentAt[c]);
      break;
    case CallStatus.ERROR: client.failed++; break;
    case CallStatus.TIMEOUT: client.timedOut++; break;
    case CallStatus.REJECTED: client.rejected++; break;
  }
  const user = calls.user[c];
  if (user >= 0) {
    const think = client.think ? sample(client.think, client.rng) : 0;
    rt.schedule(rt.now + think, Priority.MESSAGE, Ev.CLIENT_NEXT, client.node, user);
  }
}

/** The client's request c is lost with no timeout to notice: counted, and its user is stuck. */
export function clientRequestDropped(rt: Runtime, c: number): void {
  (rt.clients[rt.calls.caller[c]] as ClientRuntime).dropped++;
}

/**
 * A new open-loop rate from now on. Poisson arrivals are memoryless, so the next draw simply uses
 * it; a constant schedule keeps its already-scheduled tick and counts from there at the new rate.
 */
export function changeClientRate(client: ClientRuntime, rate: number): void {
  if (client.workload.pattern === 'constant') {
    client.origin += (client.ticks * 1000) / client.rate;
    client.ticks = 0;
  }
  client.rate = rate;
}

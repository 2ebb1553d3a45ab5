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

/**
 * The client's clock struck: send, and (open loop) schedule the next send. `arg` is the user of a
 * closed loop, or the tag of a random arrival (see `ClientRuntime.arrival`); -1 otherwise.
 */
export function onClientNext(rt: Runtime, client: ClientRuntime, arg: number): void {
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
      if (arg !== client.arrival) return; // drawn at a rate changed since
      send(rt, client, -1);
      scheduleNextArrival(rt, client, rt.now);
      break;
    case 'closed':
      send(rt, client, arg);
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
  if (t < client.stop) rt.schedule(t, Priority.MESSAGE, Ev.CLIENT_NEXT, client.node, client.arrival);
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
    scheduleNextArrival(rt, client, Math.max(rt.now, client.start));
  }
}

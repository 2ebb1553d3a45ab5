// M/M/1 queue written for js-simulator (https://github.com/chen0040/js-simulator),
// in the library's own idiom: agents are SimEvent subclasses whose update()
// is fired by a jssim.Scheduler; one-shot future events are (re)scheduled with
// scheduler.scheduleOnceIn(agent, delay); the FIFO line is a jssim.Queue.
//
// Model: one server, FIFO unbounded queue, Poisson arrivals λ = 90/s,
// exponential service with mean 10 ms (μ = 100/s); time unit = ms.
// Runs until `customers` customers have *completed* and returns the mean
// time in system (departure − arrival). Theory: 1/(μ−λ) = 100 ms.
//
// With `hopMs` > 0 the customer also crosses a network both ways, as in the
// engine's mm1.json (a zero-latency gRPC link still takes the protocol's
// overhead per message): the request reaches the server `hopMs` after it is
// sent, the reply reaches the client `hopMs` after the work ends, and time in
// system runs from send to reply (theory 100 ms + 2 hops). Each message in
// flight is its own one-shot SimEvent (a Delivery), the library's idiom: an
// event object carries its own firing time, so one object is pending once.
//
// js-simulator has no random-number generator of its own (it calls
// Math.random() internally only to shuffle same-time/same-rank events and to
// build guids, neither of which this model triggers), so a small seeded
// PRNG (mulberry32) is used for the arrival and service variates.

import jssim from 'js-simulator';

const ARRIVAL_RATE_PER_MS = 90 / 1000; // λ
const SERVICE_RATE_PER_MS = 100 / 1000; // μ

/** mulberry32: tiny, fast, seedable 32-bit PRNG; returns uniforms in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Exponential variate with the given rate; 1 − u ∈ (0, 1] so log never sees 0. */
function exponential(uniform: () => number, rate: number): number {
  return -Math.log(1 - uniform()) / rate;
}

/** Whoever a Delivery hands its message to. */
interface Recipient {
  receive(sentAt: number, now: number): void;
}

/** One message in flight: fires once, `hopMs` after it was sent, and hands the message on. */
class Delivery extends jssim.SimEvent {
  constructor(
    private readonly to: Recipient,
    private readonly sentAt: number,
  ) {
    super(1);
  }

  override update(): void {
    this.to.receive(this.sentAt, this.time);
  }
}

/** The client end of the linked model: counts replies as they arrive. */
class ReplySink implements Recipient {
  completed = 0;
  totalTimeInSystem = 0;

  receive(sentAt: number, now: number): void {
    this.completed++;
    this.totalTimeInSystem += now - sentAt;
  }
}

/**
 * The server agent. It is scheduled (once) at each service completion; between
 * completions customers wait in a jssim.Queue holding their arrival (or, over
 * the network, send) times.
 */
class Server extends jssim.SimEvent implements Recipient {
  private readonly waiting = new jssim.Queue<number>();
  private busy = false;
  private inServiceArrival = 0;
  completed = 0;
  totalTimeInSystem = 0;

  /** @param replies where replies go over the network (undefined: the customer leaves at the end of its work) */
  constructor(
    private readonly sched: jssim.Scheduler,
    private readonly uniform: () => number,
    private readonly replies?: { readonly sink: ReplySink; readonly hopMs: number },
  ) {
    super(1);
  }

  /** A customer arrives at time `now`: start service at once or join the line. */
  arrive(now: number): void {
    if (this.busy) {
      this.waiting.enqueue(now);
      return;
    }
    this.startService(now);
  }

  /** A request delivered over the network, sent at `sentAt`. */
  receive(sentAt: number): void {
    this.arrive(sentAt);
  }

  private startService(arrivalTime: number): void {
    this.busy = true;
    this.inServiceArrival = arrivalTime;
    this.sched.scheduleOnceIn(this, exponential(this.uniform, SERVICE_RATE_PER_MS));
  }

  /** Fired by the scheduler at a service completion (this.time = now). */
  override update(): void {
    if (this.replies) {
      this.sched.scheduleOnceIn(new Delivery(this.replies.sink, this.inServiceArrival), this.replies.hopMs);
    } else {
      this.completed++;
      this.totalTimeInSystem += this.time - this.inServiceArrival;
    }
    const next = this.waiting.dequeue();
    if (next === null) {
      this.busy = false;
    } else {
      this.startService(next);
    }
  }
}

/** The customer source agent: fires at each arrival (or send) and reschedules itself. */
class ArrivalSource extends jssim.SimEvent {
  constructor(
    private readonly sched: jssim.Scheduler,
    private readonly server: Server,
    private readonly uniform: () => number,
    private readonly hopMs: number,
  ) {
    super(1);
  }

  override update(): void {
    if (this.hopMs > 0) this.sched.scheduleOnceIn(new Delivery(this.server, this.time), this.hopMs);
    else this.server.arrive(this.time);
    this.sched.scheduleOnceIn(this, exponential(this.uniform, ARRIVAL_RATE_PER_MS));
  }
}

/**
 * Runs until `customers` customers have completed: left the server, or with `hopMs` > 0, had
 * their reply delivered back at the client.
 */
export function runMm1JsSimulator(customers: number, seed: number, hopMs = 0): { customers: number; meanTimeInSystemMs: number } {
  const uniform = mulberry32(seed);
  const scheduler = new jssim.Scheduler();
  scheduler.reset();

  const sink = new ReplySink();
  const server = new Server(scheduler, uniform, hopMs > 0 ? { sink, hopMs } : undefined);
  const done = hopMs > 0 ? sink : server;
  const source = new ArrivalSource(scheduler, server, uniform, hopMs);
  // First arrival after an exponential gap from t = 0.
  scheduler.scheduleOnceIn(source, exponential(uniform, ARRIVAL_RATE_PER_MS));

  // The README's main loop: each update() advances to the next event time and
  // fires everything scheduled there.
  while (done.completed < customers && scheduler.hasEvents()) {
    scheduler.update();
  }

  return {
    customers: done.completed,
    meanTimeInSystemMs: done.totalTimeInSystem / done.completed,
  };
}

// M/M/1 queue written for simjs ("SIM.JS Updated", npm `simjs` 2.0.x), in the
// idiom of its documentation (the Buffet Restaurant tutorial): a Customer
// Entity that generates customers, re-arming itself with
// setTimer(interarrival).done(this.arrive); each customer calls
// useFacility(server, serviceTime) on an FCFS Sim.Facility and its done()
// callback records the time in system, with the arrival time carried via
// Request.setData() / this.callbackData. Variates come from the library's own
// seeded Sim.Random (Mersenne Twister).
//
// Model: one server, FIFO unbounded queue, Poisson arrivals λ = 90/s,
// exponential service with mean 10 ms (μ = 100/s); time unit = ms.
// Theory: mean time in system 1/(μ−λ) = 100 ms.
//
// With `hopMs` > 0 the customer also crosses a network both ways, as in the
// engine's mm1.json (a zero-latency gRPC link still takes the protocol's
// overhead per message): the request reaches the server after a
// setTimer(hopMs), the reply reaches the client after another, and time in
// system runs from send to reply (theory 100 ms + 2 hops).
//
// Stopping rule: simjs has no "stop now" call (only simulate(endTime,
// maxEvents)), so the source generates exactly `customers` arrivals and the
// simulation runs until the event list drains. With a single FIFO
// non-preemptive server the first N customers to *complete* are exactly the
// first N to *arrive*, and later arrivals cannot affect them, so this measures
// the same N sojourn times as "run until N completions" (it merely skips the
// few arrivals that would occur while the last queued customers are served).

import { createRequire } from 'node:module';

type SimjsNamespace = typeof import('simjs');

const ARRIVAL_RATE_PER_MS = 90 / 1000; // λ
const SERVICE_RATE_PER_MS = 100 / 1000; // μ

let cached: SimjsNamespace | undefined;

/**
 * The npm build of simjs is a browserify bundle whose only export path is
 * `window.Sim = {...}`, executed once at load time if `window` exists
 * (`require('simjs')` itself returns `{}`). Load it synchronously via
 * createRequire with a *temporary* plain-object `window`, take `window.Sim`,
 * then restore the global so nothing else in the process sees a `window`.
 */
export function loadSimjs(): SimjsNamespace {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const g = globalThis as { window?: unknown };
  const hadWindow = Object.prototype.hasOwnProperty.call(g, 'window');
  const previousWindow = g.window;
  const fakeWindow: { Sim?: SimjsNamespace } = {};
  g.window = fakeWindow;
  try {
    const path = require.resolve('simjs');
    // If something already loaded simjs without a window, its cached
    // evaluation exposed nothing: evaluate it again.
    delete require.cache[path];
    require(path);
  } finally {
    if (hadWindow) g.window = previousWindow;
    else delete g.window;
  }
  if (!fakeWindow.Sim) throw new Error('simjs did not register window.Sim');
  cached = fakeWindow.Sim;
  return cached;
}

type Facility = InstanceType<SimjsNamespace['Facility']>;
type Random = InstanceType<SimjsNamespace['Random']>;

/** Per-run state, handed to the entity through sim.addEntity(Klass, name, ...startArgs). */
interface Mm1Run {
  readonly server: Facility;
  readonly random: Random;
  readonly customers: number;
  /** Network delay each way (0: no network, the textbook model). */
  readonly hopMs: number;
  arrivals: number;
  completed: number;
  totalTimeInSystem: number;
}

/**
 * The entity class is created once (it must extend the lazily loaded
 * Sim.Entity) and reused by every run, so repeated benchmark iterations
 * exercise the same hidden classes and call sites.
 */
function defineCustomer(Sim: SimjsNamespace) {
  return class Customer extends Sim.Entity {
    run!: Mm1Run;

    // Called by sim.addEntity(): the first customer arrives one exponential
    // interarrival time after t = 0.
    start(run: Mm1Run): void {
      this.run = run;
      this.setTimer(run.random.exponential(ARRIVAL_RATE_PER_MS)).done(this.arrive);
    }

    arrive(): void {
      const run = this.run;
      if (run.hopMs > 0) this.setTimer(run.hopMs).done(this.order).setData(this.time());
      else this.order();
      if (++run.arrivals < run.customers) {
        this.setTimer(run.random.exponential(ARRIVAL_RATE_PER_MS)).done(this.arrive);
      }
    }

    /** At the server: the customer's data is its send time when it came over the network. */
    order(): void {
      const run = this.run;
      const sentAt = run.hopMs > 0 ? (this.callbackData as number) : this.time();
      const serviceTime = run.random.exponential(SERVICE_RATE_PER_MS);
      this.useFacility(run.server, serviceTime)
        .done(run.hopMs > 0 ? this.reply : this.finish)
        .setData(sentAt);
    }

    /** The work is done: the reply crosses the network back. */
    reply(): void {
      this.setTimer(this.run.hopMs).done(this.finish).setData(this.callbackData);
    }

    finish(): void {
      const run = this.run;
      run.completed++;
      run.totalTimeInSystem += this.time() - (this.callbackData as number);
    }
  };
}

let Customer: ReturnType<typeof defineCustomer> | undefined;

export function runMm1Simjs(customers: number, seed: number, hopMs = 0): { customers: number; meanTimeInSystemMs: number } {
  const Sim = loadSimjs();
  Customer ??= defineCustomer(Sim);

  const sim = new Sim.Sim();
  const run: Mm1Run = {
    server: new Sim.Facility('Server', Sim.Facility.FCFS, 1),
    random: new Sim.Random(seed),
    customers,
    hopMs,
    arrivals: 0,
    completed: 0,
    totalTimeInSystem: 0,
  };

  if (customers > 0) sim.addEntity(Customer, 'Customers', run);
  sim.simulate(Infinity);

  return { customers: run.completed, meanTimeInSystemMs: run.totalTimeInSystem / run.completed };
}

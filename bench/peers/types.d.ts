// Minimal ambient typings for the two peer DES libraries used by the M/M/1
// peer benchmark (bench/peers). Neither package ships type declarations.
// Only the parts of each API that the benchmark (or an idiomatic model)
// touches are declared.

// ---------------------------------------------------------------------------
// js-simulator 1.0.x (CommonJS: `module.exports = jssim`)
// ---------------------------------------------------------------------------
declare module 'js-simulator' {
  namespace jssim {
    /** Base class for events / agents. Subclasses implement update(deltaTime). */
    class SimEvent {
      constructor(rank?: number);
      /** Time at which this event (last) fired / is scheduled to fire. */
      time: number;
      /** Higher rank fires first among events at the same time. */
      rank: number;
      id?: string | number;
      /** Set by the scheduler the first time the event is scheduled. */
      scheduler?: Scheduler;
      repeatInterval?: number;
      update?(deltaTime: number): void;
      guid(): string | number;
      sendMsg(recipient: string | number, message: Record<string, unknown>): void;
      readInBox(): Array<Record<string, unknown>>;
    }

    class Scheduler {
      constructor();
      current_time: number | null;
      current_rank: number | null;
      schedule(evt: SimEvent, time: number): void;
      scheduleOnceIn(evt: SimEvent, deltaTime: number): void;
      scheduleRepeatingIn(evt: SimEvent, deltaTime: number): void;
      scheduleRepeatingAt(evt: SimEvent, startTime: number, deltaTime: number): void;
      /** Fires every event at the next timestamp (README claims it returns them; it returns undefined). */
      update(): void;
      hasEvents(): boolean;
      reset(): void;
    }

    /** Linked-list FIFO queue. */
    class Queue<T = unknown> {
      constructor();
      enqueue(item: T): void;
      dequeue(): T | null;
      isEmpty(): boolean;
      size(): number;
      clear(): void;
    }
  }
  export = jssim;
}

// ---------------------------------------------------------------------------
// simjs 2.0.x ("SIM.JS Updated"). NOTE: the npm build is a browserify bundle
// that exports nothing via module.exports; it only assigns `window.Sim = {...}`
// when `window` exists at load time. These declarations therefore describe the
// namespace object found at `window.Sim` (see simjsMm1.ts for how it is loaded).
// ---------------------------------------------------------------------------
declare module 'simjs' {
  export type Callback = (...args: never[]) => void;

  export class Request {
    entity: Entity;
    scheduledAt: number;
    deliverAt: number;
    cancelled: boolean;
    done(callback?: Callback, context?: object, argument?: unknown): Request;
    setData(data: unknown): Request;
    waitUntil(delay: number, callback?: Callback, context?: object, argument?: unknown): Request;
    cancel(): void;
  }

  export class Model {
    constructor(name?: string);
    id: number;
    name: string;
  }

  export class Entity extends Model {
    constructor(sim: Sim, name?: string);
    sim: Sim;
    /** Set for the duration of a done() callback. */
    callbackSource: unknown;
    callbackMessage: unknown;
    callbackData: unknown;
    time(): number;
    setTimer(duration: number): Request;
    useFacility(facility: Facility, duration: number): Request;
    log(message: string): void;
  }

  export class Sim {
    constructor();
    simTime: number;
    entities: Entity[];
    time(): number;
    addEntity<T extends Entity & { start(...args: A): void }, A extends unknown[]>(
      klass: new (sim: Sim, name?: string) => T,
      name?: string,
      ...args: A
    ): T;
    simulate(endTime: number, maxEvents?: number): boolean;
    step(): boolean;
    setLogger(logger: (message: string) => void): void;
    log(message: string, entity?: Entity): void;
  }

  export class DataSeries {
    constructor(name?: string);
    count(): number;
    min(): number;
    max(): number;
    sum(): number;
    average(): number;
    variance(): number;
    deviation(): number;
  }

  export class TimeSeries {
    constructor(name?: string);
    count(): number;
    average(): number;
    deviation(): number;
  }

  export class Population {
    constructor(name?: string);
    durationSeries: DataSeries;
    sizeSeries: TimeSeries;
    enter(timestamp: number): void;
    leave(arrivedAt: number, leftAt: number): void;
    current(): number;
  }

  export class Facility extends Model {
    static FCFS: number;
    static LCFS: number;
    static PS: number;
    constructor(name: string, discipline?: number, servers?: number, maxqlen?: number);
    systemStats(): Population;
    queueStats(): Population;
    usage(): number;
  }

  /** Mersenne Twister (MT19937), seedable with an integer. */
  export class Random {
    constructor(seed?: number);
    random(): number;
    exponential(lambda: number): number;
    normal(mu: number, sigma: number): number;
    uniform(lower: number, upper: number): number;
  }
}

/**
 * fast-check arbitraries for Crosstalk scenario documents.
 *
 * `scenarioArbitrary(options)` generates documents exactly as a person would write them in a file
 * (`ScenarioInput`: defaults left out at random, durations sometimes as strings such as "250ms" or
 * "2s", a constant distribution sometimes as a bare duration). Every generated document passes
 * `validateScenario` with no errors and no warnings. What they contain:
 *
 * - 2–6 services (worker pools, bounded or unbounded queues, any service-time distribution, error
 *   rates, startup times) whose call plans mix sequential and `parallel` steps, each call with or
 *   without a timeout. Service i only ever calls services j > i, so the call graph is acyclic
 *   (a cycle validates with a warning and can multiply work without bound).
 * - 1–3 clients with every workload pattern (constant, poisson, bursts, ramp, closed-loop users),
 *   optional start/stop windows and optional timeouts, aimed at any service.
 * - One link for every caller → callee pair (http or grpc, any latency distribution, optional loss,
 *   optional default timeout, optional explicit id).
 * - Optionally faults of every kind (crash with and without a duration, slow, errors, link latency,
 *   link loss, partitions both ways and one way, in either orientation), at times inside the run.
 *
 * Runs stay cheap: durations are 1–10 s, each client sends at most 200 req/s, a service's plan is
 * trimmed so one request to it causes at most `MAX_CALLS_PER_REQUEST` calls in all, and client
 * rates are scaled down (think times up) until the expected number of calls per simulated second
 * fits `callBudget`. Scenarios are built from plain numbers first (a "blueprint") and encoded as a
 * document last, so these limits are computed on numbers, not on strings.
 *
 * Randomness (see `Randomness`): determinism tests need to know whether a scenario draws random
 * numbers at all, because a scenario without randomness legitimately gives the same trace for
 * every seed.
 */
import fc from 'fast-check';
import { distributionMean, type Distribution, type ScenarioInput } from '../../src/model/index.ts';

/**
 * - `guaranteed`: the first client is a Poisson client (at least 10 req/s, sending from t = 0 to the
 *   end), so the trace of every run depends on the seed: its first SEND alone happens at a random
 *   time, and the chance that a run has no such SEND is below e^-10.
 * - `any`: anything goes, random or not.
 * - `none`: nothing random at all: constant, bursts and closed-loop workloads only; distributions
 *   are constants or degenerate forms that always give the same value (uniform with min = max,
 *   normal or lognormal with stddev 0); error rates, loss rates and error/loss faults are 0 or 1.
 *   Such a scenario must give the same trace whatever the seed.
 */
export type Randomness = 'guaranteed' | 'any' | 'none';

export interface ScenarioArbitraryOptions {
  /** Fewest services (default 2). */
  readonly minServices?: number;
  /** Most services (default 6). */
  readonly maxServices?: number;
  /** Most clients (default 3; there is always at least one). */
  readonly maxClients?: number;
  /** Shortest run, ms (default 1000). */
  readonly minDuration?: number;
  /** Longest run, ms (default 10000). */
  readonly maxDuration?: number;
  /** Highest request rate of one client, req/s (default 200). */
  readonly maxRate?: number;
  /** Most faults (default 4; 0 for none). */
  readonly maxFaults?: number;
  /** Default `guaranteed`. */
  readonly randomness?: Randomness;
  /** Expected calls per simulated second, all clients together (default 1500). */
  readonly callBudget?: number;
}

/** One request to a service causes at most this many calls (itself included). */
export const MAX_CALLS_PER_REQUEST = 12;

/** The smallest rate a `guaranteed` Poisson client keeps after budget scaling, req/s. */
const MIN_GUARANTEED_RATE = 10;

type Options = Required<ScenarioArbitraryOptions>;
const DEFAULTS: Options = {
  minServices: 2, maxServices: 6, maxClients: 3, minDuration: 1000, maxDuration: 10_000,
  maxRate: 200, maxFaults: 4, randomness: 'guaranteed', callBudget: 1500,
};

// ---------------------------------------------------------------- input types (as in a file)

type NodeInput = ScenarioInput['nodes'][number];
type ClientInput = Extract<NodeInput, { kind: 'client' }>;
type ServiceInput = Extract<NodeInput, { kind: 'service' }>;
type LinkInput = NonNullable<ScenarioInput['links']>[number];
type FaultInput = NonNullable<ScenarioInput['faults']>[number];
type DistributionInput = NonNullable<ServiceInput['serviceTime']>;
type DurationInput = number | string;

// ---------------------------------------------------------------- blueprints (plain numbers)

interface CallBlueprint { readonly to: number; readonly timeout?: number }
interface StepBlueprint { readonly calls: readonly CallBlueprint[]; readonly parallel: boolean }

interface LinkBlueprint {
  readonly namedId: boolean;
  readonly protocol?: 'http' | 'grpc';
  readonly latency?: Distribution;
  readonly loss?: number;
  readonly timeout?: number;
}

interface ServiceBlueprint {
  readonly workers?: number;
  readonly queueCapacity?: number | null;
  readonly serviceTime?: Distribution;
  readonly errorRate?: number;
  readonly startupTime?: number;
  readonly steps: readonly StepBlueprint[];
  /** Settings of the link to each later service j > i, indexed by j - i - 1. */
  readonly links: readonly LinkBlueprint[];
}

type WorkloadBlueprint =
  | { pattern: 'constant' | 'poisson'; rate: number }
  | { pattern: 'bursts'; every: number; size: number }
  | { pattern: 'ramp'; from: number; to: number; over: number }
  | { pattern: 'closed'; users: number; thinkTime: Distribution };

interface ClientBlueprint {
  readonly target: number;
  readonly workload: WorkloadBlueprint;
  readonly start?: number;
  readonly stop?: number;
  readonly timeout?: number;
  readonly link: LinkBlueprint;
}

interface FaultBlueprint {
  readonly kind: FaultInput['kind'];
  /** Picks the target service / link / node pair (taken modulo what exists). */
  readonly pick: number;
  readonly pick2: number;
  readonly at: number;
  readonly duration?: number;
  readonly factor: number;
  readonly rate: number;
  readonly add: number;
  readonly oneWay?: boolean;
}

interface Blueprint {
  readonly seed: number;
  readonly duration: number;
  readonly name?: string;
  readonly services: readonly ServiceBlueprint[];
  readonly clients: readonly ClientBlueprint[];
  readonly faults: readonly FaultBlueprint[];
  /** How each duration is written (cycled through): 0 number, 1 "…ms", 2 the largest whole unit. */
  readonly styles: readonly number[];
  /** How each constant distribution is written (cycled through): bare duration or object. */
  readonly bare: readonly boolean[];
}

// ---------------------------------------------------------------- small arbitraries

/** Milliseconds in [min, max] with up to 3 decimals (no NaN, no infinities, no exponents). */
export function msArb(min: number, max: number): fc.Arbitrary<number> {
  return fc.oneof(
    fc.integer({ min: Math.ceil(min), max: Math.floor(max) }),
    fc.integer({ min: Math.round(min * 1000), max: Math.round(max * 1000) }).map((x) => x / 1000),
  );
}

/** A probability: often exactly 0 or 1, otherwise anywhere in between. */
function probabilityArb(randomness: Randomness, max = 1): fc.Arbitrary<number> {
  if (randomness === 'none') return fc.constantFrom(0, 1);
  return fc.oneof(fc.constantFrom(0, max), fc.integer({ min: 0, max: 1000 }).map((x) => (x / 1000) * max));
}

/** A value with probability `present` (in steps of 1%), otherwise undefined (the field is left out). */
export function maybe<T>(arb: fc.Arbitrary<T>, present = 0.5): fc.Arbitrary<T | undefined> {
  const weight = Math.round(present * 100);
  return fc.oneof({ arbitrary: fc.constant(undefined), weight: 100 - weight }, { arbitrary: arb, weight });
}

/** A timeout in ms: mostly short enough to fire now and then. */
const timeoutArb = fc.oneof(msArb(1, 50), msArb(50, 500), msArb(500, 3000));

/**
 * A distribution of durations with values around [0, scale] ms. With `minMean` the mean is at
 * least that (think times: keeps closed-loop users from sending thousands of requests a second).
 */
export function distributionArb(scale: number, randomness: Randomness, minMean = 0): fc.Arbitrary<Distribution> {
  const lo = minMean, hi = Math.max(minMean, scale);
  const constant = msArb(lo, hi).map((value): Distribution => ({ dist: 'constant', value }));
  const degenerate = fc.oneof(
    constant,
    msArb(lo, hi).map((v): Distribution => ({ dist: 'uniform', min: v, max: v })),
    msArb(lo, hi).map((v): Distribution => ({ dist: 'normal', mean: v, stddev: 0 })),
    msArb(Math.max(lo, 0.001), hi).map((v): Distribution => ({ dist: 'lognormal', mean: v, stddev: 0 })),
  );
  if (randomness === 'none') return degenerate;
  const random = fc.oneof(
    fc.tuple(msArb(lo, hi), msArb(0, scale)).map(([a, w]): Distribution => ({ dist: 'uniform', min: a, max: a + w })),
    msArb(Math.max(lo, 0.001), hi).map((mean): Distribution => ({ dist: 'exponential', mean })),
    fc.tuple(msArb(lo, hi), msArb(0.001, scale)).map(([mean, stddev]): Distribution => ({ dist: 'normal', mean, stddev })),
    fc.tuple(msArb(Math.max(lo, 0.001), hi), msArb(0.001, scale)).map(([mean, stddev]): Distribution => ({ dist: 'lognormal', mean, stddev })),
    // Pareto's mean is shape·scale/(shape−1) ≥ scale, so scale ≥ minMean keeps the mean ≥ minMean.
    fc.tuple(msArb(Math.max(lo, 0.001), Math.max(lo, 0.001) + scale / 2), fc.integer({ min: 5, max: 40 }).map((x) => x / 10))
      .map(([s, shape]): Distribution => ({ dist: 'pareto', scale: s, shape })),
  );
  return fc.oneof({ arbitrary: random, weight: 3 }, { arbitrary: degenerate, weight: 1 });
}

function linkArb(randomness: Randomness): fc.Arbitrary<LinkBlueprint> {
  return fc.record({
    namedId: fc.boolean(),
    protocol: maybe(fc.constantFrom('http' as const, 'grpc' as const), 0.7),
    latency: maybe(distributionArb(20, randomness), 0.8),
    loss: maybe(probabilityArb(randomness, 0.3), 0.4),
    timeout: maybe(timeoutArb, 0.3),
  }).map((l) => ({
    ...l,
    // A deterministic scenario may only lose all messages or none.
    loss: randomness === 'none' && l.loss !== undefined ? (l.loss > 0 ? 1 : 0) : l.loss,
  }));
}

function serviceArb(i: number, n: number, randomness: Randomness): fc.Arbitrary<ServiceBlueprint> {
  const later = n - 1 - i;
  const call: fc.Arbitrary<CallBlueprint> = later === 0
    ? fc.constant({ to: -1 })
    : fc.record({ to: fc.integer({ min: i + 1, max: n - 1 }), timeout: maybe(timeoutArb) });
  const step = fc.oneof(
    call.map((c): StepBlueprint => ({ calls: [c], parallel: false })),
    fc.array(call, { minLength: 1, maxLength: 3 }).map((calls): StepBlueprint => ({ calls, parallel: true })),
  );
  return fc.record({
    workers: maybe(fc.integer({ min: 1, max: 8 }), 0.8),
    queueCapacity: maybe(fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 20 })), 0.7),
    // The default service time is exponential, so a deterministic scenario always sets one.
    serviceTime: randomness === 'none' ? distributionArb(30, randomness) : maybe(distributionArb(30, randomness), 0.85),
    errorRate: maybe(probabilityArb(randomness, 0.3), 0.4),
    startupTime: maybe(fc.oneof(fc.constant(0), msArb(0, 300)), 0.4),
    steps: later === 0 ? fc.constant([]) : fc.array(step, { maxLength: 3 }),
    links: fc.array(linkArb(randomness), { minLength: later, maxLength: later }),
  }).map((s) => ({
    ...s,
    errorRate: randomness === 'none' && s.errorRate !== undefined ? (s.errorRate > 0 ? 1 : 0) : s.errorRate,
  }));
}

function workloadArb(maxRate: number, duration: number, randomness: Randomness): fc.Arbitrary<WorkloadBlueprint> {
  const rate = fc.integer({ min: 10, max: maxRate * 10 }).map((x) => x / 10);
  const constant = rate.map((r): WorkloadBlueprint => ({ pattern: 'constant', rate: r }));
  const bursts = fc.record({ every: msArb(Math.max(5, 1000 / maxRate), 1000), size: fc.integer({ min: 1, max: 5 }) })
    .map(({ every, size }): WorkloadBlueprint => ({ pattern: 'bursts', every: Math.max(every, (size * 1000) / maxRate), size }));
  const closed = fc.record({ users: fc.integer({ min: 1, max: 4 }), thinkTime: distributionArb(200, randomness, 20) })
    .map((w): WorkloadBlueprint => ({ pattern: 'closed', ...w }));
  if (randomness === 'none') return fc.oneof(constant, bursts, closed);
  const poisson = rate.map((r): WorkloadBlueprint => ({ pattern: 'poisson', rate: r }));
  const ramp = fc.record({
    from: fc.integer({ min: 0, max: maxRate }), to: fc.integer({ min: 0, max: maxRate }), over: msArb(1, duration),
  }).map((w): WorkloadBlueprint => ({ pattern: 'ramp', ...w, to: w.from === 0 && w.to === 0 ? 1 : w.to }));
  return fc.oneof(constant, poisson, bursts, ramp, closed);
}

function clientArb(services: number, duration: number, o: Options, guaranteed: boolean): fc.Arbitrary<ClientBlueprint> {
  const guaranteedLoad = fc.integer({ min: 20, max: Math.max(20, o.maxRate) })
    .map((rate): WorkloadBlueprint => ({ pattern: 'poisson', rate }));
  const window = guaranteed
    ? fc.constant({ start: undefined, stop: undefined })
    : fc.record({
      start: maybe(msArb(0, duration * 0.8), 0.3),
      stop: maybe(msArb(0, duration * 1.2), 0.3),
    }).map(({ start, stop }) => ({
      start,
      // `stop` must not be before `start`.
      stop: stop !== undefined && start !== undefined && stop < start ? start + (start - stop) : stop,
    }));
  return fc.record({
    target: fc.integer({ min: 0, max: services - 1 }),
    workload: guaranteed ? guaranteedLoad : workloadArb(o.maxRate, duration, o.randomness),
    window,
    timeout: maybe(timeoutArb),
    link: linkArb(o.randomness === 'none' ? 'none' : 'any'),
  }).map(({ window: w, ...c }) => ({ ...c, ...w }));
}

function faultArb(duration: number, randomness: Randomness): fc.Arbitrary<FaultBlueprint> {
  return fc.record({
    kind: fc.constantFrom<FaultInput['kind']>('crash', 'crash', 'slow', 'errors', 'latency', 'loss', 'partition', 'partition'),
    pick: fc.nat(),
    pick2: fc.nat(),
    at: msArb(0, duration - 1),
    duration: maybe(msArb(1, duration), 0.7),
    factor: fc.integer({ min: 10, max: 100 }).map((x) => x / 10),
    rate: probabilityArb(randomness),
    add: msArb(0, 200),
    oneWay: maybe(fc.boolean(), 0.6),
  });
}

// ---------------------------------------------------------------- the document

/** Valid scenario documents; see the file comment. */
export function scenarioArbitrary(options: ScenarioArbitraryOptions = {}): fc.Arbitrary<ScenarioInput> {
  const o: Options = { ...DEFAULTS, ...options };
  return blueprintArb(o).map((bp) => encode(fitBudget(trimFanOut(bp), o)));
}

function blueprintArb(o: Options): fc.Arbitrary<Blueprint> {
  const shape = fc.record({
    services: fc.integer({ min: o.minServices, max: o.maxServices }),
    clients: fc.integer({ min: 1, max: Math.max(1, o.maxClients) }),
    duration: fc.oneof(fc.integer({ min: o.minDuration / 1000, max: o.maxDuration / 1000 }).map((s) => s * 1000), msArb(o.minDuration, o.maxDuration)),
  });
  return shape.chain(({ services, clients, duration }) => fc.record({
    seed: fc.nat({ max: 2 ** 32 - 1 }),
    duration: fc.constant(duration),
    name: maybe(fc.string({ maxLength: 20 }), 0.3),
    services: fc.tuple(...Array.from({ length: services }, (_, i) => serviceArb(i, services, o.randomness))),
    clients: fc.tuple(...Array.from({ length: clients }, (_, j) => clientArb(services, duration, o, j === 0 && o.randomness === 'guaranteed'))),
    faults: fc.array(faultArb(duration, o.randomness), { maxLength: o.maxFaults }),
    styles: fc.array(fc.nat({ max: 2 }), { minLength: 1, maxLength: 8 }),
    bare: fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
  }));
}

/** Calls caused by one request to each service, itself included. */
function callsPerRequest(services: readonly ServiceBlueprint[]): number[] {
  const total = new Array<number>(services.length).fill(1);
  for (let i = services.length - 1; i >= 0; i--) {
    for (const step of services[i].steps) for (const c of step.calls) total[i] += total[c.to];
  }
  return total;
}

/** Drops trailing plan steps until one request to any service causes at most MAX_CALLS_PER_REQUEST calls. */
function trimFanOut(bp: Blueprint): Blueprint {
  const services = bp.services.map((s) => ({ ...s, steps: [...s.steps] }));
  for (let i = services.length - 1; i >= 0; i--) {
    while (callsPerRequest(services)[i] > MAX_CALLS_PER_REQUEST) services[i].steps.pop();
  }
  return { ...bp, services };
}

/** Requests per second a client sends at most (roughly, for closed loops: users / mean think time). */
function peakRate(w: WorkloadBlueprint): number {
  switch (w.pattern) {
    case 'constant': case 'poisson': return w.rate;
    case 'bursts': return (w.size * 1000) / w.every;
    case 'ramp': return Math.max(w.from, w.to);
    case 'closed': return (w.users * 1000) / Math.max(1, distributionMean(w.thinkTime));
  }
}

function scaleDistribution(d: Distribution, k: number): Distribution {
  switch (d.dist) {
    case 'constant': return { ...d, value: d.value * k };
    case 'uniform': return { ...d, min: d.min * k, max: d.max * k };
    case 'exponential': return { ...d, mean: d.mean * k };
    case 'normal': return { ...d, mean: d.mean * k, stddev: d.stddev * k };
    case 'lognormal': return { ...d, mean: d.mean * k, stddev: d.stddev * k };
    case 'pareto': return { ...d, scale: d.scale * k };
  }
}

/** Slows every client down by the same factor until the expected calls per second fit the budget. */
function fitBudget(bp: Blueprint, o: Options): Blueprint {
  const perRequest = callsPerRequest(bp.services);
  const load = bp.clients.reduce((sum, c) => sum + peakRate(c.workload) * perRequest[c.target], 0);
  if (load <= o.callBudget) return bp;
  const k = o.callBudget / load;
  const round = (x: number) => Math.max(0.001, Math.round(x * 1000) / 1000);
  const clients = bp.clients.map((c, j): ClientBlueprint => {
    const w = c.workload;
    const guaranteed = j === 0 && o.randomness === 'guaranteed';
    switch (w.pattern) {
      case 'constant': case 'poisson':
        return { ...c, workload: { ...w, rate: guaranteed ? Math.max(MIN_GUARANTEED_RATE, round(w.rate * k)) : round(w.rate * k) } };
      case 'bursts': return { ...c, workload: { ...w, every: round(w.every / k) } };
      case 'ramp': {
        const from = Math.floor(w.from * k), to = Math.floor(w.to * k);
        return { ...c, workload: { ...w, from, to: from === 0 && to === 0 ? 1 : to } };
      }
      case 'closed': return { ...c, workload: { ...w, thinkTime: scaleDistribution(w.thinkTime, 1 / k) } };
    }
  });
  return { ...bp, clients };
}

const serviceId = (i: number) => `svc.${i}`;
const clientId = (j: number) => `client-${j}`;

/** Writes the blueprint as a document, the way a person might. */
function encode(bp: Blueprint): ScenarioInput {
  let nStyle = 0, nBare = 0;
  const dur = (ms: number): DurationInput => {
    const style = bp.styles[nStyle++ % bp.styles.length];
    if (style === 1) return `${ms}ms`;
    if (style === 2) {
      if (ms > 0 && ms % 60_000 === 0) return `${ms / 60_000}m`;
      if (ms > 0 && ms % 1000 === 0) return `${ms / 1000}s`;
      return ` ${ms} ms `;
    }
    return ms;
  };
  const dist = (d: Distribution): DistributionInput => {
    switch (d.dist) {
      case 'constant': return bp.bare[nBare++ % bp.bare.length] ? dur(d.value) : { dist: 'constant', value: dur(d.value) };
      case 'uniform': return { dist: 'uniform', min: dur(d.min), max: dur(d.max) };
      case 'exponential': return { dist: 'exponential', mean: dur(d.mean) };
      case 'normal': return { dist: 'normal', mean: dur(d.mean), stddev: dur(d.stddev) };
      case 'lognormal': return { dist: 'lognormal', mean: dur(d.mean), stddev: dur(d.stddev) };
      case 'pareto': return { dist: 'pareto', scale: dur(d.scale), shape: d.shape };
    }
  };
  const links: LinkInput[] = [];
  const link = (from: string, to: string, l: LinkBlueprint): void => {
    const out: LinkInput = { from, to };
    if (l.namedId) out.id = `link${links.length}`;
    if (l.protocol !== undefined) out.protocol = l.protocol;
    if (l.latency !== undefined) out.latency = dist(l.latency);
    if (l.loss !== undefined) out.loss = l.loss;
    if (l.timeout !== undefined) out.timeout = dur(l.timeout);
    links.push(out);
  };

  const services: ServiceInput[] = bp.services.map((s, i) => {
    const out: ServiceInput = { id: serviceId(i), kind: 'service' };
    if (s.workers !== undefined) out.workers = s.workers;
    if (s.queueCapacity !== undefined) out.queueCapacity = s.queueCapacity;
    if (s.serviceTime !== undefined) out.serviceTime = dist(s.serviceTime);
    if (s.errorRate !== undefined) out.errorRate = s.errorRate;
    if (s.startupTime !== undefined) out.startupTime = dur(s.startupTime);
    const call = (c: CallBlueprint) => (c.timeout === undefined ? { to: serviceId(c.to) } : { to: serviceId(c.to), timeout: dur(c.timeout) });
    if (s.steps.length > 0) {
      out.calls = s.steps.map((step) => (step.parallel ? { parallel: step.calls.map(call) } : call(step.calls[0])));
    }
    const callees = [...new Set(s.steps.flatMap((step) => step.calls.map((c) => c.to)))].sort((a, b) => a - b);
    for (const j of callees) link(serviceId(i), serviceId(j), s.links[j - i - 1]);
    return out;
  });

  const clients: ClientInput[] = bp.clients.map((c, j) => {
    const w = c.workload;
    const window = {
      ...(c.start !== undefined ? { start: dur(c.start) } : {}),
      ...(c.stop !== undefined ? { stop: dur(c.stop) } : {}),
    };
    let workload: ClientInput['workload'];
    switch (w.pattern) {
      case 'constant': case 'poisson': workload = { pattern: w.pattern, rate: w.rate, ...window }; break;
      case 'bursts': workload = { pattern: 'bursts', every: dur(w.every), size: w.size, ...window }; break;
      case 'ramp': workload = { pattern: 'ramp', from: w.from, to: w.to, over: dur(w.over), ...window }; break;
      case 'closed': workload = { pattern: 'closed', users: w.users, thinkTime: dist(w.thinkTime), ...window }; break;
    }
    const out: ClientInput = { id: clientId(j), kind: 'client', target: serviceId(c.target), workload };
    if (c.timeout !== undefined) out.timeout = dur(c.timeout);
    link(clientId(j), serviceId(c.target), c.link);
    return out;
  });

  const linkIds = links.map((l) => l.id ?? `${l.from}->${l.to}`);
  const nodeIds = [...clients.map((c) => c.id), ...services.map((s) => s.id)];
  const faults: FaultInput[] = bp.faults.map((f) => {
    const window = { at: dur(f.at), ...(f.duration !== undefined ? { duration: dur(f.duration) } : {}) };
    const service = serviceId(f.pick % bp.services.length);
    switch (f.kind) {
      case 'crash': return { kind: 'crash', target: service, ...window };
      case 'slow': return { kind: 'slow', target: service, factor: f.factor, ...window };
      case 'errors': return { kind: 'errors', target: service, rate: f.rate, ...window };
      case 'latency': return { kind: 'latency', link: linkIds[f.pick % links.length], add: dur(f.add), ...window };
      case 'loss': return { kind: 'loss', link: linkIds[f.pick % links.length], rate: f.rate, ...window };
      case 'partition': {
        // Mostly two nodes joined by a link (in either orientation), sometimes any two nodes.
        let a: string, b: string;
        if (f.pick2 % 4 !== 0) {
          const l = links[f.pick % links.length];
          [a, b] = f.pick2 % 2 === 0 ? [l.from, l.to] : [l.to, l.from];
        } else {
          a = nodeIds[f.pick % nodeIds.length];
          b = nodeIds[(f.pick + 1 + (f.pick2 >>> 2) % (nodeIds.length - 1)) % nodeIds.length];
        }
        const out: FaultInput = { kind: 'partition', between: [a, b], ...window };
        if (f.oneWay !== undefined) out.oneWay = f.oneWay;
        return out;
      }
    }
  });

  // Nodes in a shuffled-looking but deterministic order: clients need not come first.
  const nodes: NodeInput[] = bp.seed % 2 === 0 ? [...clients, ...services] : [...services, ...clients];
  const doc: ScenarioInput = { version: 1, seed: bp.seed, duration: dur(bp.duration), nodes, links, faults };
  if (bp.name !== undefined) doc.name = bp.name;
  return doc;
}

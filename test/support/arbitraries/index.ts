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
 * - Optionally changes during the run (./changes.ts), in time order: any service's workers (up or
 *   down), queue capacity, service time or error rate; a constant or poisson client's rate; any
 *   link's latency or loss, with values from the same ranges as the settings they replace.
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
import { distributionMean, type Distribution, type ScenarioInput } from '../../../src/model/index.ts';
import { DEFAULTS, MAX_CALLS_PER_REQUEST, MIN_GUARANTEED_RATE, type Options, type ScenarioArbitraryOptions } from './options.ts';
import { changeArb, encodeChanges, placeChanges } from './changes.ts';
import {
  msArb,
  maybe,
  serviceArb,
  clientArb,
  faultArb,
  type NodeInput,
  type ClientInput,
  type ServiceInput,
  type LinkInput,
  type FaultInput,
  type DistributionInput,
  type DurationInput,
  type CallBlueprint,
  type LinkBlueprint,
  type ServiceBlueprint,
  type WorkloadBlueprint,
  type ClientBlueprint,
  type Blueprint,
  type RateLimitBlueprint,
  type SheddingBlueprint,
} from './blueprint.ts';

export { MAX_CALLS_PER_REQUEST, type Randomness, type ScenarioArbitraryOptions } from './options.ts';
export { distributionArb, maybe, msArb } from './blueprint.ts';

// ---------------------------------------------------------------- the document

/** Valid scenario documents; see the file comment. */
export function scenarioArbitrary(options: ScenarioArbitraryOptions = {}): fc.Arbitrary<ScenarioInput> {
  const o: Options = { ...DEFAULTS, ...options };
  return blueprintArb(o).map((bp) => encode(fitBudget(placeChanges(trimFanOut(bp)), o)));
}

function blueprintArb(o: Options): fc.Arbitrary<Blueprint> {
  const shape = fc.record({
    services: fc.integer({ min: o.minServices, max: o.maxServices }),
    clients: fc.integer({ min: 1, max: Math.max(1, o.maxClients) }),
    duration: fc.oneof(
      fc.integer({ min: o.minDuration / 1000, max: o.maxDuration / 1000 }).map((s) => s * 1000),
      msArb(o.minDuration, o.maxDuration),
    ),
  });
  return shape.chain(({ services, clients, duration }) =>
    fc.record({
      seed: fc.nat({ max: 2 ** 32 - 1 }),
      duration: fc.constant(duration),
      name: maybe(fc.string({ maxLength: 20 }), 0.3),
      services: fc.tuple(...Array.from({ length: services }, (_, i) => serviceArb(i, services, o.randomness))),
      clients: fc.tuple(
        ...Array.from({ length: clients }, (_, j) => clientArb(services, duration, o, j === 0 && o.randomness === 'guaranteed')),
      ),
      faults: fc.array(faultArb(duration, o.randomness), { maxLength: o.maxFaults }),
      changes: fc.array(changeArb(duration, o.maxRate, o.randomness), { maxLength: o.maxChanges }),
      styles: fc.array(fc.nat({ max: 2 }), { minLength: 1, maxLength: 8 }),
      bare: fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
    }),
  );
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

/** Requests per second client j sends at most (roughly, for closed loops: users / mean think time). */
function peakRate(bp: Blueprint, j: number): number {
  // A rate change may raise it (placeChanges has aimed client changes at their client's index).
  const changed = bp.changes
    .filter((ch) => ch.kind === 'client' && ch.pick === j)
    .map((ch) => (ch.workload ? workloadPeak(ch.workload) : (ch.rate ?? 0)));
  return Math.max(workloadPeak(bp.clients[j].workload), ...changed);
}

function workloadPeak(w: WorkloadBlueprint): number {
  switch (w.pattern) {
    case 'constant':
    case 'poisson':
      return w.rate;
    case 'bursts':
      return (w.size * 1000) / w.every;
    case 'ramp':
      return Math.max(w.from, w.to);
    case 'closed':
      return (w.users * 1000) / Math.max(1, distributionMean(w.thinkTime));
  }
}

function scaleDistribution(d: Distribution, k: number): Distribution {
  switch (d.dist) {
    case 'constant':
      return { ...d, value: d.value * k };
    case 'uniform':
      return { ...d, min: d.min * k, max: d.max * k };
    case 'exponential':
      return { ...d, mean: d.mean * k };
    case 'normal':
      return { ...d, mean: d.mean * k, stddev: d.stddev * k };
    case 'lognormal':
      return { ...d, mean: d.mean * k, stddev: d.stddev * k };
    case 'pareto':
      return { ...d, scale: d.scale * k };
  }
}

/** Slows every client down by the same factor until the expected calls per second fit the budget. */
function fitBudget(bp: Blueprint, o: Options): Blueprint {
  const perRequest = callsPerRequest(bp.services);
  const load = bp.clients.reduce((sum, c, j) => sum + peakRate(bp, j) * perRequest[c.target], 0);
  if (load <= o.callBudget) return bp;
  const k = o.callBudget / load;
  const round = (x: number) => Math.max(0.001, Math.round(x * 1000) / 1000);
  const scale = (w: WorkloadBlueprint, guaranteed: boolean): WorkloadBlueprint => {
    switch (w.pattern) {
      case 'constant':
      case 'poisson':
        return { ...w, rate: guaranteed ? Math.max(MIN_GUARANTEED_RATE, round(w.rate * k)) : round(w.rate * k) };
      case 'bursts':
        return { ...w, every: round(w.every / k) };
      case 'ramp': {
        const from = Math.floor(w.from * k),
          to = Math.floor(w.to * k);
        return { ...w, from, to: from === 0 && to === 0 ? 1 : to };
      }
      case 'closed':
        return { ...w, thinkTime: scaleDistribution(w.thinkTime, 1 / k) };
    }
  };
  const clients = bp.clients.map((c, j): ClientBlueprint => ({
    ...c,
    workload: scale(c.workload, j === 0 && o.randomness === 'guaranteed'),
  }));
  const changes = bp.changes.map((ch) => {
    if (ch.kind !== 'client') return ch;
    if (ch.workload) return { ...ch, workload: scale(ch.workload, false) };
    return ch.rate === undefined ? ch : { ...ch, rate: round(ch.rate * k) };
  });
  return { ...bp, clients, changes };
}

const serviceId = (i: number) => `svc.${i}`;
const clientId = (j: number) => `client-${j}`;

/** Writes the blueprint as a document, the way a person might. */
function encode(bp: Blueprint): ScenarioInput {
  let nStyle = 0,
    nBare = 0;
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
      case 'constant':
        return bp.bare[nBare++ % bp.bare.length] ? dur(d.value) : { dist: 'constant', value: dur(d.value) };
      case 'uniform':
        return { dist: 'uniform', min: dur(d.min), max: dur(d.max) };
      case 'exponential':
        return { dist: 'exponential', mean: dur(d.mean) };
      case 'normal':
        return { dist: 'normal', mean: dur(d.mean), stddev: dur(d.stddev) };
      case 'lognormal':
        return { dist: 'lognormal', mean: dur(d.mean), stddev: dur(d.stddev) };
      case 'pareto':
        return { dist: 'pareto', scale: dur(d.scale), shape: d.shape };
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

  const rateLimit = (l: RateLimitBlueprint) => (l.burst === undefined ? { rate: l.rate } : { rate: l.rate, burst: l.burst });
  const shedding = (l: SheddingBlueprint) => ({
    ...(l.maxLine !== undefined ? { maxLine: l.maxLine } : {}),
    ...(l.maxQueueTime !== undefined ? { maxQueueTime: dur(Math.max(0.001, l.maxQueueTime)) } : {}),
  });
  const services: ServiceInput[] = bp.services.map((s, i) => {
    const out: ServiceInput = { id: serviceId(i), kind: 'service' };
    if (s.workers !== undefined) out.workers = s.workers;
    if (s.queueCapacity !== undefined) out.queueCapacity = s.queueCapacity;
    if (s.serviceTime !== undefined) out.serviceTime = dist(s.serviceTime);
    if (s.errorRate !== undefined) out.errorRate = s.errorRate;
    if (s.startupTime !== undefined) out.startupTime = dur(s.startupTime);
    if (s.rateLimit !== undefined) out.rateLimit = rateLimit(s.rateLimit);
    if (s.shedding !== undefined) out.shedding = shedding(s.shedding);
    const call = (c: CallBlueprint) =>
      c.timeout === undefined ? { to: serviceId(c.to) } : { to: serviceId(c.to), timeout: dur(c.timeout) };
    if (s.steps.length > 0) {
      out.calls = s.steps.map((step) => (step.parallel ? { parallel: step.calls.map(call) } : call(step.calls[0])));
    }
    const callees = [...new Set(s.steps.flatMap((step) => step.calls.map((c) => c.to)))].sort((a, b) => a - b);
    for (const j of callees) link(serviceId(i), serviceId(j), s.links[j - i - 1]);
    return out;
  });

  const encodeWorkload = (w: WorkloadBlueprint, window: { start?: DurationInput; stop?: DurationInput } = {}): ClientInput['workload'] => {
    switch (w.pattern) {
      case 'constant':
      case 'poisson':
        return { pattern: w.pattern, rate: w.rate, ...window };
      case 'bursts':
        return { pattern: 'bursts', every: dur(w.every), size: w.size, ...window };
      case 'ramp':
        return { pattern: 'ramp', from: w.from, to: w.to, over: dur(w.over), ...window };
      case 'closed':
        return { pattern: 'closed', users: w.users, thinkTime: dist(w.thinkTime), ...window };
    }
  };
  const clients: ClientInput[] = bp.clients.map((c, j) => {
    const w = c.workload;
    const window = {
      ...(c.start !== undefined ? { start: dur(c.start) } : {}),
      ...(c.stop !== undefined ? { stop: dur(c.stop) } : {}),
    };
    const workload = encodeWorkload(w, window);
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
      case 'crash':
        return { kind: 'crash', target: service, ...window };
      case 'slow':
        return { kind: 'slow', target: service, factor: f.factor, ...window };
      case 'errors':
        return { kind: 'errors', target: service, rate: f.rate, ...window };
      case 'latency':
        return { kind: 'latency', link: linkIds[f.pick % links.length], add: dur(f.add), ...window };
      case 'loss':
        return { kind: 'loss', link: linkIds[f.pick % links.length], rate: f.rate, ...window };
      case 'partition': {
        // Mostly two nodes joined by a link (in either orientation), sometimes any two nodes.
        let a: string, b: string;
        if (f.pick2 % 4 !== 0) {
          const l = links[f.pick % links.length];
          [a, b] = f.pick2 % 2 === 0 ? [l.from, l.to] : [l.to, l.from];
        } else {
          a = nodeIds[f.pick % nodeIds.length];
          b = nodeIds[(f.pick + 1 + ((f.pick2 >>> 2) % (nodeIds.length - 1))) % nodeIds.length];
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
  const call = (c: CallBlueprint) => (c.timeout === undefined ? { to: serviceId(c.to) } : { to: serviceId(c.to), timeout: dur(c.timeout) });
  const changes = encodeChanges(bp.changes, {
    dur,
    dist,
    serviceId,
    clientId,
    services: bp.services.length,
    linkIds,
    steps: (i) => bp.services[i].steps,
    call,
    workload: (w) => encodeWorkload(w),
    rateLimit,
    shedding,
  });
  if (changes.length > 0) doc.changes = changes;
  if (bp.name !== undefined) doc.name = bp.name;
  return doc;
}

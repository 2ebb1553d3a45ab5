/**
 * Property tests of the engine over generated scenarios (see test/support/arbitraries.ts).
 *
 * 1. Determinism: same scenario + same seed ⇒ the same trace hash (and the same report) across
 *    separate runs and whether the run goes in one piece or in chunks; a different seed ⇒ a
 *    different hash, for scenarios that draw random numbers.
 * 2. Conservation and consistency: every client request ends at most once, in the way the call
 *    table says, and the counters in the report agree with the trace. This is checked by
 *    `checkRun`, which replays the trace row by row against its own small model of the engine's
 *    rules (independent of the engine's counters) and compares the result with the call table
 *    and the report.
 *
 * Every `fc.assert` has a fixed seed so CI is reproducible; a failure prints the scenario.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PROTOCOL_PROFILES, callsOf, linkId, validateScenario,
  type Distribution, type Scenario, type ScenarioInput,
} from '../../src/model/index.ts';
import {
  CallStatus, CALL_STATUS_NAMES, SERVICE_MODE_NAMES, ServiceMode, Simulation, TraceType, TRACE_TYPE_NAMES,
  buildReport, simulate, type RunReport,
} from '../../src/engine/index.ts';
import { DropReason, RejectReason } from '../../src/engine/trace/eventTypes.ts';
import { maybe, scenarioArbitrary, type Randomness } from '../support/arbitraries.ts';

// ---------------------------------------------------------------- helpers

function parse(doc: ScenarioInput): Scenario {
  const result = validateScenario(doc);
  if (!result.ok) throw new Error(`generated an invalid scenario: ${JSON.stringify(result.problems)}`);
  return result.scenario;
}

/** The smallest and largest value a distribution can draw (Infinity: unbounded). */
function bounds(d: Distribution): readonly [number, number] {
  switch (d.dist) {
    case 'constant': return [d.value, d.value];
    case 'uniform': return [d.min, d.max];
    case 'exponential': return [0, Infinity];
    case 'normal': return d.stddev === 0 ? [Math.max(0, d.mean), Math.max(0, d.mean)] : [0, Infinity];
    case 'lognormal': return d.stddev === 0 ? [d.mean, d.mean] : [0, Infinity];
    case 'pareto': return [d.scale, Infinity];
  }
}

/** x in [lo, hi], allowing for floating-point rounding. */
function within(x: number, lo: number, hi: number): boolean {
  const tol = (v: number) => 1e-6 + 1e-9 * Math.abs(v);
  return x >= lo - tol(lo) && (hi === Infinity || x <= hi + tol(hi));
}

/** Runs a scenario in chunks: `runUntil` at each cut point (optionally in slices of `maxEvents`), then to the end. */
function runChunked(scenario: Scenario, seed: number, cuts: readonly { at: number; maxEvents?: number }[]): Simulation {
  const sim = new Simulation(scenario, { seed });
  for (const cut of cuts) {
    if (cut.maxEvents === undefined) sim.runUntil(cut.at);
    else {
      do sim.runUntil(cut.at, cut.maxEvents); while (sim.nextEventTime <= cut.at);
    }
  }
  sim.runUntil(scenario.duration);
  return sim;
}

/** True when a scenario contains something that must make its trace depend on the seed. */
function hasGuaranteedRandomness(scenario: Scenario): boolean {
  // The `guaranteed` generator's marker: a Poisson client sending from 0 to the end at ≥ 10 req/s.
  return scenario.nodes.some((n) => n.kind === 'client' && n.workload.pattern === 'poisson' && n.workload.rate >= 10
    && n.workload.start === undefined && n.workload.stop === undefined);
}

// ---------------------------------------------------------------- the trace checker

type Fault = Scenario['faults'][number];

interface PlanEntry { readonly callee: number; readonly link: number; readonly timeout: number | undefined }

/** Caller-side state of a call, as the replay sees it. */
const Caller = { UNSENT: 0, PENDING: 1, RECEIVED: 2, TIMED_OUT: 3, ABANDONED: 4 } as const;
/** Callee-side (message) state of a call, as the replay sees it. */
const Where = {
  IN_TRANSIT: 0, REQUEST_LOST: 1, ARRIVED: 2, QUEUED: 3, WORKING: 4, CALLING: 5,
  REPLY_IN_TRANSIT: 6, REPLY_LOST: 7, LOST_AT_CALLEE: 8, REPLY_DELIVERED: 9,
} as const;

interface Expectation { readonly what: string; readonly optional: boolean; readonly test: (type: number, node: number, a: number, b: number) => boolean }

interface CheckOptions {
  /**
   * Also require that a service refuses every request while *any* crash fault on it is active,
   * even when crash faults overlap (the service machine counts crashes; it restarts only when
   * the last one ends).
   */
  readonly crashFaultsHold?: boolean;
}

interface RunStats {
  readonly rows: Record<string, number>;
  readonly statuses: Record<string, number>;
  readonly drops: Record<string, number>;
  readonly rejects: Record<string, number>;
}

/**
 * Replays the trace of a finished (or paused) run and returns every inconsistency found
 * (empty: all good). `stats` (optional) is filled with what the run exercised.
 */
function checkRun(scenario: Scenario, sim: Simulation, report: RunReport, stats?: RunStats, options: CheckOptions = {}): string[] {
  const problems: string[] = [];
  const fail = (message: string) => { if (problems.length < 20) problems.push(message); };
  const { trace, calls, nodeIds } = sim.rt;
  const until = sim.now;
  const nCalls = calls.length;

  // ---- the scenario, by index (nodes and links in document order, as the engine numbers them)
  const nodeIndex = new Map(scenario.nodes.map((n, i) => [n.id, i]));
  const linkIndex = new Map(scenario.links.map((l, i) => [linkId(l), i]));
  scenario.nodes.forEach((n, i) => { if (sim.nodeIndexOf(n.id) !== i || nodeIds[i] !== n.id) fail(`node ${n.id} is not node ${i}`); });
  const links = scenario.links.map((l) => ({
    id: linkId(l), from: nodeIndex.get(l.from) as number, to: nodeIndex.get(l.to) as number,
    overhead: PROTOCOL_PROFILES[l.protocol].overheadMs, latency: bounds(l.latency), loss: l.loss, timeout: l.timeout,
  }));
  const linkBetween = new Map(links.map((l, i) => [`${l.from}>${l.to}`, i]));
  const services = scenario.nodes.map((n) => {
    if (n.kind !== 'service') return undefined;
    const self = nodeIndex.get(n.id) as number;
    const plan: PlanEntry[][] = n.calls.map((step) => callsOf(step).map((c) => {
      const callee = nodeIndex.get(c.to) as number;
      const link = linkBetween.get(`${self}>${callee}`) as number;
      return { callee, link, timeout: c.timeout ?? links[link].timeout };
    }));
    return {
      id: n.id, workers: n.workers, capacity: n.queueCapacity ?? Infinity, work: bounds(n.serviceTime),
      errorRate: n.errorRate, startupTime: n.startupTime, plan,
      mode: n.startupTime === 0 ? ServiceMode.HEALTHY : ServiceMode.STARTING as number, enteredAt: 0,
      line: [] as number[], busy: new Set<number>(), crashAt: NaN, crashEndAt: NaN, lastCrashDrop: -1,
      arrivals: 0, ok: 0, errors: 0, rejected: 0, dropped: 0,
      maxLine: 0, busyArea: 0, lineArea: 0, waitSum: 0, started: 0,
      latency: { count: 0, min: Infinity, max: -Infinity, sum: 0 },
    };
  });
  const clients = scenario.nodes.map((n) => {
    if (n.kind !== 'client') return undefined;
    const self = nodeIndex.get(n.id) as number;
    const target = nodeIndex.get(n.target) as number;
    const link = linkBetween.get(`${self}>${target}`) as number;
    return {
      id: n.id, target, link, timeout: n.timeout ?? links[link].timeout, workload: n.workload,
      start: n.workload.start ?? 0, stop: n.workload.stop ?? scenario.duration,
      think: n.workload.pattern === 'closed' ? bounds(n.workload.thinkTime) : undefined,
      roots: [] as number[],
      /** Closed loop: each user's latest request. */
      lastOfUser: new Map<number, number>(),
    };
  });
  const faults = scenario.faults;

  // ---- the effects of the faults active now, computed from the scenario (not the engine)
  const active = new Set<number>();
  const activeOf = <K extends Fault['kind']>(kind: K) => [...active].map((i) => faults[i]).filter((f) => f.kind === kind) as Extract<Fault, { kind: K }>[];
  const lossOn = (l: number) => {
    const fs = activeOf('loss').filter((f) => linkIndex.get(f.link) === l);
    return fs.length === 0 ? links[l].loss : 1 - fs.reduce((d, f) => d * (1 - f.rate), 1 - links[l].loss);
  };
  const extraOn = (l: number) => activeOf('latency').filter((f) => linkIndex.get(f.link) === l).reduce((s, f) => s + f.add, 0);
  /** Are messages from node x to node y cut off by a partition? */
  const cut = (x: number, y: number) => activeOf('partition').some((f) => {
    const a = nodeIndex.get(f.between[0]), b = nodeIndex.get(f.between[1]);
    return (a === x && b === y) || (!f.oneWay && a === y && b === x);
  });
  const slowOf = (s: number) => activeOf('slow').filter((f) => nodeIndex.get(f.target) === s).reduce((k, f) => k * f.factor, 1);
  const errorRateOf = (s: number) => {
    const fs = activeOf('errors').filter((f) => nodeIndex.get(f.target) === s);
    const base = services[s]!.errorRate;
    return fs.length === 0 ? base : 1 - fs.reduce((h, f) => h * (1 - f.rate), 1 - base);
  };
  const impairmentsOf = (s: number) => [...active].filter((i) => {
    const f = faults[i];
    return (f.kind === 'slow' || f.kind === 'errors') && nodeIndex.get(f.target) === s;
  }).length;
  const accepting = (mode: number) => mode === ServiceMode.HEALTHY || mode === ServiceMode.DEGRADED;

  // ---- per call
  const caller = new Uint8Array(nCalls);
  const where = new Uint8Array(nCalls);
  const replyStatus = new Uint8Array(nCalls);
  const timeoutOf = new Float64Array(nCalls).fill(NaN);
  const extraAtSend = new Float64Array(nCalls);
  const replyAt = new Float64Array(nCalls);
  const extraAtReply = new Float64Array(nCalls);
  const startedAt = new Float64Array(nCalls).fill(NaN);
  const slowAtStart = new Float64Array(nCalls);
  const lost = new Uint8Array(nCalls);
  const droppedAt = new Float64Array(nCalls).fill(NaN);
  const endedAt = new Float64Array(nCalls).fill(NaN);
  // Progress of a request through its callee's plan.
  const workFailed = new Uint8Array(nCalls);
  const step = new Int32Array(nCalls);
  const outstanding = new Int32Array(nCalls);
  const stepFailed = new Uint8Array(nCalls);
  const firstChild = new Int32Array(nCalls).fill(-1);
  let nextCall = 0;

  // ---- what the next rows must be
  let expectNext: Expectation | undefined;
  let sends: { parent: number; entries: PlanEntry[] } | undefined;
  const expectReplyDrop = (c: number, from: number, to: number, l: number, dropNode: number) => {
    if (cut(from, to)) expectNext = { what: `drop of call ${c} (partition)`, optional: false, test: (ty, nd, a, b) => ty === TraceType.DROP && a === c && b === DropReason.PARTITION && nd === dropNode };
    else if (lossOn(l) >= 1) expectNext = { what: `drop of call ${c} (loss)`, optional: false, test: (ty, nd, a, b) => ty === TraceType.DROP && a === c && b === DropReason.LOSS && nd === dropNode };
    else if (lossOn(l) <= 0) expectNext = { what: `no drop of call ${c}`, optional: true, test: (ty, _nd, a) => !(ty === TraceType.DROP && a === c) };
  };
  const expectReply = (c: number, status: number) => {
    expectNext = { what: `reply ${CALL_STATUS_NAMES[status]} to call ${c}`, optional: false, test: (ty, _nd, a, b) => ty === TraceType.REPLY && a === c && b === status };
  };
  const beginStep = (c: number, s: number, k: number) => {
    step[c] = k;
    outstanding[c] = services[s]!.plan[k].length;
    stepFailed[c] = 0;
    firstChild[c] = -1;
    where[c] = Where.CALLING;
    sends = { parent: c, entries: [...services[s]!.plan[k]] };
  };
  /** A sub-call of `p` ended, as its caller saw it. */
  const childEnded = (p: number, child: number, failed: boolean, t: number) => {
    const s = calls.callee[p];
    const svc = services[s];
    if (!svc || where[p] !== Where.CALLING || !svc.busy.has(p)) { fail(`t=${t}: sub-call ${child} ended but its parent ${p} is not waiting on calls`); return; }
    const n = svc.plan[step[p]].length;
    if (child < firstChild[p] || child >= firstChild[p] + n) fail(`t=${t}: sub-call ${child} ended but is not in the current step of ${p}`);
    if (failed) stepFailed[p] = 1;
    if (--outstanding[p] > 0) return;
    if (stepFailed[p]) expectReply(p, CallStatus.ERROR);
    else if (step[p] + 1 < svc.plan.length) beginStep(p, s, step[p] + 1);
    else expectReply(p, CallStatus.OK);
  };

  // ---- counters recomputed from the trace
  const linkCount = links.map(() => ({ calls: 0, messages: 0, lost: 0, ok: 0, errors: 0, rejected: 0, timeouts: 0, late: 0 }));
  const linkLatency = links.map(() => ({ count: 0, min: Infinity, max: -Infinity, sum: 0 }));
  const wasted = links.map(() => 0);
  type Latency = { count: number; min: number; max: number; sum: number };
  const record = (r: Latency, ms: number) => { r.count++; r.sum += ms; r.min = Math.min(r.min, ms); r.max = Math.max(r.max, ms); };
  /** Time integrals of busy workers and line length, from the replay. */
  const integrate = (dt: number) => {
    for (const svc of services) if (svc) { svc.busyArea += svc.busy.size * dt; svc.lineArea += svc.line.length * dt; }
  };

  const boundaryChecks = (t: number) => {
    services.forEach((svc, s) => {
      if (!svc) return;
      if (accepting(svc.mode)) {
        if (svc.line.length > 0 && svc.busy.size < svc.workers) fail(`t=${t}: ${svc.id} has ${svc.line.length} waiting and a free worker`);
        if ((svc.mode === ServiceMode.DEGRADED) !== (impairmentsOf(s) > 0)) fail(`t=${t}: ${svc.id} is ${SERVICE_MODE_NAMES[svc.mode]} with ${impairmentsOf(s)} slow/error faults active`);
      } else if (svc.line.length > 0 || svc.busy.size > 0) {
        fail(`t=${t}: ${svc.id} is ${SERVICE_MODE_NAMES[svc.mode]} but holds ${svc.line.length + svc.busy.size} requests`);
      }
    });
  };

  let prevT = -Infinity;
  const n = trace.length;
  for (let i = 0; i < n; i++) {
    const t = trace.time(i), type = trace.type(i), node = trace.node(i), a = trace.a(i), b = trace.b(i);
    if (stats) stats.rows[TRACE_TYPE_NAMES[type]] = (stats.rows[TRACE_TYPE_NAMES[type]] ?? 0) + 1;
    const at = `row ${i} t=${t} ${TRACE_TYPE_NAMES[type] ?? type}(node=${node}, a=${a}, b=${b})`;
    if (!(t >= prevT)) fail(`${at}: time goes backwards (previous row at ${prevT})`);
    if (t > until) fail(`${at}: after the end of the run (${until})`);
    if (t > prevT) {
      boundaryChecks(prevT);
      integrate(t - Math.max(0, prevT));
      prevT = t;
    }
    if (expectNext) {
      if (!expectNext.test(type, node, a, b)) fail(`${at}: expected ${expectNext.what}`);
      expectNext = undefined;
    }
    if (sends && type !== TraceType.DROP) {
      const e = sends.entries[0];
      if (type !== TraceType.SEND || calls.parent[a] !== sends.parent || calls.callee[a] !== e.callee || b !== e.link) {
        fail(`${at}: expected call ${sends.parent}'s next sub-call to ${nodeIds[e.callee]}`);
        sends = undefined;
      }
    }
    const isCall = type !== TraceType.STATE && type !== TraceType.FAULT_START && type !== TraceType.FAULT_END;
    if (isCall && (a < 0 || a >= nCalls)) { fail(`${at}: no such call`); continue; }

    switch (type) {
      case TraceType.SEND: {
        const c = a, l = b, p = calls.parent[c];
        if (c !== nextCall) fail(`${at}: calls should be sent in id order (expected ${nextCall})`);
        nextCall = Math.max(nextCall, c + 1);
        if (calls.caller[c] !== node || calls.link[c] !== l || links[l]?.from !== node || links[l]?.to !== calls.callee[c]) fail(`${at}: caller, link and callee disagree`);
        if (calls.sentAt[c] !== t) fail(`${at}: sentAt is ${calls.sentAt[c]}`);
        let timeout: number | undefined;
        if (p < 0) {
          const client = clients[node];
          if (!client) { fail(`${at}: a root call not made by a client`); break; }
          if (calls.root[c] !== c) fail(`${at}: a root call's root is ${calls.root[c]}`);
          if (l !== client.link) fail(`${at}: a client request over link ${l}, not its own`);
          if (!(t >= client.start && t < client.stop)) fail(`${at}: sent outside the client's window [${client.start}, ${client.stop})`);
          timeout = client.timeout;
          const w = client.workload;
          const k = client.roots.length;
          if (w.pattern === 'constant' && t !== client.start + (k * 1000) / w.rate) fail(`${at}: request ${k} of a constant client should be sent at ${client.start + (k * 1000) / w.rate}`);
          if (w.pattern === 'bursts' && t !== client.start + Math.floor(k / w.size) * w.every) fail(`${at}: request ${k} of a bursts client should be sent at ${client.start + Math.floor(k / w.size) * w.every}`);
          const user = calls.user[c];
          if (w.pattern === 'closed') {
            if (!(user >= 0 && user < w.users)) fail(`${at}: closed-loop request from user ${user} of ${w.users}`);
            const previous = client.lastOfUser.get(user);
            const [lo, hi] = client.think!;
            if (previous === undefined) {
              if (!within(t, client.start + lo, client.start + hi)) fail(`${at}: user ${user}'s first request should follow its first think time`);
            } else if (caller[previous] !== Caller.RECEIVED && caller[previous] !== Caller.TIMED_OUT) {
              fail(`${at}: user ${user} sent again while its request ${previous} has not ended`);
            } else if (!within(t - endedAt[previous], lo, hi)) {
              fail(`${at}: user ${user} thought ${t - endedAt[previous]} ms, not in [${lo}, ${hi}]`);
            }
            client.lastOfUser.set(user, c);
          } else if (user !== -1) fail(`${at}: an open-loop request has user ${user}`);
          client.roots.push(c);
        } else {
          if (!(p < c)) fail(`${at}: parent ${p} comes after its sub-call`);
          if (calls.callee[p] !== node) fail(`${at}: sub-call of ${p} made by ${nodeIds[node]}, not by ${p}'s callee ${nodeIds[calls.callee[p]]}`);
          if (calls.root[c] !== calls.root[p]) fail(`${at}: root ${calls.root[c]} differs from its parent's ${calls.root[p]}`);
          if (!sends || sends.parent !== p) { fail(`${at}: sub-call of ${p} not expected now`); break; }
          const e = sends.entries.shift()!;
          timeout = e.timeout;
          if (firstChild[p] < 0) firstChild[p] = c;
          else if (c - firstChild[p] !== services[node]!.plan[step[p]].length - sends.entries.length - 1) fail(`${at}: sub-calls of one step are not consecutive`);
          if (sends.entries.length === 0) sends = undefined;
        }
        if (calls.hasTimeout(c) !== (timeout !== undefined)) fail(`${at}: has a timeout: ${calls.hasTimeout(c)}, expected ${timeout}`);
        timeoutOf[c] = timeout ?? NaN;
        caller[c] = Caller.PENDING;
        where[c] = Where.IN_TRANSIT;
        extraAtSend[c] = extraOn(l);
        linkCount[l].calls++;
        linkCount[l].messages++;
        expectReplyDrop(c, links[l].from, links[l].to, l, links[l].from);
        break;
      }

      case TraceType.DROP: {
        const c = a, l = calls.link[c];
        if (stats) stats.drops[b] = (stats.drops[b] ?? 0) + 1;
        const prev = i > 0 ? { type: trace.type(i - 1), a: trace.a(i - 1) } : undefined;
        if (b === DropReason.PARTITION || b === DropReason.LOSS) {
          const request = prev?.a === c && prev.type === TraceType.SEND;
          const reply = prev?.a === c && (prev.type === TraceType.REPLY || prev.type === TraceType.REJECT);
          if (!request && !reply) { fail(`${at}: a network drop not right after the message was sent`); break; }
          const [from, to] = request ? [links[l].from, links[l].to] : [links[l].to, links[l].from];
          if (node !== from) fail(`${at}: dropped at ${nodeIds[node]}, not at the sender ${nodeIds[from]}`);
          if (b === DropReason.PARTITION && !cut(from, to)) fail(`${at}: partition drop with no partition from ${nodeIds[from]} to ${nodeIds[to]}`);
          if (b === DropReason.LOSS && (cut(from, to) || !(lossOn(l) > 0))) fail(`${at}: loss drop on a link with loss ${lossOn(l)}${cut(from, to) ? ' (and partitioned)' : ''}`);
          where[c] = request ? Where.REQUEST_LOST : Where.REPLY_LOST;
          linkCount[l].lost++;
        } else if (b === DropReason.CRASH) {
          const svc = services[node];
          if (!svc || svc.crashAt !== t || svc.mode !== ServiceMode.CRASHED) { fail(`${at}: crash drop but ${nodeIds[node]} is not crashing now`); break; }
          if (calls.callee[c] !== node) fail(`${at}: crash drop of a call to another node`);
          if (!(c > svc.lastCrashDrop)) fail(`${at}: crash drops out of call order`);
          svc.lastCrashDrop = c;
          const inLine = svc.line.indexOf(c);
          if (inLine >= 0) svc.line.splice(inLine, 1);
          else if (!svc.busy.delete(c)) fail(`${at}: ${svc.id} dropped a call it did not hold`);
          where[c] = Where.LOST_AT_CALLEE;
          svc.dropped++;
        } else fail(`${at}: unknown drop reason`);
        lost[c] = 1;
        if (caller[c] === Caller.PENDING && Number.isNaN(timeoutOf[c]) && Number.isNaN(droppedAt[c])) droppedAt[c] = t;
        break;
      }

      case TraceType.ARRIVE: {
        const c = a, svc = services[node];
        if (!svc || calls.callee[c] !== node) { fail(`${at}: arrived at the wrong node`); break; }
        if (where[c] !== Where.IN_TRANSIT) fail(`${at}: arrived but was not travelling (state ${where[c]})`);
        if (calls.arrivedAt[c] !== t) fail(`${at}: arrivedAt is ${calls.arrivedAt[c]}`);
        const lk = links[calls.link[c]];
        const base = lk.overhead + extraAtSend[c];
        if (!within(t - calls.sentAt[c], base + lk.latency[0], base + lk.latency[1])) fail(`${at}: took ${t - calls.sentAt[c]} ms, outside [${base + lk.latency[0]}, ${base + lk.latency[1]}]`);
        svc.arrivals++;
        where[c] = Where.ARRIVED;
        if (options.crashFaultsHold && accepting(svc.mode) && activeOf('crash').some((f) => nodeIndex.get(f.target) === node)) {
          fail(`${at}: ${svc.id} is ${SERVICE_MODE_NAMES[svc.mode]} and takes requests while a crash fault on it is active`);
        }
        if (!accepting(svc.mode)) expectNext = { what: `rejection of ${c} (unavailable)`, optional: false, test: (ty, nd, x, y) => ty === TraceType.REJECT && x === c && y === RejectReason.UNAVAILABLE && nd === node };
        else if (svc.busy.size < svc.workers) expectNext = { what: `start of ${c}`, optional: false, test: (ty, nd, x) => ty === TraceType.START && x === c && nd === node };
        else if (svc.line.length >= svc.capacity) expectNext = { what: `rejection of ${c} (queue full)`, optional: false, test: (ty, nd, x, y) => ty === TraceType.REJECT && x === c && y === RejectReason.QUEUE_FULL && nd === node };
        else expectNext = { what: `${c} queued at ${svc.line.length + 1}`, optional: false, test: (ty, nd, x, y) => ty === TraceType.QUEUE && x === c && y === svc.line.length + 1 && nd === node };
        break;
      }

      case TraceType.QUEUE: {
        const svc = services[node];
        if (!svc || where[a] !== Where.ARRIVED) { fail(`${at}: queued without arriving`); break; }
        svc.line.push(a);
        where[a] = Where.QUEUED;
        svc.maxLine = Math.max(svc.maxLine, b);
        if (b !== svc.line.length || b > svc.capacity) fail(`${at}: line length ${b}, expected ${svc.line.length} (capacity ${svc.capacity})`);
        break;
      }

      case TraceType.START: {
        const c = a, svc = services[node];
        if (!svc) { fail(`${at}: not a service`); break; }
        if (!accepting(svc.mode)) fail(`${at}: started work while ${SERVICE_MODE_NAMES[svc.mode]}`);
        if (svc.busy.size >= svc.workers) fail(`${at}: started work with all ${svc.workers} workers busy`);
        if (where[c] === Where.QUEUED) {
          if (svc.line[0] !== c) fail(`${at}: started ${c} ahead of ${svc.line[0]} (not first in, first out)`);
          const k = svc.line.indexOf(c);
          if (k >= 0) svc.line.splice(k, 1);
        } else if (where[c] !== Where.ARRIVED) fail(`${at}: started a request that is not waiting (state ${where[c]})`);
        svc.busy.add(c);
        where[c] = Where.WORKING;
        startedAt[c] = t;
        svc.started++;
        svc.waitSum += t - calls.arrivedAt[c];
        slowAtStart[c] = slowOf(node);
        break;
      }

      case TraceType.WORK_DONE: {
        const c = a, svc = services[node];
        if (!svc || !svc.busy.has(c) || where[c] !== Where.WORKING) { fail(`${at}: work done on a request not being worked on`); break; }
        const k = slowAtStart[c];
        if (!within(t - startedAt[c], svc.work[0] * k, svc.work[1] * k)) fail(`${at}: work took ${t - startedAt[c]} ms, outside ${k} × [${svc.work[0]}, ${svc.work[1]}]`);
        const er = errorRateOf(node);
        if (b !== 0 && b !== 1) fail(`${at}: failed flag ${b}`);
        if (b === 1 && !(er > 0)) fail(`${at}: failed with error rate ${er}`);
        if (b === 0 && er >= 1) fail(`${at}: succeeded with error rate ${er}`);
        workFailed[c] = b;
        if (b === 1) expectReply(c, CallStatus.ERROR);
        else if (svc.plan.length === 0) expectReply(c, CallStatus.OK);
        else beginStep(c, node, 0);
        break;
      }

      case TraceType.REPLY: {
        const c = a, svc = services[node];
        if (!svc || !svc.busy.has(c)) { fail(`${at}: replied to a request it does not hold`); break; }
        // The status itself was checked by the expectation set when the outcome was decided.
        if (where[c] === Where.CALLING && outstanding[c] !== 0) fail(`${at}: replied with ${outstanding[c]} sub-calls outstanding`);
        if (where[c] !== Where.CALLING && where[c] !== Where.WORKING) fail(`${at}: replied from state ${where[c]}`);
        if (b === CallStatus.OK) svc.ok++;
        else if (b === CallStatus.ERROR) svc.errors++;
        else fail(`${at}: reply status ${b}`);
        if (calls.reply[c] !== b) fail(`${at}: the call table says the reply was ${calls.reply[c]}`);
        svc.busy.delete(c);
        record(svc.latency, t - calls.arrivedAt[c]);
        where[c] = Where.REPLY_IN_TRANSIT;
        replyStatus[c] = b;
        replyAt[c] = t;
        const l = calls.link[c];
        extraAtReply[c] = extraOn(l);
        linkCount[l].messages++;
        expectReplyDrop(c, links[l].to, links[l].from, l, links[l].to);
        break;
      }

      case TraceType.REJECT: {
        const c = a, svc = services[node];
        if (!svc || where[c] !== Where.ARRIVED) { fail(`${at}: rejected a request that did not just arrive`); break; }
        if (stats) stats.rejects[b] = (stats.rejects[b] ?? 0) + 1;
        svc.rejected++;
        where[c] = Where.REPLY_IN_TRANSIT;
        replyStatus[c] = CallStatus.REJECTED;
        if (calls.reply[c] !== CallStatus.REJECTED) fail(`${at}: the call table says the reply was ${calls.reply[c]}`);
        replyAt[c] = t;
        const l = calls.link[c];
        extraAtReply[c] = extraOn(l);
        linkCount[l].messages++;
        expectReplyDrop(c, links[l].to, links[l].from, l, links[l].to);
        break;
      }

      case TraceType.RECEIVE:
      case TraceType.LATE_REPLY: {
        const c = a;
        if (calls.caller[c] !== node) fail(`${at}: received by ${nodeIds[node]}, not the caller`);
        if (where[c] !== Where.REPLY_IN_TRANSIT) { fail(`${at}: no reply was travelling (state ${where[c]})`); break; }
        if (b !== replyStatus[c]) fail(`${at}: status ${b} but the callee replied ${replyStatus[c]}`);
        const lk = links[calls.link[c]];
        const base = lk.overhead + extraAtReply[c];
        if (!within(t - replyAt[c], base + lk.latency[0], base + lk.latency[1])) fail(`${at}: reply took ${t - replyAt[c]} ms, outside [${base + lk.latency[0]}, ${base + lk.latency[1]}]`);
        where[c] = Where.REPLY_DELIVERED;
        const l = calls.link[c];
        if (type === TraceType.LATE_REPLY) {
          if (caller[c] !== Caller.TIMED_OUT && caller[c] !== Caller.ABANDONED) fail(`${at}: a late reply but the caller still waits (state ${caller[c]})`);
          linkCount[l].late++;
          if (replyAt[c] - startedAt[c] > 0) wasted[l] += replyAt[c] - startedAt[c];
          break;
        }
        if (caller[c] !== Caller.PENDING) { fail(`${at}: received by a caller no longer waiting (state ${caller[c]})`); break; }
        if (!Number.isNaN(timeoutOf[c]) && !(t < calls.sentAt[c] + timeoutOf[c])) fail(`${at}: received at or after its deadline ${calls.sentAt[c] + timeoutOf[c]}`);
        caller[c] = Caller.RECEIVED;
        endedAt[c] = t;
        if (b === CallStatus.OK) { linkCount[l].ok++; record(linkLatency[l], t - calls.sentAt[c]); }
        else if (b === CallStatus.REJECTED) linkCount[l].rejected++;
        else linkCount[l].errors++;
        if (calls.parent[c] >= 0) childEnded(calls.parent[c], c, b !== CallStatus.OK, t);
        break;
      }

      case TraceType.TIMEOUT: {
        const c = a;
        if (calls.caller[c] !== node) fail(`${at}: timed out at ${nodeIds[node]}, not the caller`);
        if (caller[c] !== Caller.PENDING) { fail(`${at}: timed out but the caller was not waiting (state ${caller[c]})`); break; }
        if (Number.isNaN(timeoutOf[c])) fail(`${at}: timed out without a timeout`);
        else if (t !== calls.sentAt[c] + timeoutOf[c]) fail(`${at}: timed out at ${t}, not at sentAt + timeout = ${calls.sentAt[c] + timeoutOf[c]}`);
        caller[c] = Caller.TIMED_OUT;
        endedAt[c] = t;
        linkCount[calls.link[c]].timeouts++;
        if (calls.parent[c] >= 0) childEnded(calls.parent[c], c, true, t);
        break;
      }

      case TraceType.ABANDON: {
        const c = a, svc = services[node], p = calls.parent[c];
        if (!svc || calls.caller[c] !== node) { fail(`${at}: abandoned by a node that did not make the call`); break; }
        if (svc.crashAt !== t || svc.mode !== ServiceMode.CRASHED) fail(`${at}: abandoned while ${svc.id} is not crashing`);
        if (caller[c] !== Caller.PENDING) fail(`${at}: abandoned a call that had ended (state ${caller[c]})`);
        if (p < 0 || !svc.busy.has(p) || where[p] !== Where.CALLING) fail(`${at}: abandoned a call whose parent is not waiting on it`);
        if (!Number.isNaN(timeoutOf[c]) && t > calls.sentAt[c] + timeoutOf[c]) fail(`${at}: abandoned after its deadline`);
        caller[c] = Caller.ABANDONED;
        endedAt[c] = t;
        break;
      }

      case TraceType.STATE: {
        const svc = services[node];
        if (!svc) { fail(`${at}: a state change of a client`); break; }
        const from = a, to = b;
        if (from !== svc.mode) fail(`${at}: from ${SERVICE_MODE_NAMES[from]} but the service was ${SERVICE_MODE_NAMES[svc.mode]}`);
        const allowed: Record<number, number[]> = {
          [ServiceMode.STARTING]: [ServiceMode.HEALTHY, ServiceMode.DEGRADED, ServiceMode.CRASHED],
          [ServiceMode.HEALTHY]: [ServiceMode.DEGRADED, ServiceMode.CRASHED],
          [ServiceMode.DEGRADED]: [ServiceMode.HEALTHY, ServiceMode.CRASHED],
          [ServiceMode.CRASHED]: [ServiceMode.RESTARTING],
          [ServiceMode.RESTARTING]: [ServiceMode.HEALTHY, ServiceMode.DEGRADED, ServiceMode.CRASHED],
        };
        if (!allowed[from]?.includes(to)) fail(`${at}: no transition from ${SERVICE_MODE_NAMES[from]} to ${SERVICE_MODE_NAMES[to]}`);
        if (to === ServiceMode.CRASHED && svc.crashAt !== t) fail(`${at}: crashed with no crash fault starting`);
        if (to === ServiceMode.RESTARTING && svc.crashEndAt !== t) fail(`${at}: restarting with no crash fault ending`);
        if ((from === ServiceMode.STARTING || from === ServiceMode.RESTARTING) && accepting(to) && t !== svc.enteredAt + svc.startupTime) {
          fail(`${at}: up after ${t - svc.enteredAt} ms, startup time is ${svc.startupTime}`);
        }
        if (to === ServiceMode.DEGRADED && impairmentsOf(node) === 0) fail(`${at}: degraded with no slow/error fault`);
        if (from === ServiceMode.DEGRADED && to === ServiceMode.HEALTHY && impairmentsOf(node) > 0) fail(`${at}: healthy with slow/error faults active`);
        svc.mode = to;
        svc.enteredAt = t;
        break;
      }

      case TraceType.FAULT_START:
      case TraceType.FAULT_END: {
        const f = faults[a];
        if (!f) { fail(`${at}: no fault ${a}`); break; }
        const start = type === TraceType.FAULT_START;
        if (start ? t !== f.at : t !== f.at + (f.duration ?? NaN)) fail(`${at}: fault ${a} at the wrong time`);
        const target = f.kind === 'latency' || f.kind === 'loss' ? -1 : nodeIndex.get(f.kind === 'partition' ? f.between[0] : f.target);
        const link = f.kind === 'latency' || f.kind === 'loss' ? linkIndex.get(f.link) : -1;
        if (node !== target || b !== link) fail(`${at}: fault ${a} names node ${node} / link ${b}, expected ${target} / ${link}`);
        if (start) {
          if (active.has(a)) fail(`${at}: fault ${a} started twice`);
          active.add(a);
          if (f.kind === 'crash') { const svc = services[node]!; svc.crashAt = t; svc.lastCrashDrop = -1; }
        } else {
          if (!active.delete(a)) fail(`${at}: fault ${a} ended without starting`);
          if (f.kind === 'crash') services[node]!.crashEndAt = t;
        }
        break;
      }

      default:
        fail(`${at}: unknown row type`);
    }
  }
  boundaryChecks(prevT);
  integrate(until - Math.max(0, prevT));
  if (expectNext && !expectNext.optional) fail(`end of trace: expected ${expectNext.what}`);
  if (sends) fail(`end of trace: call ${sends.parent}'s sub-calls were not all sent`);

  // ---- the call table against the replay
  if (nextCall !== nCalls) fail(`${nCalls} calls in the table but ${nextCall} sent in the trace`);
  for (let c = 0; c < nCalls; c++) {
    const status = calls.status[c];
    if (stats) stats.statuses[CALL_STATUS_NAMES[status]] = (stats.statuses[CALL_STATUS_NAMES[status]] ?? 0) + 1;
    const hasTimeout = !Number.isNaN(timeoutOf[c]);
    const what = `call ${c} (${nodeIds[calls.caller[c]]} → ${nodeIds[calls.callee[c]]}, ${CALL_STATUS_NAMES[status]})`;
    switch (caller[c]) {
      case Caller.RECEIVED:
        if (status !== replyStatus[c] || (status !== CallStatus.OK && status !== CallStatus.ERROR && status !== CallStatus.REJECTED)) fail(`${what}: received ${CALL_STATUS_NAMES[replyStatus[c]]}`);
        break;
      case Caller.TIMED_OUT: if (status !== CallStatus.TIMEOUT) fail(`${what}: timed out in the trace`); break;
      case Caller.ABANDONED: if (status !== CallStatus.ABANDONED) fail(`${what}: abandoned in the trace`); break;
      case Caller.PENDING:
        if (status === CallStatus.DROPPED) {
          if (hasTimeout) fail(`${what}: dropped although a timeout watches it`);
          if (!lost[c]) fail(`${what}: dropped but no message of it was lost`);
          if (calls.endedAt[c] !== droppedAt[c]) fail(`${what}: ended at ${calls.endedAt[c]}, its first loss was at ${droppedAt[c]}`);
        } else if (status === CallStatus.PENDING) {
          if (!hasTimeout && lost[c]) fail(`${what}: a message was lost, no timeout watches it, but it is not dropped`);
          if (hasTimeout && !(calls.sentAt[c] + timeoutOf[c] > until)) fail(`${what}: still pending after its deadline ${calls.sentAt[c] + timeoutOf[c]}`);
        } else fail(`${what}: no outcome in the trace`);
        break;
      default: fail(`${what}: never sent`);
    }
    if (status !== CallStatus.PENDING && caller[c] !== Caller.PENDING && calls.endedAt[c] !== endedAt[c]) fail(`${what}: endedAt ${calls.endedAt[c]}, trace says ${endedAt[c]}`);
    if (status === CallStatus.ABANDONED && calls.parent[c] < 0) fail(`${what}: a client's request abandoned`);
  }

  // ---- the report against the replay
  const checkLatency = (what: string, got: RunReport['latency'], expected: Latency) => {
    if (got.count !== expected.count) { fail(`${what}: latency of ${got.count} requests, trace has ${expected.count}`); return; }
    if (expected.count === 0) return;
    if (got.min !== expected.min || got.max !== expected.max || Math.abs(got.mean - expected.sum / expected.count) > 1e-9 * Math.max(1, got.mean)) {
      fail(`${what}: latency min/mean/max ${got.min}/${got.mean}/${got.max}, trace ${expected.min}/${expected.sum / expected.count}/${expected.max}`);
    }
  };
  if (report.traceEvents !== n) fail(`report.traceEvents ${report.traceEvents}, trace has ${n} rows`);
  if (report.traceHash !== trace.hash()) fail('report.traceHash is not the trace hash');
  if (report.until !== until) fail(`report.until ${report.until}, clock at ${until}`);
  clients.forEach((client) => {
    if (!client) return;
    const r = report.clients[client.id];
    const count = (s: number) => client.roots.filter((c) => calls.status[c] === s).length;
    const expected = {
      sent: client.roots.length, completed: count(CallStatus.OK), failed: count(CallStatus.ERROR), timedOut: count(CallStatus.TIMEOUT),
      rejected: count(CallStatus.REJECTED), dropped: count(CallStatus.DROPPED), inFlight: count(CallStatus.PENDING),
    };
    const got = { sent: r.sent, completed: r.completed, failed: r.failed, timedOut: r.timedOut, rejected: r.rejected, dropped: r.dropped, inFlight: r.inFlight };
    if (JSON.stringify(got) !== JSON.stringify(expected)) fail(`client ${client.id}: report ${JSON.stringify(got)}, call table ${JSON.stringify(expected)}`);
    if (r.inFlight < 0) fail(`client ${client.id}: ${r.inFlight} in flight`);
    const latency: Latency = { count: 0, min: Infinity, max: -Infinity, sum: 0 };
    for (const c of client.roots) if (calls.status[c] === CallStatus.OK) record(latency, endedAt[c] - calls.sentAt[c]);
    checkLatency(`client ${client.id}`, r.latency, latency);
    // Liveness: a periodic client sent every request due before the end; closed-loop users sent again when due.
    const w = client.workload;
    const end = client.stop;
    if (w.pattern === 'constant' || w.pattern === 'bursts') {
      let due = 0;
      if (client.start < client.stop) {
        for (let k = 0; ; k++) {
          const tk = w.pattern === 'constant' ? client.start + (k * 1000) / w.rate : client.start + k * w.every;
          if (!(tk < end && tk <= until)) break;
          due += w.pattern === 'constant' ? 1 : w.size;
        }
      }
      if (client.roots.length !== due) fail(`client ${client.id}: sent ${client.roots.length}, ${due} were due`);
    }
    if (w.pattern === 'closed' && client.start < client.stop) {
      const hi = client.think![1];
      for (let user = 0; user < w.users; user++) {
        const last = client.lastOfUser.get(user);
        const ended = last === undefined || caller[last] === Caller.RECEIVED || caller[last] === Caller.TIMED_OUT;
        const nextDue = last === undefined ? client.start + hi : endedAt[last] + hi;
        if (ended && nextDue < end && nextDue <= until) fail(`client ${client.id}: user ${user} should have sent again by ${nextDue}`);
      }
    }
  });
  services.forEach((svc) => {
    if (!svc) return;
    const r = report.nodes[svc.id];
    const got = { arrivals: r.arrivals, ok: r.ok, errors: r.errors, rejected: r.rejected, dropped: r.dropped, mode: r.mode };
    const expected = { arrivals: svc.arrivals, ok: svc.ok, errors: svc.errors, rejected: svc.rejected, dropped: svc.dropped, mode: SERVICE_MODE_NAMES[svc.mode] };
    if (JSON.stringify(got) !== JSON.stringify(expected)) fail(`service ${svc.id}: report ${JSON.stringify(got)}, trace ${JSON.stringify(expected)}`);
    if (!(r.utilization >= 0 && r.utilization <= 1 + 1e-9)) fail(`service ${svc.id}: utilization ${r.utilization}`);
    if (r.maxLine !== svc.maxLine) fail(`service ${svc.id}: maxLine ${r.maxLine}, trace ${svc.maxLine}`);
    const close = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
    if (until > 0) {
      if (!close(r.utilization, svc.busyArea / (until * svc.workers))) fail(`service ${svc.id}: utilization ${r.utilization}, trace ${svc.busyArea / (until * svc.workers)}`);
      if (!close(r.meanLine, svc.lineArea / until)) fail(`service ${svc.id}: meanLine ${r.meanLine}, trace ${svc.lineArea / until}`);
      if (!close(r.meanInSystem, (svc.busyArea + svc.lineArea) / until)) fail(`service ${svc.id}: meanInSystem ${r.meanInSystem}, trace ${(svc.busyArea + svc.lineArea) / until}`);
    }
    if (!close(r.meanWait, svc.started > 0 ? svc.waitSum / svc.started : 0)) fail(`service ${svc.id}: meanWait ${r.meanWait}, trace ${svc.waitSum / svc.started}`);
    checkLatency(`service ${svc.id}`, r.latency, svc.latency);
  });
  links.forEach((l, k) => {
    const r = report.links[l.id];
    const x = linkCount[k];
    const got = { calls: r.calls, messages: r.messages, lost: r.lost, ok: r.ok, errors: r.errors, rejected: r.rejected, timeouts: r.timeouts, late: r.lateReplies };
    if (JSON.stringify(got) !== JSON.stringify(x)) fail(`link ${l.id}: report ${JSON.stringify(got)}, trace ${JSON.stringify(x)}`);
    if (Math.abs(r.wastedWorkMs - wasted[k]) > 1e-6 * Math.max(1, wasted[k])) fail(`link ${l.id}: wasted work ${r.wastedWorkMs} ms, trace ${wasted[k]} ms`);
    checkLatency(`link ${l.id}`, r.latency, linkLatency[k]);
  });
  return problems;
}

/**
 * The checks the task states in so many words, on client requests (root calls) only, by plain
 * counting over the trace: kept separate from the replay so each reads on its own.
 */
function checkRootOutcomes(sim: Simulation, report: RunReport): string[] {
  const problems: string[] = [];
  const { trace, calls, nodeIds, clients } = sim.rt;
  const receives = new Map<number, number[]>(); // call → statuses of its RECEIVE rows at the caller
  const timeouts = new Map<number, number>();
  for (let i = 0; i < trace.length; i++) {
    const type = trace.type(i), c = trace.a(i);
    if (type !== TraceType.RECEIVE && type !== TraceType.TIMEOUT) continue;
    if (trace.node(i) !== calls.caller[c]) problems.push(`row ${i}: outcome of call ${c} recorded away from its caller`);
    if (type === TraceType.RECEIVE) receives.set(c, [...(receives.get(c) ?? []), trace.b(i)]);
    else timeouts.set(c, (timeouts.get(c) ?? 0) + 1);
  }
  const byStatus = new Map<number, number[]>(); // client node → count per status
  for (let c = 0; c < calls.length; c++) {
    const p = calls.parent[c];
    if (p >= 0) {
      if (!(p < c) || calls.callee[p] !== calls.caller[c]) problems.push(`call ${c}: parent ${p} does not exist or was not made to ${nodeIds[calls.caller[c]]}`);
      continue;
    }
    if (!clients[calls.caller[c]]) { problems.push(`root call ${c} made by ${nodeIds[calls.caller[c]]}, not a client`); continue; }
    const r = receives.get(c) ?? [], nt = timeouts.get(c) ?? 0, status = calls.status[c];
    const what = `root call ${c} (${CALL_STATUS_NAMES[status]}): ${r.length} receive, ${nt} timeout rows`;
    if (r.length + nt > 1) problems.push(`${what}: ended more than once`);
    switch (status) {
      case CallStatus.OK: case CallStatus.ERROR: case CallStatus.REJECTED:
        if (r.length !== 1 || r[0] !== status || nt !== 0) problems.push(what);
        break;
      case CallStatus.TIMEOUT:
        if (nt !== 1 || r.length !== 0 || !calls.hasTimeout(c)) problems.push(what);
        break;
      case CallStatus.DROPPED:
        if (r.length + nt !== 0 || calls.hasTimeout(c)) problems.push(what);
        break;
      case CallStatus.PENDING:
        if (r.length + nt !== 0) problems.push(what);
        break;
      default: problems.push(`${what}: a client's request cannot end this way`);
    }
    const counts = byStatus.get(calls.caller[c]) ?? new Array<number>(7).fill(0);
    counts[status]++;
    byStatus.set(calls.caller[c], counts);
  }
  clients.forEach((client) => {
    if (!client) return;
    const counts = byStatus.get(client.node) ?? new Array<number>(7).fill(0);
    const r = report.clients[client.id];
    const sum = counts.reduce((s, x) => s + x, 0);
    if (r.sent !== sum || r.completed !== counts[CallStatus.OK] || r.failed !== counts[CallStatus.ERROR] || r.timedOut !== counts[CallStatus.TIMEOUT]
      || r.rejected !== counts[CallStatus.REJECTED] || r.dropped !== counts[CallStatus.DROPPED] || r.inFlight !== counts[CallStatus.PENDING] || r.inFlight < 0) {
      problems.push(`client ${client.id}: report ${JSON.stringify(r)} vs root statuses ${JSON.stringify(counts)}`);
    }
  });
  return problems;
}

// ---------------------------------------------------------------- the generator itself

describe('scenario generator (test/support/arbitraries.ts)', () => {
  it.each(['guaranteed', 'any', 'none'] as const)('generates only valid documents (randomness: %s)', (randomness: Randomness) => {
    fc.assert(fc.property(scenarioArbitrary({ randomness }), (doc) => {
      const result = validateScenario(doc);
      expect(result.ok ? [] : result.problems).toEqual([]);
      expect(result.warnings).toEqual([]);
      // Plain JSON: what a file would hold.
      expect(validateScenario(JSON.parse(JSON.stringify(doc)))).toEqual(result);
    }), { seed: 101, numRuns: 300 });
  });

  it('covers every feature the properties rely on', () => {
    const seen = new Map<string, number>();
    const see = (what: string) => seen.set(what, (seen.get(what) ?? 0) + 1);
    for (const doc of fc.sample(scenarioArbitrary({ randomness: 'any' }), { seed: 102, numRuns: 300 })) {
      const s = parse(doc);
      const services = s.nodes.filter((n) => n.kind === 'service');
      see(`services:${services.length}`);
      for (const n of s.nodes) {
        if (n.kind === 'client') { see(`workload:${n.workload.pattern}`); see(n.timeout === undefined ? 'client without timeout' : 'client timeout'); continue; }
        see(n.queueCapacity === null ? 'unbounded queue' : 'bounded queue');
        for (const step of n.calls) {
          see('parallel' in step ? 'parallel step' : 'sequential step');
          for (const c of callsOf(step)) see(c.timeout === undefined ? 'call without timeout' : 'call timeout');
        }
      }
      for (const f of s.faults) {
        see(`fault:${f.kind}`);
        if (f.kind === 'crash') see(f.duration === undefined ? 'crash until the end' : 'crash with duration');
        if (f.kind === 'partition') see(f.oneWay ? 'partition one way' : 'partition both ways');
      }
      if (JSON.stringify(doc).includes('ms"')) see('duration as text');
    }
    const required = [
      'services:2', 'services:6', 'workload:constant', 'workload:poisson', 'workload:bursts', 'workload:ramp', 'workload:closed',
      'client timeout', 'client without timeout', 'bounded queue', 'unbounded queue', 'parallel step', 'sequential step',
      'call timeout', 'call without timeout', 'fault:crash', 'fault:slow', 'fault:errors', 'fault:latency', 'fault:loss',
      'fault:partition', 'crash until the end', 'crash with duration', 'partition one way', 'partition both ways', 'duration as text',
    ];
    expect(required.filter((r) => !seen.has(r))).toEqual([]);
  });
});

// ---------------------------------------------------------------- 1. determinism

/** Cut points as fractions of the duration; about half are rounded to whole ms, where periodic events fall. */
const cutsArb = fc.array(fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  whole: fc.boolean(),
  maxEvents: maybe(fc.integer({ min: 1, max: 300 }), 0.3),
}), { maxLength: 6 });

describe('determinism', () => {
  it('same scenario + same seed ⇒ same trace, in one piece or in chunks; another seed ⇒ another trace', () => {
    let runs = 0;
    fc.assert(fc.property(scenarioArbitrary({ randomness: 'guaranteed' }), fc.nat({ max: 2 ** 32 - 1 }), fc.nat({ max: 2 ** 32 - 2 }), cutsArb, (doc, seed, offset, rawCuts) => {
      runs++;
      const scenario = parse(doc);
      const before = JSON.stringify(scenario);
      const one = simulate(scenario, { seed });
      // A second, separate run from a separately validated copy of the document.
      const two = simulate(parse(doc), { seed });
      expect(two.report.traceHash).toBe(one.report.traceHash);
      expect(two.report).toEqual(one.report);
      expect(JSON.stringify(scenario)).toBe(before); // the engine does not modify the scenario

      const cuts = rawCuts
        .map((c) => ({ at: Math.min(scenario.duration, c.whole ? Math.round(c.at * scenario.duration) : c.at * scenario.duration), maxEvents: c.maxEvents }))
        .sort((x, y) => x.at - y.at);
      const chunked = runChunked(scenario, seed, cuts);
      expect(chunked.rt.trace.hash()).toBe(one.report.traceHash);
      expect(buildReport(chunked)).toEqual(one.report);
      expect(chunked.series.times).toEqual(one.simulation.series.times);
      expect(chunked.series.services).toEqual(one.simulation.series.services);

      // Every scenario of this generator draws random numbers that show in its trace (see
      // `Randomness` 'guaranteed': a Poisson client sending from t = 0), so another seed must give
      // another trace. A scenario with no randomness at all would rightly give the same hash for
      // every seed; that case is the next test.
      expect(hasGuaranteedRandomness(scenario)).toBe(true);
      const otherSeed = (seed + 1 + offset) % 2 ** 32; // ≠ seed
      expect(simulate(scenario, { seed: otherSeed }).report.traceHash).not.toBe(one.report.traceHash);
      // The scenario's own seed is the default.
      if (seed === scenario.seed) expect(simulate(scenario).report.traceHash).toBe(one.report.traceHash);
    }), { seed: 20240501, numRuns: 200 });
    expect(runs).toBeGreaterThanOrEqual(200);
  });

  it('a scenario without randomness gives the same trace for every seed', () => {
    fc.assert(fc.property(scenarioArbitrary({ randomness: 'none' }), fc.array(fc.nat({ max: 2 ** 32 - 1 }), { minLength: 2, maxLength: 3 }), (doc, seeds) => {
      const scenario = parse(doc);
      const hashes = seeds.map((seed) => simulate(scenario, { seed }).report.traceHash);
      expect(new Set(hashes).size).toBe(1);
    }), { seed: 777, numRuns: 100 });
  });
});

// ---------------------------------------------------------------- 2. conservation

describe('conservation', () => {
  it('every request ends at most once, as the call table says, and the report agrees with the trace', () => {
    const stats: RunStats = { rows: {}, statuses: {}, drops: {}, rejects: {} };
    let runs = 0;
    fc.assert(fc.property(scenarioArbitrary({ randomness: 'any' }), maybe(fc.double({ min: 0, max: 1, noNaN: true }), 0.3), (doc, stopAt) => {
      runs++;
      const scenario = parse(doc);
      // Sometimes stop part-way, so requests are still in flight at the end.
      const until = stopAt === undefined ? scenario.duration : stopAt * scenario.duration;
      const { simulation, report } = simulate(scenario, { until });
      expect(checkRootOutcomes(simulation, report)).toEqual([]);
      expect(checkRun(scenario, simulation, report, stats, { crashFaultsHold: true })).toEqual([]);
    }), { seed: 4242, numRuns: 300 });
    expect(runs).toBeGreaterThanOrEqual(300);

    // The runs did exercise every outcome (otherwise the checks above proved little).
    const missing = [
      ...['ok', 'error', 'timeout', 'rejected', 'dropped', 'abandoned', 'pending'].filter((s) => !stats.statuses[s]),
      ...[DropReason.LOSS, DropReason.PARTITION, DropReason.CRASH].filter((r) => !stats.drops[r]).map((r) => `drop ${r}`),
      ...[RejectReason.QUEUE_FULL, RejectReason.UNAVAILABLE].filter((r) => !stats.rejects[r]).map((r) => `reject ${r}`),
      ...['late_reply', 'abandon', 'queue', 'state'].filter((t) => !stats.rows[t]),
    ];
    expect(missing).toEqual([]);
  });
});

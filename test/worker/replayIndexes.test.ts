/**
 * The replay's indexes (src/engine/replay/indexes/) against the run itself: for generated runs
 * with replicas, registries and gateways, and for long examples in a windowed replay, each
 * index's answer at random instants must equal what a fresh scan of the engine's full trace up to
 * that instant says (and, for a gateway's buckets, what the engine's own limiter held then),
 * whether the index was asked for before the first batch or only after the last.
 *
 * The scans here are written independently of the indexes, straight from the row layouts in
 * eventTypes.ts, so that a wrong decoder or a missed row shows as a difference.
 */
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/index.ts';
import { TraceReplay } from '../../src/engine/replay/traceReplay.ts';
import type { ReplayIndex, ReplayIndexDef } from '../../src/engine/replay/indexHost.ts';
import { instanceWindowsIndex, InstanceWindow, type WindowKind } from '../../src/engine/replay/indexes/instanceWindows.ts';
import { registryEntriesIndex } from '../../src/engine/replay/indexes/registryEntries.ts';
import { routedInstancesIndex } from '../../src/engine/replay/indexes/routedInstances.ts';
import { gatewayLogIndex } from '../../src/engine/replay/indexes/gatewayLog.ts';
import { EntryState, RegistryCall, RejectReason, TraceType } from '../../src/engine/trace/eventTypes.ts';
import type { TraceLog } from '../../src/engine/trace/traceLog.ts';
import { RunSession } from '../../src/worker/runSession.ts';
import type { Scenario } from '../../src/model/index.ts';
import { replicaScenarioArbitrary } from '../support/arbitraries/replicas.ts';
import { parse } from '../support/scenarioHelpers.ts';
import { example } from '../support/scenarios.ts';

const ALL: readonly ReplayIndexDef<ReplayIndex>[] = [instanceWindowsIndex, registryEntriesIndex, routedInstancesIndex, gatewayLogIndex];

/** Streams a run into a replay in batches, asking for every index before the first batch (`early`) or after the last. */
function replayOf(scenario: Scenario, early: boolean, windowRows?: number): TraceReplay {
  const session = new RunSession(scenario);
  const replay = new TraceReplay(session.topology, { windowRows });
  if (early) for (const def of ALL) replay.index(def);
  for (let until = 200; !replay.done; until += 200) replay.ingest(session.advance(until, 3000));
  if (!early) for (const def of ALL) replay.index(def);
  return replay;
}

/** The rows of `trace` with time ≤ t, in order. */
function* rowsUpTo(trace: TraceLog, t: number): Generator<number> {
  for (let row = trace.first; row < trace.length && trace.time(row) <= t; row++) yield row;
}

const OPENS: Record<number, [WindowKind, boolean]> = {
  [TraceType.EJECT]: [InstanceWindow.EJECTED, true],
  [TraceType.EJECT_END]: [InstanceWindow.EJECTED, false],
  [TraceType.MARKED_UNHEALTHY]: [InstanceWindow.UNHEALTHY, true],
  [TraceType.MARKED_HEALTHY]: [InstanceWindow.UNHEALTHY, false],
  [TraceType.CACHE_ADD]: [InstanceWindow.CACHED, true],
  [TraceType.CACHE_REMOVE]: [InstanceWindow.CACHED, false],
};

/** Per instance node, the sorted links whose callers hold a `kind` window on it at t (node = caller instance, a = link, b = instance). */
function windowsByScan(trace: TraceLog, kind: WindowKind, t: number): Record<number, number[]> {
  const open = new Map<string, [number, number]>();
  for (const row of rowsUpTo(trace, t)) {
    const o = OPENS[trace.type(row)];
    if (!o || o[0] !== kind) continue;
    const key = `${trace.node(row)} ${trace.a(row)} ${trace.b(row)}`;
    if (o[1]) open.set(key, [trace.b(row), trace.a(row)]);
    else open.delete(key);
  }
  const out: Record<number, number[]> = {};
  for (const [node, link] of open.values()) if (!(out[node] ??= []).includes(link)) out[node].push(link);
  for (const links of Object.values(out)) links.sort((x, y) => x - y);
  return out;
}

/** The index's answer in the scan's shape. */
function windowsByIndex(replay: TraceReplay, kind: WindowKind, t: number): Record<number, number[]> {
  const out: Record<number, number[]> = {};
  replay
    .index(instanceWindowsIndex)
    .at(kind, t)
    ?.forEach((links, node) => {
      if (links) out[node] = [...links].sort((x, y) => x - y);
    });
  return out;
}

/**
 * Per registry, its entries at t by scan (REGISTRY_ENTRY: node = registry, a = instance, b = state; REGISTRY_ANSWER b = 1: a heartbeat from
 * call a's caller).
 */
function registriesByScan(trace: TraceLog, callerOf: (c: number) => number, t: number) {
  const regs = new Map<number, Map<number, { state: number | undefined; lastBeat: number }>>();
  const entry = (reg: number, instance: number) => {
    if (!regs.has(reg)) regs.set(reg, new Map());
    const m = regs.get(reg)!;
    if (!m.has(instance)) m.set(instance, { state: undefined, lastBeat: NaN });
    return m.get(instance)!;
  };
  for (const row of rowsUpTo(trace, t)) {
    const type = trace.type(row),
      time = trace.time(row);
    if (type === TraceType.REGISTRY_ENTRY) {
      const e = entry(trace.node(row), trace.a(row));
      e.state = trace.b(row);
      if (e.state === EntryState.REGISTERED || e.state === EntryState.HEALTHY) e.lastBeat = time;
    } else if (type === TraceType.REGISTRY_ANSWER && trace.b(row) === RegistryCall.HEARTBEAT) {
      entry(trace.node(row), callerOf(trace.a(row))).lastBeat = time;
    }
  }
  return [...regs].map(
    ([reg, m]) =>
      [
        reg,
        [...m].filter(([, e]) => e.state !== undefined).map(([instance, e]) => ({ instance, state: e.state, lastBeat: e.lastBeat })),
      ] as const,
  );
}

/** Per gateway, its counts at t by scan (GATEWAY: node = gateway, b = route or −RejectReason). */
function gatewayCountsByScan(trace: TraceLog, gateway: number, routes: number, t: number) {
  const routed = Array.from({ length: routes }, () => 0);
  const refused = new Map<number, number>();
  for (const row of rowsUpTo(trace, t)) {
    if (trace.type(row) !== TraceType.GATEWAY || trace.node(row) !== gateway) continue;
    const b = trace.b(row);
    if (b >= 0) routed[b]++;
    else refused.set(-b, (refused.get(-b) ?? 0) + 1);
  }
  const r = (reason: number) => refused.get(reason) ?? 0;
  return {
    routed,
    noToken: r(RejectReason.UNAUTHENTICATED),
    expired: r(RejectReason.TOKEN_EXPIRED),
    forged: r(RejectReason.TOKEN_INVALID),
    rateLimited: r(RejectReason.RATE_LIMITED),
    noRoute: r(RejectReason.NO_ROUTE),
  };
}

/** The engine's own per-client buckets at t (run to t), refilled to t. */
function engineBuckets(scenario: Scenario, gateway: number, t: number) {
  const sim = new Simulation(scenario);
  sim.runUntil(t);
  const g = sim.rt.services[gateway]!.gateway!;
  return [...g.buckets].map(([caller, b]) => ({ caller, tokens: Math.min(g.burst, b.tokens + (t - b.at) * g.rate) }));
}

/** Every index of `replay` at t against scans of `engine`'s full trace (`scenario`'s run); `buckets`: also against the engine's limiter. */
function compareAt(scenario: Scenario, engine: Simulation, replay: TraceReplay, t: number, buckets: boolean): void {
  const trace = engine.rt.trace,
    calls = engine.rt.calls;
  for (const kind of [InstanceWindow.EJECTED, InstanceWindow.UNHEALTHY, InstanceWindow.CACHED]) {
    expect({ t, kind, w: windowsByIndex(replay, kind, t) }).toEqual({ t, kind, w: windowsByScan(trace, kind, t) });
  }
  for (const [reg, entries] of registriesByScan(trace, (c) => calls.caller[c], t)) {
    expect({ t, reg, entries: replay.index(registryEntriesIndex).entriesAt(reg, t) }).toEqual({ t, reg, entries });
  }
  scenario.nodes.forEach((n, node) => {
    if (n.kind !== 'gateway') return;
    const view = replay.index(gatewayLogIndex).at(node, n.routes.length, t);
    expect({ t, ...view, limit: undefined, buckets: undefined }).toEqual({
      t,
      ...gatewayCountsByScan(trace, node, n.routes.length, t),
      limit: undefined,
      buckets: undefined,
    });
    if (buckets) expect({ t, buckets: view.buckets }).toEqual({ t, buckets: n.rateLimit ? engineBuckets(scenario, node, t) : [] });
  });
}

/**
 * Every call's instance number by scan (ROUTE: a = call, b = instance; DELIVER / STREAM_DELIVER: a = call, to its callee if replicated).
 */
function compareRouted(engine: Simulation, replay: TraceReplay): void {
  const { trace, calls } = engine.rt,
    topology = replay.topology;
  const numbers = topology.instanceNumber ?? [],
    owner = topology.instanceOf ?? [];
  const replicated = new Set(owner.filter((_, i) => (numbers[i] ?? 1) > 1));
  const expected = new Map<number, number>();
  for (let row = 0; row < trace.length; row++) {
    const type = trace.type(row),
      call = trace.a(row);
    if (type === TraceType.ROUTE) expected.set(call, numbers[trace.b(row)] ?? 1);
    else if (
      (type === TraceType.DELIVER || type === TraceType.STREAM_DELIVER) &&
      replicated.has(owner[calls.callee[call]] ?? calls.callee[call])
    )
      expected.set(call, numbers[calls.callee[call]] ?? 1);
  }
  const index = replay.index(routedInstancesIndex);
  for (let c = 0; c < replay.callsKnown; c++) expect({ c, n: index.of(c) }).toEqual({ c, n: expected.get(c) ?? 0 });
}

function engineRun(scenario: Scenario): Simulation {
  const sim = new Simulation(scenario);
  sim.runUntil(scenario.duration);
  return sim;
}

describe('replay indexes against a fresh scan of the run (property)', () => {
  it('answer as the full trace says at any instant, asked for before the run or after it (generated runs with replicas, registries, gateways)', () => {
    const seen = { windows: 0, entries: 0, routed: 0, buckets: 0 };
    fc.assert(
      fc.property(
        replicaScenarioArbitrary,
        fc.boolean(),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 4 }),
        (doc, early, fractions) => {
          const scenario = parse(doc);
          const engine = engineRun(scenario);
          const replay = replayOf(scenario, early);
          expect(replay.trace.hash()).toBe(engine.rt.trace.hash());
          for (const f of fractions) compareAt(scenario, engine, replay, f * scenario.duration, true);
          compareRouted(engine, replay);
          const end = scenario.duration;
          seen.windows +=
            Object.keys(windowsByScan(engine.rt.trace, InstanceWindow.CACHED, end)).length +
            Object.keys(windowsByScan(engine.rt.trace, InstanceWindow.EJECTED, end)).length;
          seen.entries += registriesByScan(engine.rt.trace, (c) => engine.rt.calls.caller[c], end).length;
          seen.routed += replay.index(routedInstancesIndex).instances.some((n) => n > 1) ? 1 : 0;
          scenario.nodes.forEach((n, node) => {
            if (n.kind === 'gateway') seen.buckets += replay.index(gatewayLogIndex).at(node, n.routes.length, end).buckets.length;
          });
        },
      ),
      { numRuns: 40, seed: 7 },
    );
    // The runs exercised every index (else passing would prove little).
    expect(seen.windows).toBeGreaterThan(0);
    expect(seen.entries).toBeGreaterThan(0);
    expect(seen.routed).toBeGreaterThan(0);
    expect(seen.buckets).toBeGreaterThan(0);
  });

  it('checks every index there is: each definition exported under src/engine/replay/indexes/ is one of those compared above', async () => {
    const checked: readonly ReplayIndexDef<ReplayIndex>[] = [
      instanceWindowsIndex,
      registryEntriesIndex,
      routedInstancesIndex,
      gatewayLogIndex,
    ];
    const folder = new URL('../../src/engine/replay/indexes/', import.meta.url);
    const defs: string[] = [];
    for (const file of readdirSync(folder)
      .filter((f) => f.endsWith('.ts'))
      .sort()) {
      const module = (await import(new URL(file, folder).href)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(module)) {
        const def = value as Partial<ReplayIndexDef<ReplayIndex>> | null;
        if (typeof def !== 'object' || def === null || typeof def.name !== 'string' || typeof def.create !== 'function') continue;
        defs.push(`${file}: ${name}`);
        expect({ file, name, checked: checked.includes(def as ReplayIndexDef<ReplayIndex>) }).toEqual({ file, name, checked: true });
      }
    }
    expect(defs.length).toBe(checked.length);
  });

  // Long runs several windows long: an index fed from the first batch keeps what the window forgets.
  it.each([
    ['discovery', 6],
    ['gateway', 6],
    ['slow-instance', 3],
  ] as const)('answer the same in a windowed replay of %s (duration ×%d), at any instant', (name, longer) => {
    const scenario = { ...example(name), duration: example(name).duration * longer };
    const engine = engineRun(scenario);
    const windowed = replayOf(scenario, true, 12_000);
    const full = replayOf(scenario, true);
    expect(windowed.retainedFrom).toBeGreaterThan(0);
    compareRouted(engine, windowed);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (f) => {
        const t = f * scenario.duration;
        compareAt(scenario, engine, windowed, t, false);
        // The buckets as the full replay's (which the generated runs check against the engine).
        scenario.nodes.forEach((n, node) => {
          if (n.kind === 'gateway')
            expect(windowed.index(gatewayLogIndex).at(node, n.routes.length, t)).toEqual(
              full.index(gatewayLogIndex).at(node, n.routes.length, t),
            );
        });
      }),
      { numRuns: 12, seed: 5 },
    );
  });
});

describe('the index host', () => {
  /** An index that records the row ranges it is fed. */
  const recording = (name: string): ReplayIndexDef<ReplayIndex & { ranges: [number, number][] }> => ({
    name,
    create: () => ({
      ranges: [] as [number, number][],
      feed(from: number, to: number) {
        this.ranges.push([from, to]);
      },
    }),
  });
  const scenario = { ...example('discovery'), duration: example('discovery').duration * 6 };

  it('builds an index once, on the first ask, and feeds it every row once, in order, from the first batch or the rows held then', () => {
    for (const when of ['first', 'fifth', 'after the window moved'] as const) {
      const session = new RunSession(scenario);
      const replay = new TraceReplay(session.topology, { windowRows: 12_000 });
      const def = recording('rows');
      let heldAtAsk = -1;
      for (let until = 200, batch = 0; !replay.done; until += 200, batch++) {
        const ask = heldAtAsk < 0 && (when === 'first' ? batch === 0 : when === 'fifth' ? batch === 5 : replay.retainedFrom > -Infinity);
        if (ask) {
          heldAtAsk = replay.trace.first;
          expect(replay.index(def)).toBe(replay.index(def));
        }
        replay.ingest(session.advance(until, 3000));
      }
      const ranges = replay.index(def).ranges.filter(([from, to]) => to > from);
      expect(ranges[0][0]).toBe(heldAtAsk);
      ranges.forEach(([from], i) => {
        if (i > 0) expect(from).toBe(ranges[i - 1][1]);
      });
      expect(ranges[ranges.length - 1][1]).toBe(replay.trace.length);
      // Asked late, the window had already forgotten rows: the index starts from the first row still held.
      if (when === 'after the window moved') expect(heldAtAsk).toBeGreaterThan(0);
    }
  });

  it('refuses two indexes of one name', () => {
    const replay = new TraceReplay(new RunSession(example('reference')).topology);
    replay.index(recording('same'));
    expect(() => replay.index(recording('same'))).toThrow(/two replay indexes are named same/);
  });
});

/**
 * A released run's memory (trace chunks, call-table columns) goes to the runs after it
 * (src/engine/trace/spareMemory.ts). That must never show in a result: a run in recycled memory
 * gives the same trace row for row, the same call table cell for cell, and the same report as
 * the same run in fresh memory, whatever ran before it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { parseScenario, type Scenario } from '../../src/model/index.ts';
import { buildReport, dropSpareMemory, Simulation, spareBytes } from '../../src/engine/index.ts';
import { CallTable } from '../../src/engine/trace/callTable.ts';
import { CHUNK_ROWS, TraceLog, type TraceChunk } from '../../src/engine/trace/traceLog.ts';
import { giveColumn, giveSpareChunks, MAX_SPARE_CHUNKS, takeColumn, takeSpareChunk } from '../../src/engine/trace/spareMemory.ts';
import { scenarioArbitrary } from '../support/arbitraries/index.ts';
import { parse } from '../support/scenarioHelpers.ts';

afterEach(() => dropSpareMemory());

/** The columns `CallTable.add` writes for every call: taken from spare memory without zeroing. */
const SET_BY_ADD = ['id', 'parent', 'root', 'caller', 'callee', 'link', 'user', 'op', 'previous', 'deadline', 'flags', 'role'];

/** Every typed-array column of a call table, over its whole capacity. */
function columnsOf(calls: CallTable): Record<string, number[]> {
  return Object.fromEntries(
    Object.entries(calls)
      .filter(([, v]) => ArrayBuffer.isView(v))
      .map(([k, v]) => [k, Array.from(v as Int32Array)]),
  );
}

/** A digest of the bytes of a typed array (FNV-1a over its 32-bit words; a whole toEqual of 10⁵-cell columns is slow). */
function digest(view: ArrayBufferView): string {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return `${view.byteLength}:${(h >>> 0).toString(16)}`;
}

/** What a finished run is judged by: its trace (the hash, and a digest of every row), its call table (the cells in use) and its report. */
function outcomeOf(sim: Simulation) {
  const { trace, calls } = sim.rt;
  const rows = trace.exportRows(0, trace.length);
  const used = Object.fromEntries(
    Object.entries(calls)
      .filter(([, v]) => ArrayBuffer.isView(v))
      .map(([k, v]) => [k, digest((v as Int32Array).subarray(0, calls.length))]),
  );
  return { hash: trace.hash(), rows: [digest(rows.times), digest(rows.words)], calls: used, report: JSON.stringify(buildReport(sim)) };
}

function run(scenario: Scenario): Simulation {
  const sim = new Simulation(scenario);
  sim.runUntil(scenario.duration);
  return sim;
}

function fresh(scenario: Scenario) {
  dropSpareMemory();
  const sim = run(scenario);
  const outcome = outcomeOf(sim);
  dropSpareMemory();
  return outcome;
}

const examples = readdirSync(new URL('../../simulations/examples/', import.meta.url))
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({
    name: f,
    scenario: parseScenario(JSON.parse(readFileSync(new URL(`../../simulations/examples/${f}`, import.meta.url), 'utf8'))),
  }));

describe('a run in the memory of a released one', () => {
  it('is the run it would be in fresh memory, for every shipped example after every other (traces of many chunks, tables that grow)', () => {
    expect(examples.length).toBeGreaterThan(3);
    const expected = new Map(examples.map(({ name, scenario }) => [name, fresh(scenario)]));
    // The reference run is big enough to grow past its reserved table and fill ~150 chunks.
    expect(Number(expected.get('reference.json')!.rows[0].split(':')[0]) / 8).toBeGreaterThan(20 * CHUNK_ROWS);
    let previous = run(examples[examples.length - 1].scenario);
    for (const { name, scenario } of [...examples, ...examples.slice().reverse()]) {
      previous.release();
      expect(spareBytes()).toBeGreaterThan(0);
      const sim = run(scenario);
      expect(outcomeOf(sim), name).toEqual(expected.get(name));
      previous = sim;
    }
  });

  it('is the run it would be in fresh memory, after any other run (property over generated scenarios)', () => {
    fc.assert(
      fc.property(scenarioArbitrary({ randomness: 'any' }), scenarioArbitrary({ randomness: 'any' }), (docA, docB) => {
        const a = parse(docA),
          b = parse(docB);
        const expected = fresh(b);
        run(a).release();
        const again = run(b);
        expect(outcomeOf(again)).toEqual(expected);
        // And once more, in the memory of its own earlier run.
        again.release();
        expect(outcomeOf(run(b))).toEqual(expected);
      }),
      { seed: 2026_12_03, numRuns: 60 },
    );
  });

  it('takes what the released run left (the memory is really reused)', () => {
    const scenario = examples.find((e) => e.name === 'reference.json')!.scenario;
    const first = run(scenario);
    const chunk = first.rt.trace.chunkList[3];
    first.release();
    const held = spareBytes();
    expect(held).toBeGreaterThan(20 * CHUNK_ROWS * 20);
    const second = run(scenario);
    expect(second.rt.trace.chunkList).toContain(chunk);
    expect(spareBytes()).toBeLessThan(held / 10);
  });
});

describe('a released run', () => {
  it('is empty and refuses to run further, with a plain error', () => {
    const scenario = examples.find((e) => e.name === 'mm1.json')!.scenario;
    const sim = new Simulation(scenario);
    sim.runUntil(2000);
    sim.release();
    expect(sim.rt.trace.length).toBe(0);
    expect(sim.rt.calls.length).toBe(0);
    expect(sim.rt.trace.hash()).toBe(new TraceLog().hash());
    expect(() => sim.runUntil(3000)).toThrow(/released/);
    sim.release(); // twice is harmless: nothing is handed on twice
  });
});

describe('spare call-table columns', () => {
  it('come back as a fresh table would be, however the run before them wrote them', () => {
    const dirty = new CallTable(16, 0);
    for (let i = 0; i < 40; i++) dirty.add(i - 1, 1, 2, 3, i % 2 === 0);
    // A run writes only the rows it added (the contract spareMemory.ts relies on).
    for (const value of Object.values(dirty)) if (ArrayBuffer.isView(value)) (value as Int32Array).fill(7, 0, dirty.length);
    dirty.release();
    const reused = new CallTable(16, 0);
    for (let i = 0; i < 33; i++) reused.add(-1, 4, 5, 6, false);
    dropSpareMemory();
    const clean = new CallTable(16, 0);
    for (let i = 0; i < 33; i++) clean.add(-1, 4, 5, 6, false);
    const inUse = (calls: CallTable) => Object.fromEntries(Object.entries(columnsOf(calls)).map(([k, v]) => [k, v.slice(0, calls.length)]));
    expect(inUse(reused)).toEqual(inUse(clean));
    // Beyond the rows in use, every column but those `add` writes is zero, as the engine expects.
    for (const [name, cells] of Object.entries(columnsOf(reused))) {
      if (!SET_BY_ADD.includes(name))
        expect(
          cells.slice(reused.length).every((v) => v === 0),
          name,
        ).toBe(true);
    }
    expect(columnsOf(reused).parent.length).toBe(64); // the rows past 33 were dirty, in the table's second size
  });

  it('are zeroed as far as any earlier run wrote them, not just the last one', () => {
    const column = new Int32Array(64);
    column.fill(9, 0, 50); // a long run wrote 50 cells
    giveColumn(column, 50);
    expect(takeColumn(Int32Array, 64, false)).toBe(column); // a column every call writes: not zeroed
    giveColumn(column, 10); // a short run wrote 10, over the old 50
    expect(Array.from(takeColumn(Int32Array, 64))).toEqual(new Array(64).fill(0));
  });

  it('stay zeroed as far as a table in use wrote them, even if the spare memory was dropped meanwhile', () => {
    const a = new CallTable(64, 0);
    for (let i = 0; i < 60; i++) a.add(-1, 1, 2, 3, true);
    for (const value of Object.values(a)) if (ArrayBuffer.isView(value)) (value as Int32Array).fill(7, 0, a.length);
    a.release();
    const b = new CallTable(64, 0); // takes a's columns; those add writes keep a's 60 rows of old values
    for (let i = 0; i < 5; i++) b.add(-1, 1, 2, 3, false);
    dropSpareMemory();
    b.release();
    const c = new CallTable(64, 0);
    for (const [name, cells] of Object.entries(columnsOf(c)))
      if (!SET_BY_ADD.includes(name))
        expect(
          cells.every((v) => v === 0),
          name,
        ).toBe(true);
  });

  it('go to one table only, even if given twice', () => {
    const column = new Int32Array(64);
    giveColumn(column, 64);
    giveColumn(column, 64);
    expect(takeColumn(Int32Array, 64)).toBe(column);
    expect(takeColumn(Int32Array, 64)).not.toBe(column);
  });
});

describe('spare trace chunks', () => {
  it('are kept up to MAX_SPARE_CHUNKS, the rest left to the collector', () => {
    const tiny = (): TraceChunk => {
      const times = new Float64Array(1);
      return { times, words: new Int32Array(3), timeBits: new Int32Array(times.buffer) };
    };
    giveSpareChunks(Array.from({ length: MAX_SPARE_CHUNKS + 100 }, tiny));
    let kept = 0;
    while (takeSpareChunk() !== undefined) kept++;
    expect(kept).toBe(MAX_SPARE_CHUNKS);
  });
});

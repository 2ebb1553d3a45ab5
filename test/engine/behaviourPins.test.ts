/**
 * Behaviour pins: the engine's behaviour, byte for byte, on a fixed set of scenarios.
 *
 * For every shipped example (simulations/examples), every lesson's starting system and reference
 * solution (simulations/lessons, run as src/lessons/check.ts runs them) and a fixed set of
 * generated scenarios (test/support/behaviourCorpus.ts: fc.sample with fixed seeds over every
 * generator in test/support), the run's trace hash, a digest of its report, of its call table
 * (observable columns and bookkeeping columns apart) and of its operation table must equal the
 * ones committed in test/engine/pins/behaviour.json. The digest of the scenario document is
 * pinned too, so a failure tells a changed scenario (an example edited, a generator changed) from
 * a changed engine. See test/support/behaviourDigest.ts for what each digest covers.
 *
 * A change meant to keep behaviour (a refactoring, issue 21's restructuring, a speed-up) must keep
 * every pin. To re-pin:
 *
 *     UPDATE_PINS=1 npx vitest run test/engine/behaviourPins.test.ts
 *
 * Re-pin ONLY for a change that is meant to change behaviour (or the pinned scenarios), and say in
 * the commit which pins changed and why. Review the pin file's diff before committing: it shows
 * exactly which scenarios and which digests moved (e.g. a renumbering of call flag bits must move
 * only `callState`). Re-pinning while filtering tests (-t) rewrites only the groups that ran.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/index.ts';
import { CallTable } from '../../src/engine/trace/callTable.ts';
import { OpTable } from '../../src/engine/policies/opTable.ts';
import { validateScenario } from '../../src/model/index.ts';
import { examples, generated, GENERATED_COUNT, lessons, type CorpusGroup } from '../support/behaviourCorpus.ts';
import {
  CALL_COLUMNS,
  CALL_ID_COLUMNS,
  CALL_ROUTING_COLUMNS,
  CALL_STATE_COLUMNS,
  columnNames,
  columnsDigest,
  OP_COLUMNS,
  pinOf,
  stableJson,
  type BehaviourPin,
} from '../support/behaviourDigest.ts';
import { comparePins, type PinFile } from '../support/behaviourPinFile.ts';

const pinUrl = new URL('./pins/behaviour.json', import.meta.url);
const updating = process.env.UPDATE_PINS === '1';
const pinned: PinFile = readPins();
/** Pins computed by the groups that ran (for UPDATE_PINS). */
const computed = new Map<string, Record<string, BehaviourPin>>();

function readPins(): PinFile {
  try {
    return JSON.parse(readFileSync(pinUrl, 'utf8')) as PinFile;
  } catch (e) {
    if (updating) return { pins: {} };
    throw new Error(`cannot read the behaviour pins (${pinUrl.pathname}): ${(e as Error).message}. Create them with UPDATE_PINS=1.`);
  }
}

/** Runs every scenario of the group and pins it. */
function pinGroup(group: CorpusGroup): Record<string, BehaviourPin> {
  const pins: Record<string, BehaviourPin> = {};
  for (const { key, document } of group.entries()) {
    const result = validateScenario(document);
    if (!result.ok) throw new Error(`${key}: the scenario is invalid: ${result.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    const { simulation, report } = simulate(result.scenario);
    pins[key] = pinOf(document, simulation, report);
  }
  return pins;
}

describe('behaviour pins (re-pin: UPDATE_PINS=1, only for an intended behaviour change; see the file comment)', () => {
  it.each([examples, lessons, ...generated].map((g) => [g.name, g] as const))('%s', (name, group) => {
    const now = pinGroup(group);
    computed.set(name, now);
    if (updating) return;
    const problems = comparePins(name, pinned.pins, now);
    expect(problems.length === 0 ? 'all pins hold' : problems.join('\n')).toBe('all pins hold');
  });

  it('pins at least 500 generated scenarios, every example and every lesson', () => {
    expect(GENERATED_COUNT).toBeGreaterThanOrEqual(500);
    expect(examples.entries().length).toBeGreaterThanOrEqual(10);
    expect(lessons.entries().length).toBeGreaterThanOrEqual(2 * 10);
  });

  it('digests every column of the call and operation tables (a new column must be placed in a list on purpose)', () => {
    const calls = new CallTable(4);
    expect(columnNames(calls)).toEqual([...CALL_COLUMNS, ...CALL_STATE_COLUMNS, ...CALL_ID_COLUMNS, ...CALL_ROUTING_COLUMNS].sort());
    expect(columnNames(new OpTable())).toEqual([...OP_COLUMNS].sort());
  });

  afterAll(() => {
    if (!updating || computed.size === 0) return;
    const pins: Record<string, BehaviourPin> = {};
    // Keep the pins of groups that did not run; replace those of groups that did.
    const ran = (key: string) => [...computed.keys()].some((name) => key.startsWith(`${name}/`));
    for (const [key, pin] of Object.entries(pinned.pins)) if (!ran(key)) pins[key] = pin;
    for (const group of computed.values()) Object.assign(pins, group);
    const sorted = Object.fromEntries(Object.entries(pins).sort(([a], [b]) => (a < b ? -1 : 1)));
    mkdirSync(new URL('./', pinUrl), { recursive: true });
    const about =
      'Behaviour pins: see test/engine/behaviourPins.test.ts. ' +
      'Re-pin only for an intended behaviour change, with the reason in the commit.';
    const file: PinFile = { about, pins: sorted };
    writeFileSync(pinUrl, `${JSON.stringify(file, null, 2)}\n`);
  });
});

describe('the pin machinery', () => {
  const pin: BehaviourPin = { input: 'i', trace: 't', report: 'r', calls: 'c', callState: 's', ops: 'o' };

  it('names each scenario and what moved, tells a changed scenario from a changed engine, and finds missing and stale pins', () => {
    const pinned = { 'g/a': pin, 'g/b': pin, 'g/c': pin, 'g/gone': pin, 'other/x': pin };
    const now = { 'g/a': pin, 'g/b': { ...pin, trace: 'T', report: 'R' }, 'g/c': { ...pin, input: 'I', trace: 'T' }, 'g/new': pin };
    expect(comparePins('g', pinned, now)).toEqual([
      'g/b: behaviour changed: trace hash t → T; report r → R',
      'g/c: the scenario itself changed (document digest i → I: an edited file or a changed generator), ' +
        'so its behaviour cannot be compared with the pin',
      'g/new: not pinned (a new scenario? re-pin with UPDATE_PINS=1 and say why in the commit)',
      'g/gone: pinned, but no longer among the scenarios (removed? re-pin)',
    ]);
    expect(comparePins('g', pinned, { ...now, 'g/b': { ...pin, callState: 'S' } })[0]).toMatch(
      /^g\/b: only the call bookkeeping changed .*: call table \(bookkeeping.*\) s → S$/,
    );
  });

  it('digests every cell of a column, writes NaN in one form, and orders keys', () => {
    const table = { a: new Float64Array([1, 2, 3]), b: new Int32Array([4, 5, 6]) };
    const before = columnsDigest(table, ['a', 'b'], 3, 't');
    table.b[2] = 7;
    expect(columnsDigest(table, ['a', 'b'], 3, 't')).not.toBe(before);
    expect(columnsDigest(table, ['a', 'b'], 2, 't')).not.toBe(columnsDigest(table, ['a', 'b'], 3, 't'));
    const nan = new Float64Array(new Uint32Array([1, 0x7ff80000]).buffer);
    expect(columnsDigest({ a: nan }, ['a'], 1, 't')).toBe(columnsDigest({ a: new Float64Array([NaN]) }, ['a'], 1, 't'));
    expect(() => columnsDigest(table, ['gone'], 1, 'The table')).toThrow(/The table has no column "gone"/);
    expect(stableJson({ b: [1, Infinity, NaN], a: { d: null, c: undefined } })).toBe('{"a":{"d":null},"b":[1,"Infinity","NaN"]}');
  });
});

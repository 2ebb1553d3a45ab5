/**
 * An edit of the whole system as text (the Script panel's JSON tab) is one command: undoable like
 * a canvas edit, not a new system (so no run or view reset), and held to a lesson's locks like
 * the edits it amounts to. The script kept with the system rides along as a settings edit and
 * does not change what is simulated.
 */
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/model/index.ts';
import { createDocumentStore, undo } from '../../src/store/documentStore.ts';
import type { DocumentInput } from '../../src/store/document/commands.ts';
import { sameSimulation } from '../../src/store/document/simulationInput.ts';
import { lockedBy } from '../../src/store/lessonLocks.ts';

const doc: DocumentInput = {
  version: 1,
  name: 'Pair',
  seed: 3,
  duration: '10s',
  nodes: [
    { id: 'users', kind: 'client', target: 'api', workload: { pattern: 'poisson', rate: 5 }, position: { x: 0, y: 0 } },
    { id: 'api', kind: 'service', workers: 2 },
    { id: 'db', kind: 'service', workers: 1 },
  ],
  links: [{ from: 'users', to: 'api' }],
  faults: [],
};
const edited = (change: (d: DocumentInput) => DocumentInput) => change(structuredClone(doc));

describe('editing the system as text', () => {
  it('is one undoable step', () => {
    const store = createDocumentStore(doc);
    const next = edited((d) => ({ ...d, nodes: d.nodes.map((n) => (n.id === 'api' ? { ...n, workers: 9 } : n)) }));
    store.getState().dispatch({ type: 'editDocument', document: next });
    expect(store.getState().document).toBe(next);
    expect(store.getState().lastCommand?.type).toBe('editDocument');
    undo(store);
    expect(store.getState().document).toEqual(doc);
  });

  it("under a lesson's locks: may change what the lesson names and move nodes, nothing else", () => {
    const workers = (id: string, n: number) =>
      edited((d) => ({ ...d, nodes: d.nodes.map((x) => (x.id === id ? { ...x, workers: n } : x)) }));
    expect(lockedBy({ type: 'editDocument', document: workers('api', 4) }, doc, ['api'])).toBeUndefined();
    expect(lockedBy({ type: 'editDocument', document: workers('db', 4) }, doc, ['api'])).toMatch(/^db is locked in this lesson/);
    const moved = edited((d) => ({ ...d, nodes: d.nodes.map((x) => (x.id === 'users' ? { ...x, position: { x: 50, y: 9 } } : x)) }));
    expect(lockedBy({ type: 'editDocument', document: moved }, doc, [])).toBeUndefined();
    const removed = edited((d) => ({ ...d, nodes: d.nodes.filter((x) => x.id !== 'db') }));
    expect(lockedBy({ type: 'editDocument', document: removed }, doc, ['api'])).toMatch(/^db is locked/);
    const added = edited((d) => ({ ...d, nodes: [...d.nodes, { id: 'cache', kind: 'service' }] }));
    expect(lockedBy({ type: 'editDocument', document: added }, doc, ['api'])).toMatch(/^cache is locked/);
    expect(lockedBy({ type: 'editDocument', document: { ...doc, seed: 4 } }, doc, ['api'])).toMatch(/^seed is locked/);
    expect(
      lockedBy(
        { type: 'editDocument', document: { ...doc, name: 'Renamed', faults: [{ kind: 'crash', target: 'api', at: '1s' }] } },
        doc,
        [],
      ),
    ).toBeUndefined();
  });
});

describe('the script kept with the system', () => {
  it('is part of a valid scenario, optional, and not part of what is simulated', () => {
    expect(validateScenario(doc).ok).toBe(true);
    const withScript = { ...doc, script: 'check("ok", true)' };
    expect(validateScenario(withScript).ok).toBe(true);
    expect(validateScenario({ ...doc, script: 42 }).ok).toBe(false);
    expect(sameSimulation(doc, withScript)).toBe(true);
  });

  it('is saved by a settings edit, which Undo takes back', () => {
    const store = createDocumentStore(doc);
    store.getState().dispatch({ type: 'updateSettings', patch: { script: 'log(1)' } });
    expect(store.getState().document.script).toBe('log(1)');
    undo(store);
    expect(store.getState().document.script).toBeUndefined();
  });
});

/** Document commands (pure) and the document store's undo/redo. */
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/model/index.ts';
import { applyCommand, emptyDocument, freshId, type DocumentInput } from '../../src/store/document/commands.ts';
import { createDocumentStore, redo, undo } from '../../src/store/documentStore.ts';

const base = (): DocumentInput => ({
  ...emptyDocument(),
  nodes: [
    { id: 'web', kind: 'client', target: 'api', workload: { pattern: 'poisson', rate: 5 } },
    { id: 'api', kind: 'service', calls: [{ to: 'db' }, { parallel: [{ to: 'cache' }, { to: 'db2' }] }] },
    { id: 'db', kind: 'service' },
    { id: 'cache', kind: 'service' },
    { id: 'db2', kind: 'service' },
  ],
  links: [
    { from: 'web', to: 'api' },
    { from: 'api', to: 'db' },
    { from: 'api', to: 'cache' },
    { from: 'api', to: 'db2', id: 'replica' },
  ],
  faults: [
    { kind: 'crash', target: 'db', at: 100 },
    { kind: 'loss', link: 'replica', at: 0, rate: 0.5 },
    { kind: 'partition', between: ['api', 'cache'], at: 0 },
  ],
});

describe('applyCommand', () => {
  it('never mutates its input', () => {
    const doc = base();
    const frozen = JSON.stringify(doc);
    applyCommand(doc, { type: 'remove', nodeIds: ['db'], linkIds: [] });
    applyCommand(doc, { type: 'updateNode', id: 'api', patch: { workers: 9 } });
    expect(JSON.stringify(doc)).toBe(frozen);
  });

  it('connect: a client targets the service, a service gains a call step, a link is added once', () => {
    let doc = applyCommand(base(), {
      type: 'addNode',
      node: { id: 'mobile', kind: 'client', target: '', workload: { pattern: 'poisson', rate: 1 } },
    });
    doc = applyCommand(doc, { type: 'connect', link: { from: 'mobile', to: 'api' } });
    expect(doc.nodes.find((n) => n.id === 'mobile')).toMatchObject({ target: 'api' });
    doc = applyCommand(doc, { type: 'addNode', node: { id: 'audit', kind: 'service' } });
    doc = applyCommand(doc, { type: 'connect', link: { from: 'api', to: 'audit', protocol: 'grpc' } });
    doc = applyCommand(doc, { type: 'connect', link: { from: 'api', to: 'audit', protocol: 'grpc' } });
    const api = doc.nodes.find((n) => n.id === 'api');
    expect(api?.kind === 'service' && api.calls?.at(-1)).toEqual({ to: 'audit' });
    expect(api?.kind === 'service' && api.calls?.length).toBe(3);
    expect(doc.links?.filter((l) => l.to === 'audit')).toHaveLength(1);
    expect(validateScenario(doc).ok).toBe(true);
  });

  it('remove: drops the links, calls and faults that refer to what is removed, and the result stays valid', () => {
    const doc = applyCommand(base(), { type: 'remove', nodeIds: ['db'], linkIds: ['replica'] });
    expect(doc.nodes.map((n) => n.id)).toEqual(['web', 'api', 'cache', 'db2']);
    expect(doc.links?.map((l) => `${l.from}->${l.to}`)).toEqual(['web->api', 'api->cache']);
    const api = doc.nodes.find((n) => n.id === 'api');
    expect(api?.kind === 'service' && api.calls).toEqual([{ parallel: [{ to: 'cache' }] }]);
    expect(doc.faults).toEqual([{ kind: 'partition', between: ['api', 'cache'], at: 0 }]);
    expect(validateScenario(doc).ok).toBe(true);
  });

  it('remove: a fallback service removed (or its link) goes from the calls and links that fell back to it; the result stays valid', () => {
    const doc: DocumentInput = {
      ...emptyDocument(),
      nodes: [
        { id: 'web', kind: 'client', target: 'gw', workload: { pattern: 'poisson', rate: 5 } },
        { id: 'gw', kind: 'gateway', routes: [{ prefix: '/', to: 'api' }] },
        { id: 'api', kind: 'service', calls: [{ to: 'db', fallback: { kind: 'service', to: 'spare' } }] },
        { id: 'db', kind: 'service' },
        { id: 'spare', kind: 'service' },
      ],
      links: [
        { from: 'web', to: 'gw' },
        { from: 'gw', to: 'api', fallback: { kind: 'service', to: 'spare' } },
        { from: 'gw', to: 'spare' },
        { from: 'api', to: 'db' },
        { from: 'api', to: 'spare' },
      ],
    };
    expect(validateScenario(doc).ok).toBe(true);
    const after = applyCommand(doc, { type: 'remove', nodeIds: ['spare'], linkIds: [] });
    expect(after.nodes.find((n) => n.id === 'api')).toEqual({ id: 'api', kind: 'service', calls: [{ to: 'db' }] });
    expect(after.links?.find((l) => l.to === 'api')).toEqual({ from: 'gw', to: 'api' });
    expect(validateScenario(after).ok).toBe(true);
    // Only the link to the fallback cut: the same.
    const cut = applyCommand(doc, { type: 'remove', nodeIds: [], linkIds: ['api->spare', 'gw->spare'] });
    expect(cut.nodes.find((n) => n.id === 'api')).toEqual({ id: 'api', kind: 'service', calls: [{ to: 'db' }] });
    expect(validateScenario(cut).ok).toBe(true);
  });

  it('updateNode sets and removes fields; moveNodes moves only the named nodes', () => {
    let doc = applyCommand(base(), { type: 'updateNode', id: 'api', patch: { workers: 8, label: 'API' } });
    doc = applyCommand(doc, { type: 'updateNode', id: 'api', patch: { label: undefined } });
    expect(doc.nodes[1]).toMatchObject({ workers: 8 });
    expect('label' in doc.nodes[1]).toBe(false);
    doc = applyCommand(doc, { type: 'moveNodes', positions: { db: { x: 5, y: 6 } } });
    expect(doc.nodes.find((n) => n.id === 'db')?.position).toEqual({ x: 5, y: 6 });
    expect(doc.nodes.find((n) => n.id === 'api')?.position).toBeUndefined();
  });

  it('faults are added, replaced and removed by index', () => {
    let doc = applyCommand(base(), { type: 'addFault', fault: { kind: 'slow', target: 'api', at: 10, factor: 3 } });
    expect(doc.faults).toHaveLength(4);
    doc = applyCommand(doc, { type: 'updateFault', index: 3, fault: { kind: 'slow', target: 'api', at: 20, factor: 2 } });
    expect(doc.faults?.[3]).toMatchObject({ at: 20, factor: 2 });
    doc = applyCommand(doc, { type: 'removeFault', index: 0 });
    expect(doc.faults?.map((f) => f.kind)).toEqual(['loss', 'partition', 'slow']);
  });

  it('freshId never repeats an id of a node or a link', () => {
    const doc = applyCommand(base(), { type: 'addNode', node: { id: 'service-1', kind: 'service' } });
    expect(freshId(doc, 'service')).toBe('service-2');
    expect(freshId(doc, 'replica')).toBe('replica-1');
  });
});

describe('document store', () => {
  it('undoes and redoes every command, one step each, and counts revisions', () => {
    const store = createDocumentStore(base());
    const { dispatch } = store.getState();
    dispatch({ type: 'updateNode', id: 'api', patch: { workers: 3 } });
    dispatch({ type: 'remove', nodeIds: ['cache'], linkIds: [] });
    expect(store.getState().document.nodes).toHaveLength(4);
    undo(store);
    expect(store.getState().document.nodes).toHaveLength(5);
    expect(store.getState().document.nodes[1]).toMatchObject({ workers: 3 });
    undo(store);
    expect(store.getState().document).toEqual(base());
    redo(store);
    expect(store.getState().document.nodes[1]).toMatchObject({ workers: 3 });
    expect(store.getState().revision).toBe(5);
    expect(store.temporal.getState().futureStates).toHaveLength(1);
  });

  it('a new command after undo drops the redo history', () => {
    const store = createDocumentStore(base());
    store.getState().dispatch({ type: 'updateSettings', patch: { seed: 2 } });
    undo(store);
    store.getState().dispatch({ type: 'updateSettings', patch: { seed: 3 } });
    expect(store.temporal.getState().futureStates).toHaveLength(0);
    expect(store.getState().document.seed).toBe(3);
  });
});

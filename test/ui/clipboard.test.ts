/** Copy and paste (pure): fresh ids, references among the copies rewritten, the outside left out. */
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/model/index.ts';
import { applyCommand, emptyDocument, type DocumentInput } from '../../src/store/document/commands.ts';
import { copyNodes, idStem, pasteCopies } from '../../src/ui/canvas/clipboard.ts';

function system(): DocumentInput {
  return {
    ...emptyDocument(),
    nodes: [
      { id: 'web', kind: 'client', target: 'api', workload: { pattern: 'poisson', rate: 5 }, position: { x: 0, y: 0 } },
      { id: 'api', kind: 'service', label: 'API', calls: [{ to: 'db', timeout: '1s' }, { parallel: [{ to: 'cache' }, { to: 'auth' }] }], position: { x: 200, y: 0 } },
      { id: 'db', kind: 'service', position: { x: 400, y: 0 } },
      { id: 'cache', kind: 'service', position: { x: 400, y: 100 } },
      { id: 'auth', kind: 'service' },
    ],
    links: [
      { from: 'web', to: 'api' },
      { from: 'api', to: 'db', id: 'primary', protocol: 'grpc' },
      { from: 'api', to: 'cache' },
      { from: 'api', to: 'auth' },
    ],
    faults: [{ kind: 'crash', target: 'db', at: 100 }],
  };
}

const paste = (doc: DocumentInput, ids: string[], offset = { x: 32, y: 32 }) => {
  const clip = copyNodes(doc, ids);
  if (!clip) throw new Error('nothing copied');
  return pasteCopies(doc, clip, offset);
};

describe('copyNodes', () => {
  it('takes the named nodes and only the links between two of them', () => {
    const clip = copyNodes(system(), ['api', 'db', 'nope']);
    expect(clip?.nodes.map((n) => n.id)).toEqual(['api', 'db']);
    expect(clip?.links).toEqual([{ from: 'api', to: 'db', id: 'primary', protocol: 'grpc' }]);
    expect(copyNodes(system(), [])).toBeUndefined();
    expect(copyNodes(system(), ['nope'])).toBeUndefined();
  });

  it('records where an unplaced node is shown, so its copy lands beside it', () => {
    const clip = copyNodes(system(), ['auth', 'db'], (id) => (id === 'auth' ? { x: 7, y: 9 } : { x: -1, y: -1 }));
    expect(clip?.nodes.map((n) => n.position)).toEqual([{ x: 400, y: 0 }, { x: 7, y: 9 }]);
  });
});

describe('pasteCopies', () => {
  it('gives fresh ids that collide with nothing, including each other', () => {
    const doc = system();
    const { nodes } = paste(doc, ['api', 'db', 'cache']);
    expect(nodes.map((n) => n.id)).toEqual(['api-1', 'db-1', 'cache-1']);
    const twice = applyCommand(doc, { type: 'paste', ...paste(doc, ['db']) });
    expect(paste(twice, ['db', 'db-1']).nodes.map((n) => n.id)).toEqual(['db-2', 'db-3']);
  });

  it('points calls, targets and links among the copies at the copies, and moves them by the offset', () => {
    const { nodes, links } = paste(system(), ['web', 'api', 'db']);
    const [web, api, db] = nodes;
    expect(web).toMatchObject({ id: 'web-1', target: 'api-1', position: { x: 32, y: 32 } });
    // Calls to services outside the copy are dropped (their links are not copied); a parallel
    // step left empty goes too. Call options (timeout) and labels stay.
    expect(api).toMatchObject({ id: 'api-1', label: 'API', calls: [{ to: 'db-1', timeout: '1s' }], position: { x: 232, y: 32 } });
    expect(db).toEqual({ id: 'db-1', kind: 'service', position: { x: 432, y: 32 } });
    expect(links).toEqual([
      { from: 'web-1', to: 'api-1' },
      { from: 'api-1', to: 'db-1', id: 'primary-1', protocol: 'grpc' },
    ]);
  });

  it('keeps the part of a parallel step that stays inside the copy', () => {
    const { nodes } = paste(system(), ['api', 'cache']);
    expect(nodes[0]).toMatchObject({ calls: [{ parallel: [{ to: 'cache-1' }] }] });
  });

  it('leaves a client whose target was not copied unconnected, and never touches the originals', () => {
    const doc = system();
    const before = JSON.stringify(doc);
    const { nodes, links } = paste(doc, ['web']);
    expect(nodes).toEqual([{ id: 'web-1', kind: 'client', target: '', workload: { pattern: 'poisson', rate: 5 }, position: { x: 32, y: 32 } }]);
    expect(links).toEqual([]);
    expect(JSON.stringify(doc)).toBe(before);
  });

  it('leaves a valid document when pasted (a copied system runs as the original does)', () => {
    const doc = system();
    const after = applyCommand(doc, { type: 'paste', ...paste(doc, ['web', 'api', 'db', 'cache', 'auth']) });
    expect(validateScenario(doc).ok).toBe(true);
    expect(validateScenario(after).ok).toBe(true);
    expect(after.faults).toEqual(doc.faults);
  });

  it('makes id stems that leave room for a suffix', () => {
    expect(idStem('service-12')).toBe('service');
    expect(idStem('payments')).toBe('payments');
    expect(idStem('a-b-3')).toBe('a-b');
    expect(idStem('x'.repeat(64)).length).toBe(56);
  });
});

/** Copy and paste (pure): fresh ids, references among the copies rewritten, the outside left out. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/model/index.ts';
import { applyCommand, emptyDocument, type DocumentInput, type NodeInput } from '../../src/store/document/commands.ts';
import { copyNodes, idStem, pasteCopies } from '../../src/ui/canvas/clipboard.ts';

function system(): DocumentInput {
  return {
    ...emptyDocument(),
    nodes: [
      { id: 'web', kind: 'client', target: 'api', workload: { pattern: 'poisson', rate: 5 }, position: { x: 0, y: 0 } },
      {
        id: 'api',
        kind: 'service',
        label: 'API',
        calls: [{ to: 'db', timeout: '1s' }, { parallel: [{ to: 'cache' }, { to: 'auth' }] }],
        position: { x: 200, y: 0 },
      },
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
  it('takes the named nodes and the links from them (not those into them)', () => {
    const clip = copyNodes(system(), ['api', 'db', 'nope']);
    expect(clip?.nodes.map((n) => n.id)).toEqual(['api', 'db']);
    expect(clip?.links).toEqual([
      { from: 'api', to: 'db', id: 'primary', protocol: 'grpc' },
      { from: 'api', to: 'cache' },
      { from: 'api', to: 'auth' },
    ]);
    expect(copyNodes(system(), [])).toBeUndefined();
    expect(copyNodes(system(), ['nope'])).toBeUndefined();
  });

  it('records where an unplaced node is shown, so its copy lands beside it', () => {
    const clip = copyNodes(system(), ['auth', 'db'], (id) => (id === 'auth' ? { x: 7, y: 9 } : { x: -1, y: -1 }));
    expect(clip?.nodes.map((n) => n.position)).toEqual([
      { x: 400, y: 0 },
      { x: 7, y: 9 },
    ]);
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
    // Calls to services outside the copy stay on them, over copies of their links; call options
    // (timeout) and labels stay.
    expect(api).toMatchObject({
      id: 'api-1',
      label: 'API',
      calls: [{ to: 'db-1', timeout: '1s' }, { parallel: [{ to: 'cache' }, { to: 'auth' }] }],
      position: { x: 232, y: 32 },
    });
    expect(db).toEqual({ id: 'db-1', kind: 'service', position: { x: 432, y: 32 } });
    expect(links).toEqual([
      { from: 'web-1', to: 'api-1' },
      { from: 'api-1', to: 'db-1', id: 'primary-1', protocol: 'grpc' },
      { from: 'api-1', to: 'cache' },
      { from: 'api-1', to: 'auth' },
    ]);
  });

  it('points a parallel step at the copies that were copied and the originals that were not', () => {
    const { nodes } = paste(system(), ['api', 'cache']);
    expect(nodes[0]).toMatchObject({ calls: [{ to: 'db' }, { parallel: [{ to: 'cache-1' }, { to: 'auth' }] }] });
  });

  it('keeps a client whose target was not copied on that target (over a copy of its link), and never touches the originals', () => {
    const doc = system();
    const before = JSON.stringify(doc);
    const { nodes, links } = paste(doc, ['web']);
    expect(nodes).toEqual([
      { id: 'web-1', kind: 'client', target: 'api', workload: { pattern: 'poisson', rate: 5 }, position: { x: 32, y: 32 } },
    ]);
    expect(links).toEqual([{ from: 'web-1', to: 'api' }]);
    expect(JSON.stringify(doc)).toBe(before);
    expect(validateScenario(applyCommand(doc, { type: 'paste', nodes, links })).ok).toBe(true);
  });

  it('drops what led to a node deleted between the copy and the paste (a parallel step left empty goes too)', () => {
    const doc = system();
    const clip = copyNodes(doc, ['api', 'db']);
    if (!clip) throw new Error('nothing copied');
    const without = applyCommand(doc, { type: 'remove', nodeIds: ['cache', 'auth'], linkIds: [] });
    const { nodes, links } = pasteCopies(without, clip, { x: 0, y: 0 });
    expect(nodes[0]).toMatchObject({ calls: [{ to: 'db-1', timeout: '1s' }] });
    expect(links.map((l) => `${l.from}->${l.to}`)).toEqual(['api-1->db-1']);
    expect(validateScenario(applyCommand(without, { type: 'paste', nodes, links })).ok).toBe(true);
  });

  it('leaves a valid document when pasted (a copied system runs as the original does)', () => {
    const doc = system();
    const after = applyCommand(doc, { type: 'paste', ...paste(doc, ['web', 'api', 'db', 'cache', 'auth']) });
    expect(validateScenario(doc).ok).toBe(true);
    expect(validateScenario(after).ok).toBe(true);
    expect(after.faults).toEqual(doc.faults);
  });

  it('leaves a valid document for every shipped example copied whole, whose copies name no original', () => {
    for (const file of readdirSync(join(process.cwd(), 'simulations/examples'))) {
      const doc = JSON.parse(readFileSync(join(process.cwd(), 'simulations/examples', file), 'utf8')) as DocumentInput;
      const originals = new Set(doc.nodes.map((n) => n.id));
      const { nodes, links } = paste(doc, [...originals]);
      const after = applyCommand(doc, { type: 'paste', nodes, links });
      expect(problemsOf(after), file).toEqual([]);
      // Any text of a copy equal to an original's id is a reference left on the original. Not
      // references: labels, kinds, and a stream consumer's group (a name of the stream's own).
      const left = strings({ nodes, links }).filter(([key, value]) => !['label', 'kind', 'group'].includes(key) && originals.has(value));
      expect(left, file).toEqual([]);
      // One node alone: it keeps naming the originals, over copies of its links to them.
      for (const id of originals) {
        const one = paste(doc, [id]);
        expect(problemsOf(applyCommand(doc, { type: 'paste', ...one })), `${file}: ${id}`).toEqual([]);
      }
    }
  });

  it('makes the same run of a whole copied system: twice the system, twice the load', () => {
    const doc = JSON.parse(readFileSync(join(process.cwd(), 'simulations/examples/gateway.json'), 'utf8')) as DocumentInput;
    const after = applyCommand(doc, {
      type: 'paste',
      ...paste(
        doc,
        doc.nodes.map((n) => n.id),
      ),
    });
    const result = validateScenario(after);
    expect(result.ok).toBe(true);
    expect(after.nodes.length).toBe(2 * doc.nodes.length);
    expect((after.links ?? []).length).toBe(2 * (doc.links ?? []).length);
  });
});

describe('pasting a gateway, a load balancer and a plan with fallbacks', () => {
  function edge(): DocumentInput {
    return {
      ...emptyDocument(),
      nodes: [
        { id: 'web', kind: 'client', target: 'gw', workload: { pattern: 'constant', rate: 5 } },
        {
          id: 'gw',
          kind: 'gateway',
          routes: [
            { prefix: '/orders', to: 'orders' },
            { prefix: '/catalog', aggregate: ['catalog', 'prices'] },
          ],
        },
        { id: 'lb', kind: 'loadBalancer', to: 'orders' },
        { id: 'orders', kind: 'service', calls: [{ to: 'stock', fallback: { kind: 'service', to: 'spare' } }] },
        { id: 'catalog', kind: 'service' },
        { id: 'prices', kind: 'service' },
        { id: 'stock', kind: 'service' },
        { id: 'spare', kind: 'service' },
      ],
      links: [
        { from: 'web', to: 'gw' },
        { from: 'gw', to: 'orders', timeout: '1s' },
        { from: 'gw', to: 'catalog' },
        { from: 'gw', to: 'prices' },
        { from: 'lb', to: 'orders' },
        { from: 'orders', to: 'stock', fallback: { kind: 'service', to: 'spare' } },
        { from: 'orders', to: 'spare' },
      ],
    };
  }
  const byId = (nodes: readonly NodeInput[], id: string) => nodes.find((n) => n.id === id);

  it('routes a copied gateway to the copied services, and to the originals of those not copied', () => {
    const doc = edge();
    expect(validateScenario(doc).ok).toBe(true);
    const { nodes, links } = paste(doc, ['gw', 'orders', 'catalog']);
    expect(byId(nodes, 'gw-1')).toMatchObject({
      routes: [
        { prefix: '/orders', to: 'orders-1' },
        { prefix: '/catalog', aggregate: ['catalog-1', 'prices'] },
      ],
    });
    expect(links.map((l) => `${l.from}->${l.to}`).sort()).toEqual([
      'gw-1->catalog-1',
      'gw-1->orders-1',
      'gw-1->prices',
      'orders-1->spare',
      'orders-1->stock',
    ]);
    expect(links.find((l) => l.to === 'orders-1')).toMatchObject({ timeout: '1s' });
    expect(validateScenario(applyCommand(doc, { type: 'paste', nodes, links })).ok).toBe(true);
  });

  it("points a copied load balancer, a call's fallback and a link's fallback at the copies", () => {
    const doc = edge();
    const { nodes, links } = paste(doc, ['lb', 'orders', 'stock', 'spare']);
    expect(byId(nodes, 'lb-1')).toMatchObject({ to: 'orders-1' });
    expect(byId(nodes, 'orders-1')).toMatchObject({ calls: [{ to: 'stock-1', fallback: { kind: 'service', to: 'spare-1' } }] });
    expect(links.find((l) => l.from === 'orders-1' && l.to === 'stock-1')).toMatchObject({ fallback: { kind: 'service', to: 'spare-1' } });
    expect(validateScenario(applyCommand(doc, { type: 'paste', nodes, links })).ok).toBe(true);
  });

  it('keeps a copied load balancer on the original service when that was not copied', () => {
    const doc = edge();
    const { nodes, links } = paste(doc, ['lb']);
    expect(nodes).toMatchObject([{ id: 'lb-1', to: 'orders' }]);
    expect(links).toEqual([{ from: 'lb-1', to: 'orders' }]);
    expect(validateScenario(applyCommand(doc, { type: 'paste', nodes, links })).ok).toBe(true);
  });
});

describe('idStem', () => {
  it('makes id stems that leave room for a suffix', () => {
    expect(idStem('service-12')).toBe('service');
    expect(idStem('payments')).toBe('payments');
    expect(idStem('a-b-3')).toBe('a-b');
    expect(idStem('x'.repeat(64)).length).toBe(56);
  });
});

/** Every text in `value` with the key it sits under (an array's items under the array's key). */
function strings(value: unknown, key = ''): [string, string][] {
  if (typeof value === 'string') return [[key, value]];
  if (Array.isArray(value)) return value.flatMap((v) => strings(v, key));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, k));
  return [];
}

/** The problems of `doc` (none if valid). */
function problemsOf(doc: DocumentInput) {
  const result = validateScenario(doc);
  return result.ok ? [] : result.problems;
}

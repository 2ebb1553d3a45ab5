/** Auto-layout (pure): every node placed, calls flow left to right, nothing on top of anything. */
import { describe, expect, it } from 'vitest';
import { emptyDocument, type DocumentInput } from '../../src/store/document/commands.ts';
import { layoutDocument } from '../../src/ui/canvas/layout.ts';
import { DEFAULT_NODE_SIZE, freeSpotNear } from '../../src/ui/canvas/placement.ts';
import { READABLE_ZOOM, startOfSystem, wholeZoom } from '../../src/ui/canvas/readableView.ts';

/** web → gateway → (orders → payments, orders → stock), admin → orders, and a lone service. */
function shop(): DocumentInput {
  const service = (id: string, calls: string[] = []) => ({ id, kind: 'service' as const, calls: calls.map((to) => ({ to })) });
  return {
    ...emptyDocument(),
    nodes: [
      service('payments'),
      service('stock'),
      service('lonely'),
      service('orders', ['payments', 'stock']),
      { id: 'admin', kind: 'client', target: 'orders', workload: { pattern: 'poisson', rate: 1 } },
      service('gateway', ['orders']),
      { id: 'web', kind: 'client', target: 'gateway', workload: { pattern: 'poisson', rate: 5 } },
    ],
    links: [
      { from: 'web', to: 'gateway' },
      { from: 'gateway', to: 'orders' },
      { from: 'admin', to: 'orders' },
      { from: 'orders', to: 'payments' },
      { from: 'orders', to: 'stock' },
    ],
  };
}

describe('layoutDocument', () => {
  it('gives every node a finite, whole-pixel position', () => {
    const doc = shop();
    const positions = layoutDocument(doc);
    expect(Object.keys(positions).sort()).toEqual(doc.nodes.map((n) => n.id).sort());
    for (const p of Object.values(positions)) {
      expect(Number.isInteger(p.x) && Number.isInteger(p.y)).toBe(true);
    }
  });

  it('puts every caller left of what it calls', () => {
    const doc = shop();
    const positions = layoutDocument(doc);
    for (const link of doc.links ?? []) {
      expect(positions[link.from].x + DEFAULT_NODE_SIZE.width, `${link.from} -> ${link.to}`).toBeLessThan(positions[link.to].x);
    }
  });

  it('orders by calls even where a link is missing, and ignores references to unknown nodes', () => {
    const doc: DocumentInput = {
      ...emptyDocument(),
      nodes: [
        { id: 'b', kind: 'service' },
        { id: 'a', kind: 'service', calls: [{ parallel: [{ to: 'b' }, { to: 'ghost' }] }] },
      ],
    };
    const positions = layoutDocument(doc);
    expect(positions.a.x).toBeLessThan(positions.b.x);
    expect(positions.ghost).toBeUndefined();
  });

  it('keeps boxes apart, using measured sizes where given', () => {
    const sizes = new Map([['orders', { width: 300, height: 200 }]]);
    const positions = layoutDocument(shop(), sizes);
    const boxes = Object.entries(positions).map(([id, p]) => ({ id, ...p, ...(sizes.get(id) ?? DEFAULT_NODE_SIZE) }));
    for (const a of boxes) {
      for (const b of boxes) {
        if (a.id >= b.id) continue;
        const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
        expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
      }
    }
  });

  it('is deterministic and handles the empty document and a cycle', () => {
    expect(layoutDocument(shop())).toEqual(layoutDocument(shop()));
    expect(layoutDocument(emptyDocument())).toEqual({});
    const cycle: DocumentInput = {
      ...emptyDocument(),
      nodes: [
        { id: 'x', kind: 'service', calls: [{ to: 'y' }] },
        { id: 'y', kind: 'service', calls: [{ to: 'x' }] },
      ],
    };
    expect(Object.keys(layoutDocument(cycle)).sort()).toEqual(['x', 'y']);
  });
});

describe('freeSpotNear (where a new node goes)', () => {
  const at = (x: number, y: number) => ({ id: `n${x}_${y}`, kind: 'service' as const, position: { x, y } });
  const overlaps = (a: { x: number; y: number }, b: { x: number; y: number }) =>
    Math.abs(a.x - b.x) < DEFAULT_NODE_SIZE.width && Math.abs(a.y - b.y) < DEFAULT_NODE_SIZE.height;

  it('keeps a free spot (rounded to whole pixels)', () => {
    expect(freeSpotNear({ ...emptyDocument(), nodes: [at(0, 0)] }, { x: 500.4, y: 0.6 })).toEqual({ x: 500, y: 1 });
  });

  it('moves off taken spots, nearby, so repeated adds never stack', () => {
    let doc: DocumentInput = emptyDocument();
    for (let i = 0; i < 12; i++) {
      const spot = freeSpotNear(doc, { x: 100, y: 100 });
      for (const n of doc.nodes) expect(overlaps(spot, n.position!), `add ${i} covers ${n.id}`).toBe(false);
      expect(Math.abs(spot.x - 100) + Math.abs(spot.y - 100)).toBeLessThan(1000);
      doc = { ...doc, nodes: [...doc.nodes, at(spot.x, spot.y)] };
    }
    expect(doc.nodes[1].position).toEqual({ x: 100, y: 100 + DEFAULT_NODE_SIZE.height + 16 });
  });
});

describe('layoutDocument on a given canvas', () => {
  /** users → edge → a → b → c: the cascade's chain. */
  const chain = (): DocumentInput => {
    const ids = ['edge', 'a', 'b', 'c'];
    return {
      ...emptyDocument(),
      nodes: [
        { id: 'users', kind: 'client', target: 'edge', workload: { pattern: 'poisson', rate: 1 } },
        ...ids.map((id, i) => ({ id, kind: 'service' as const, calls: ids[i + 1] ? [{ to: ids[i + 1] }] : [] })),
      ],
      links: [{ from: 'users', to: 'edge' }, ...ids.slice(1).map((to, i) => ({ from: ids[i], to }))],
    };
  };
  const laptop = { width: 765, height: 646 };
  const extent = (positions: Record<string, { x: number; y: number }>) => {
    const xs = Object.values(positions).map((p) => p.x),
      ys = Object.values(positions).map((p) => p.y);
    return {
      width: Math.max(...xs) - Math.min(...xs) + DEFAULT_NODE_SIZE.width,
      height: Math.max(...ys) - Math.min(...ys) + DEFAULT_NODE_SIZE.height,
    };
  };

  it('lays a chain too long to read across a laptop canvas top to bottom, readable whole', () => {
    const across = layoutDocument(chain());
    const down = layoutDocument(chain(), undefined, laptop);
    expect(wholeZoom(extent(across), laptop)).toBeLessThan(READABLE_ZOOM);
    expect(wholeZoom(extent(down), laptop)).toBeGreaterThanOrEqual(READABLE_ZOOM);
    // Callers still come first: each service below the one that calls it.
    expect(down.users.y).toBeLessThan(down.edge.y);
    expect(down.b.y).toBeLessThan(down.c.y);
  });

  it('keeps left to right where that reads well (a wide canvas, a short chain)', () => {
    const wide = layoutDocument(chain(), undefined, { width: 1800, height: 700 });
    expect(wide.users.x).toBeLessThan(wide.edge.x);
    expect(wide.users.y).toBe(wide.c.y);
  });
});

describe('startOfSystem', () => {
  const view = { width: 700, height: 600 };
  it('leaves a system that fits where the fit put it', () => {
    const fitted = { x: 10, y: 20, zoom: 1 };
    expect(startOfSystem({ x: 0, y: 0, width: 500, height: 300 }, fitted, view)).toEqual(fitted);
  });
  it('shows the start (left, top) of a system too big at a readable zoom, not its middle', () => {
    const centred = { x: -300, y: -200, zoom: READABLE_ZOOM };
    const moved = startOfSystem({ x: 40, y: 40, width: 1400, height: 1000 }, centred, view);
    expect(moved.zoom).toBe(READABLE_ZOOM);
    // The system's top-left corner lands at the margin.
    expect(40 * moved.zoom + moved.x).toBeCloseTo(24);
    expect(40 * moved.zoom + moved.y).toBeCloseTo(24);
  });
});

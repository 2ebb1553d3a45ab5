// @vitest-environment jsdom
/** The palette: one item per registered kind, named and described, added by drag or keyboard. */
import { afterEach, describe, expect, it } from 'vitest';
import { act, fireEvent, screen } from '@testing-library/react';
import { Palette } from '../../src/ui/palette/Palette.tsx';
import { registerCanvasActions } from '../../src/ui/canvas/canvasBridge.ts';
import { KIND_DRAG_TYPE } from '../../src/ui/kinds/dragData.ts';
import { NODE_KINDS } from '../../src/ui/kinds/registry.ts';
import { emptyDocument } from '../../src/store/document/commands.ts';
import { validateScenario } from '../../src/model/index.ts';
import { renderWithStores } from './canvasHarness.tsx';

afterEach(() => registerCanvasActions(undefined));

function withViewCentre(x: number, y: number) {
  registerCanvasActions({ fitView() {}, autoLayout() {}, diagramElement: () => null, viewCentre: () => ({ x, y }) });
}

describe('Palette', () => {
  it('lists every registered kind by its name, with its description as tooltip', () => {
    renderWithStores(<Palette />, emptyDocument());
    for (const spec of NODE_KINDS) {
      const item = screen.getByRole('button', { name: spec.label });
      expect(item).toHaveAttribute('title', spec.description);
      expect(item).toHaveAccessibleDescription(spec.description);
      expect(item).toHaveAttribute('draggable', 'true');
      expect(item).toHaveAttribute('tabindex', '0');
    }
    expect(screen.getByRole('button', { name: 'Client' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Service' })).toBeInTheDocument();
  });

  it('Enter adds the kind at the centre of the view, selected; a second add does not cover the first', () => {
    withViewCentre(500, 300);
    const stores = renderWithStores(<Palette />, emptyDocument());
    fireEvent.keyDown(screen.getByRole('button', { name: 'Service' }), { key: 'Enter' });
    fireEvent.keyDown(screen.getByRole('button', { name: 'Service' }), { key: 'Enter' });
    const [first, second] = stores.document.getState().document.nodes;
    expect(first).toEqual({
      id: 'service-1',
      kind: 'service',
      workers: 2,
      serviceTime: { dist: 'exponential', mean: '40ms' },
      position: { x: 408, y: 256 },
    });
    expect(second.id).toBe('service-2');
    // Just below the first, clear of it.
    expect(second.position).toEqual({ x: 408, y: 256 + 88 + 16 });
    expect(stores.ui.getState().selection.nodeIds).toEqual(['service-2']);
    expect(stores.document.getState().revision).toBe(2);
  });

  it('Space adds a client with a Poisson workload and no target yet; other keys do nothing', () => {
    withViewCentre(0, 0);
    const stores = renderWithStores(<Palette />, emptyDocument());
    fireEvent.keyDown(screen.getByRole('button', { name: 'Client' }), { key: 'a' });
    expect(stores.document.getState().document.nodes).toEqual([]);
    const space = fireEvent.keyDown(screen.getByRole('button', { name: 'Client' }), { key: ' ' });
    expect(space).toBe(false); // the page does not scroll
    expect(stores.document.getState().document.nodes).toEqual([
      { id: 'client-1', kind: 'client', target: '', workload: { pattern: 'poisson', rate: 5 }, position: { x: -92, y: -44 } },
    ]);
  });

  it('a click adds too, and still adds when no canvas is mounted', () => {
    const stores = renderWithStores(<Palette />, emptyDocument());
    fireEvent.click(screen.getByRole('button', { name: 'Service' }));
    expect(stores.document.getState().document.nodes.map((n) => n.id)).toEqual(['service-1']);
    expect(validateScenario(stores.document.getState().document).ok).toBe(true);
  });

  it('dragging an item carries its kind for the canvas', () => {
    renderWithStores(<Palette />, emptyDocument());
    const data = new Map<string, string>();
    const dataTransfer = { setData: (type: string, value: string) => data.set(type, value), effectAllowed: 'all' };
    fireEvent.dragStart(screen.getByRole('button', { name: 'Client' }), { dataTransfer });
    expect(data.get(KIND_DRAG_TYPE)).toBe('client');
    expect(dataTransfer.effectAllowed).toBe('copy');
  });

  it('can be hidden (the ui store keeps whether it is open)', () => {
    const stores = renderWithStores(<Palette />, emptyDocument());
    expect(stores.ui.getState().paletteOpen).toBe(true);
    act(() => fireEvent.click(screen.getByRole('button', { name: 'Hide the palette' })));
    expect(stores.ui.getState().paletteOpen).toBe(false);
  });
});

// @vitest-environment jsdom
/**
 * Faults on a replicated service: in the fault view, every instance or one of them (as many as the
 * service has at any time of the run, a change scaling it up included), undoably; in the fault
 * menu, which instance to hit, every one by default; neither asked where there is no choice.
 */
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { DocumentInput } from '../../src/store/document/commands.ts';
import { undo } from '../../src/store/documentStore.ts';
import type { Selection } from '../../src/store/uiStore.ts';
import { requestContextMenu } from '../../src/ui/canvas/canvasBridge.ts';
import { PlaybackBar } from '../../src/ui/playback/PlaybackBar.tsx';
import { renderInspector } from './inspectorSupport.tsx';
import { renderWith } from './playbackSupport.tsx';
import { replicated } from './replicaSupport.tsx';

type Rendered = ReturnType<typeof renderInspector>;
const fault = (stores: Rendered, i: number) => stores.document.getState().document.faults?.[i] as Record<string, unknown>;

/** The inspector over `doc`, with `selection` selected. */
function select(doc: DocumentInput, selection: Partial<Selection>) {
  const stores = renderInspector(doc);
  act(() => stores.ui.getState().select(selection));
  return stores;
}

describe("a fault's instance", () => {
  it('hits every instance or the one chosen, on a service with replicas, undoably', async () => {
    const user = userEvent.setup();
    const stores = select(replicated, { faultIndex: 0 });
    expect(screen.getByRole('heading', { name: 'Error rate 100 % on api instance 2' })).toBeInTheDocument();
    const instance = screen.getByLabelText('Instance');
    expect(instance).toHaveValue('2');
    expect(instance).toHaveAccessibleDescription(expect.stringContaining('1 = the first'));
    expect(
      within(instance)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Every instance', 'Instance 1', 'Instance 2', 'Instance 3']);
    await user.selectOptions(instance, '3');
    expect(fault(stores, 0).instance).toBe(3);
    await user.selectOptions(instance, '');
    expect(fault(stores, 0)).not.toHaveProperty('instance');
    expect(screen.getByRole('heading', { name: 'Error rate 100 % on api' })).toBeInTheDocument();
    act(() => undo(stores.document));
    expect(fault(stores, 0).instance).toBe(3);
  });

  it("is not asked for on a service of one instance, nor for a link's fault", () => {
    const faults = [
      { kind: 'crash', target: 'db', at: '1s' },
      { kind: 'latency', link: 'web->api', at: '1s', add: '50ms' },
    ] as const;
    const stores = select({ ...replicated, faults: [...faults] }, { faultIndex: 0 });
    expect(screen.getByRole('heading', { name: 'Crash db' })).toBeInTheDocument();
    expect(screen.queryByLabelText('Instance')).toBeNull();
    act(() => stores.ui.getState().select({ faultIndex: 1 }));
    expect(screen.getByLabelText('Link')).toHaveValue('web->api');
    expect(screen.queryByLabelText('Instance')).toBeNull();
  });

  it('keeps an instance the service no longer has, shown as not available, so it can be put right', () => {
    const shrunk = { ...replicated, nodes: replicated.nodes.map((n) => (n.id === 'api' ? { ...n, replicas: 1 } : n)) };
    select(shrunk, { faultIndex: 0 });
    const instance = screen.getByLabelText('Instance');
    expect(instance).toHaveValue('2');
    expect(
      within(instance)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['2 (not available)', 'Every instance', 'Instance 1']);
  });

  it('offers the instances a change scales the service up to', () => {
    const scaled = { ...replicated, changes: [{ kind: 'service' as const, target: 'api', at: '5s', set: { replicas: 5 } }] };
    select(scaled, { faultIndex: 0 });
    expect(
      within(screen.getByLabelText('Instance'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Every instance', 'Instance 1', 'Instance 2', 'Instance 3', 'Instance 4', 'Instance 5']);
  });
});

describe('the fault menu on a replicated service', () => {
  it('asks which instance to hit, every instance by default', async () => {
    const user = userEvent.setup();
    const stores = renderWith(<PlaybackBar />, { ...replicated, faults: [] });
    act(() => stores.playback.getState().seek(1500));
    act(() => requestContextMenu({ kind: 'node', id: 'api', x: 100, y: 100 }));
    await user.click(await screen.findByRole('menuitem', { name: /Crash/ }));
    const form = screen.getByRole('form', { name: 'Crash api' });
    const instance = within(form).getByLabelText('Instance');
    expect(
      within(instance)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['every instance', 'instance 1', 'instance 2', 'instance 3']);
    expect(instance).toHaveValue('');
    await user.selectOptions(instance, 'instance 3');
    await user.click(within(form).getByRole('button', { name: 'Inject fault' }));
    expect(stores.document.getState().document.faults).toEqual([{ kind: 'crash', target: 'api', at: 1500, duration: 5000, instance: 3 }]);
    act(() => requestContextMenu({ kind: 'node', id: 'api', x: 100, y: 100 }));
    await user.click(await screen.findByRole('menuitem', { name: /Slow down/ }));
    await user.click(screen.getByRole('button', { name: 'Inject fault' }));
    expect(stores.document.getState().document.faults?.[1]).toEqual({ kind: 'slow', target: 'api', at: 1500, duration: 10_000, factor: 4 });
  });

  it('does not ask on a service of one instance', async () => {
    const user = userEvent.setup();
    renderWith(<PlaybackBar />, replicated);
    act(() => requestContextMenu({ kind: 'node', id: 'db', x: 100, y: 100 }));
    await user.click(await screen.findByRole('menuitem', { name: /Error rate/ }));
    expect(within(screen.getByRole('form', { name: 'Error rate db' })).queryByLabelText('Instance')).toBeNull();
  });
});

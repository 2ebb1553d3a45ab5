// @vitest-environment jsdom
/**
 * The fault menu: opened by the canvas's context-menu event or by Break…, keyboard operable, and
 * it adds the fault the form describes at the playhead (rounded to 0.1 ms), undoably.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { undo } from '../../src/store/documentStore.ts';
import { requestContextMenu } from '../../src/ui/canvas/canvasBridge.ts';
import { PlaybackBar } from '../../src/ui/playback/PlaybackBar.tsx';
import { renderWith, webAndApi } from './playbackSupport.tsx';

/**
 * Opens the menu as the canvas does, and waits for it and for focus in it (its code loads on first opening, and focus lands after it
 * renders).
 */
async function open(kind: 'node' | 'link', id: string): Promise<void> {
  act(() => requestContextMenu({ kind, id, x: 100, y: 100 }));
  const menu = await screen.findByRole('menu');
  await waitFor(() => expect(menu.contains(document.activeElement)).toBe(true));
}

describe('the fault menu', () => {
  it('crashes a service at the playhead with the default restart time', async () => {
    const user = userEvent.setup();
    const stores = renderWith(<PlaybackBar />, webAndApi);
    act(() => stores.playback.getState().seek(12_345.6789));
    await open('node', 'api');
    const menu = screen.getByRole('menu', { name: 'Break service api' });
    expect(
      within(menu)
        .getAllByRole('menuitem')
        .map((i) => i.textContent),
    ).toEqual(['Crash…restart after N s', 'Slow down…work takes ×N longer', 'Error rate…fail N % of requests']);
    expect(within(menu).getAllByRole('menuitem')[0]).toHaveFocus();
    await user.keyboard('{Enter}');
    const form = screen.getByRole('form', { name: 'Crash api' });
    expect(within(form).getByLabelText(/Restart after/)).toHaveValue(5);
    expect(within(form).getByLabelText(/Restart after/)).toHaveFocus();
    await user.click(within(form).getByRole('button', { name: 'Inject fault' }));

    expect(stores.document.getState().document.faults).toEqual([{ kind: 'crash', target: 'api', at: 12_345.7, duration: 5000 }]);
    expect(stores.ui.getState().selection.faultIndex).toBe(0);
    expect(screen.queryByRole('form')).toBeNull();
    expect(screen.getAllByTestId('fault-marker')).toHaveLength(1);
    act(() => undo(stores.document));
    expect(stores.document.getState().document.faults).toEqual([]);
  });

  it('moves with the arrow keys, takes typed numbers, and adds a one-way partition on a link', async () => {
    const user = userEvent.setup();
    const stores = renderWith(<PlaybackBar />, webAndApi);
    act(() => stores.playback.getState().seek(3000));
    await open('link', 'web->api');
    const items = within(screen.getByRole('menu', { name: 'Break link web->api' })).getAllByRole('menuitem');
    expect(items.map((i) => i.firstChild?.textContent)).toEqual(['Latency spike…', 'Packet loss…', 'Partition…']);
    await user.keyboard('{ArrowUp}');
    expect(items[2]).toHaveFocus();
    await user.keyboard('{Home}{ArrowDown}');
    expect(items[1]).toHaveFocus();
    await user.keyboard('{End}{Enter}');
    const form = screen.getByRole('form', { name: 'Partition web->api' });
    await user.selectOptions(within(form).getByLabelText('Cut'), 'one way: web → api');
    const seconds = within(form).getByLabelText(/For/);
    await user.clear(seconds);
    await user.type(seconds, '2.5{Enter}');
    expect(stores.document.getState().document.faults).toEqual([
      { kind: 'partition', between: ['web', 'api'], oneWay: true, at: 3000, duration: 2500 },
    ]);
  });

  it('shows an invalid number at its field and adds nothing', async () => {
    const user = userEvent.setup();
    const stores = renderWith(<PlaybackBar />, webAndApi);
    await open('node', 'api');
    await user.click(screen.getByRole('menuitem', { name: /Slow down/ }));
    const factor = screen.getByLabelText('Slower by ×');
    await user.clear(factor);
    await user.type(factor, '0.5');
    await user.click(screen.getByRole('button', { name: 'Inject fault' }));
    expect(factor).toHaveAttribute('aria-invalid', 'true');
    expect(factor).toHaveAccessibleDescription('Slower by × must be at least 1');
    expect(factor).toHaveFocus();
    expect(stores.document.getState().document.faults).toEqual([]);
  });

  it('closes on Escape and gives focus back to the Break… button that opened it', async () => {
    const user = userEvent.setup();
    const stores = renderWith(<PlaybackBar />, webAndApi);
    act(() => stores.ui.getState().select({ linkIds: ['web->api'] }));
    await user.click(screen.getByRole('button', { name: 'Break…' }));
    expect(await screen.findByRole('menu', { name: 'Break link web->api' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(screen.getByRole('button', { name: 'Break…' })).toHaveFocus();

    // Escape in the form closes it too.
    await user.click(screen.getByRole('button', { name: 'Break…' }));
    await user.keyboard('{Enter}');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('form')).toBeNull();
    expect(stores.document.getState().document.faults).toEqual([]);
  });

  it('tells why a client cannot be broken, and closes on a press elsewhere', async () => {
    const user = userEvent.setup();
    renderWith(<PlaybackBar />, webAndApi);
    await open('node', 'web');
    expect(screen.getByRole('menuitem')).toHaveTextContent(/client only sends/);
    expect(screen.getByRole('menuitem')).toHaveAttribute('aria-disabled', 'true');
    await user.click(screen.getByRole('slider', { name: 'Timeline' }));
    expect(screen.queryByRole('menu')).toBeNull();
  });

  it('closes when its target disappears', async () => {
    const stores = renderWith(<PlaybackBar />, webAndApi);
    await open('node', 'api');
    act(() => stores.document.getState().dispatch({ type: 'remove', nodeIds: ['api'], linkIds: [] }));
    expect(screen.queryByRole('menu')).toBeNull();
  });
});

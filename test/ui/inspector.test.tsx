// @vitest-environment jsdom
/**
 * The inspector's fields on a service: every property shown with the schema's explanation,
 * validation by the engine's schema before anything is applied, commits on Enter or blur (one
 * undo step each), Escape to put the document's value back, units as typed in scenario files.
 */
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { undo } from '../../src/store/documentStore.ts';
import { renderInspector, system } from './inspectorSupport.tsx';

const api = (stores: ReturnType<typeof renderInspector>) =>
  stores.document.getState().document.nodes.find((n) => n.id === 'api') as Record<string, unknown>;
const history = (stores: ReturnType<typeof renderInspector>) => stores.document.temporal.getState().pastStates.length;

function selectApi() {
  const stores = renderInspector(system);
  act(() => stores.ui.getState().select({ nodeIds: ['api'] }));
  return stores;
}

describe('a selected service', () => {
  it('shows every property with the explanation from the schema', () => {
    selectApi();
    expect(screen.getByRole('heading', { name: 'api' })).toBeInTheDocument();
    expect(screen.getByLabelText('Id')).toHaveValue('api');
    expect(screen.getByLabelText('Workers')).toHaveValue('4');
    expect(screen.getByLabelText('Workers')).toHaveAccessibleDescription(
      expect.stringContaining('How many requests it works on at once (its worker pool).'),
    );
    expect(screen.getByLabelText('Queue capacity')).toHaveAttribute('placeholder', 'no limit');
    expect(screen.getByLabelText('Error rate')).toHaveAccessibleDescription(
      expect.stringContaining('Chance that a request fails after the work is done.'),
    );
    expect(screen.getByLabelText('Startup time')).toHaveAttribute('placeholder', '0ms');
    const serviceTime = screen.getByRole('group', { name: 'Service time' });
    expect(within(serviceTime).getByLabelText('Distribution')).toHaveValue('exponential');
    expect(within(serviceTime).getByLabelText('Distribution')).toHaveAccessibleDescription(expect.stringContaining('Memoryless'));
    expect(within(serviceTime).getByLabelText('Mean')).toHaveValue('5ms');
    const calls = screen.getByRole('group', { name: 'Calls' });
    expect(within(calls).getByLabelText('Step 1: Service')).toHaveValue('db');
    expect(within(calls).getByLabelText('Step 2: Service')).toHaveValue('cache');
    expect(within(calls).getByLabelText('Step 1: Timeout')).toHaveAccessibleDescription(
      expect.stringContaining('Give up on an attempt after this long'),
    );
    // Later steps do not repeat the explanation on screen, but still give it to screen readers.
    expect(within(calls).getByLabelText('Step 2: Timeout')).toHaveAccessibleDescription(
      expect.stringContaining('Give up on an attempt after this long'),
    );
    expect(
      within(calls)
        .getAllByText(/^Give up on an attempt after this long/)
        .filter((p) => p.className === 'inspector-description'),
    ).toHaveLength(1);
  });

  it("refuses 0 workers inline, with the schema's message, and leaves the document alone", async () => {
    const user = userEvent.setup();
    const stores = selectApi();
    const before = stores.document.getState().document;
    const workers = screen.getByLabelText('Workers');
    await user.clear(workers);
    await user.type(workers, '0{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('must be greater than 0');
    expect(workers).toHaveAttribute('aria-invalid', 'true');
    expect(workers).toHaveAccessibleDescription(expect.stringContaining('must be greater than 0'));
    expect(workers).toHaveValue('0');
    expect(stores.document.getState().document).toBe(before);
    // Leaving the field does not apply it either; Escape puts the document's value back.
    await user.tab();
    expect(stores.document.getState().document).toBe(before);
    expect(workers).toHaveValue('0');
    await user.click(workers);
    await user.keyboard('{Escape}');
    expect(workers).toHaveValue('4');
    expect(workers).not.toHaveAttribute('aria-invalid');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows text that is not a number as an error without dispatching', async () => {
    const user = userEvent.setup();
    const stores = selectApi();
    const before = stores.document.getState().document;
    const workers = screen.getByLabelText('Workers');
    await user.clear(workers);
    await user.type(workers, 'abc{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('must be a number');
    expect(stores.document.getState().document).toBe(before);
    await user.clear(workers);
    await user.type(workers, '2.5{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('whole number');
    expect(stores.document.getState().document).toBe(before);
  });

  it('commits a valid value on Enter as one undo step, and undo restores the old one', async () => {
    const user = userEvent.setup();
    const stores = selectApi();
    const steps = history(stores);
    const workers = screen.getByLabelText('Workers');
    await user.clear(workers);
    await user.type(workers, '12');
    expect(api(stores).workers).toBe(4); // not per keystroke
    await user.keyboard('{Enter}');
    expect(api(stores).workers).toBe(12);
    expect(history(stores)).toBe(steps + 1);
    expect(stores.document.getState().lastCommand).toEqual({ type: 'updateNode', id: 'api', patch: { workers: 12 } });
    act(() => undo(stores.document));
    expect(api(stores).workers).toBe(4);
    expect(workers).toHaveValue('4');
  });

  it('commits on blur, and does nothing when the value did not change', async () => {
    const user = userEvent.setup();
    const stores = selectApi();
    const steps = history(stores);
    await user.click(screen.getByLabelText('Workers'));
    await user.tab();
    expect(history(stores)).toBe(steps);
    const rate = screen.getByLabelText('Error rate');
    await user.type(rate, '5');
    await user.tab();
    expect(api(stores).errorRate).toBe(0.05);
    expect(rate).toHaveValue('5');
    expect(history(stores)).toBe(steps + 1);
  });

  it('accepts durations as in scenario files ("2s", a number of ms) and stores them', async () => {
    const user = userEvent.setup();
    const stores = selectApi();
    const startup = screen.getByLabelText('Startup time');
    await user.type(startup, '2s{Enter}');
    expect(api(stores).startupTime).toBe('2s');
    expect(startup).toHaveValue('2s');
    await user.clear(startup);
    await user.type(startup, '250{Enter}');
    expect(api(stores).startupTime).toBe(250);
    expect(startup).toHaveValue('250ms');
    await user.clear(startup);
    await user.type(startup, 'soon{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('must be a duration like 250ms');
    expect(api(stores).startupTime).toBe(250);
  });

  it('refuses a percentage above 100 and a distribution whose max is below its min', async () => {
    const user = userEvent.setup();
    const stores = renderInspector(system);
    act(() => stores.ui.getState().select({ nodeIds: ['db'] }));
    const before = stores.document.getState().document;
    await user.type(screen.getByLabelText('Error rate'), '150{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('between 0 % and 100 %');
    await user.keyboard('{Escape}');
    const min = within(screen.getByRole('group', { name: 'Service time' })).getByLabelText('Min');
    await user.clear(min);
    await user.type(min, '20ms{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('max must be at least min');
    expect(stores.document.getState().document).toBe(before);
  });

  it('switches the service-time distribution keeping its mean', async () => {
    const user = userEvent.setup();
    const stores = selectApi();
    const group = screen.getByRole('group', { name: 'Service time' });
    await user.selectOptions(within(group).getByLabelText('Distribution'), 'uniform');
    expect(api(stores).serviceTime).toEqual({ dist: 'uniform', min: 2.5, max: 7.5 });
    expect(within(group).getByLabelText('Max')).toHaveValue('7.5ms');
  });

  it('sets the queue capacity, and empty means no limit', async () => {
    const user = userEvent.setup();
    const stores = selectApi();
    const capacity = screen.getByLabelText('Queue capacity');
    await user.type(capacity, '50{Enter}');
    expect(api(stores).queueCapacity).toBe(50);
    await user.clear(capacity);
    await user.keyboard('{Enter}');
    expect(api(stores).queueCapacity).toBeNull();
    expect(capacity).toHaveValue('');
  });
});

// @vitest-environment jsdom
/**
 * The inspector on a queue and its links: every property of a queue explained by the schema, a
 * valid value committed as one undoable edit, an invalid one refused inline with the schema's
 * message and the document left alone; the consumer link's prefetch, and call policies only on
 * the producer's publish link; the consumer link's deduplication (an idempotent consumer).
 */
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { undo } from '../../src/store/documentStore.ts';
import { renderInspector } from './inspectorSupport.tsx';
import { pipeline } from './queueSupport.tsx';

type Rendered = ReturnType<typeof renderInspector>;
const queue = (stores: Rendered) => stores.document.getState().document.nodes.find((n) => n.id === 'orders') as Record<string, unknown>;
const link = (stores: Rendered, id: string) =>
  (stores.document.getState().document.links ?? []).find((l) => `${l.from}->${l.to}` === id) as Record<string, unknown>;

function selectQueue() {
  const stores = renderInspector(pipeline);
  act(() => stores.ui.getState().select({ nodeIds: ['orders'] }));
  return stores;
}

describe('a selected queue', () => {
  it("shows every property with the schema's explanation and default, and who it joins", () => {
    selectQueue();
    expect(screen.getByRole('heading', { name: 'orders' })).toBeInTheDocument();
    expect(screen.getByText(/A message queue \(RabbitMQ\/SQS-like\)/)).toBeInTheDocument();
    const visibility = screen.getByLabelText('Visibility timeout');
    expect(visibility).toHaveValue('');
    expect(visibility).toHaveAttribute('placeholder', '30s');
    expect(visibility).toHaveAccessibleDescription(
      expect.stringContaining('How long a delivered message stays hidden waiting for its ack'),
    );
    expect(screen.getByLabelText('Max deliveries')).toHaveAccessibleDescription(expect.stringContaining('dead-letter queue'));
    expect(screen.getByLabelText('Max deliveries')).toHaveAttribute('placeholder', 'no limit');
    expect(screen.getByLabelText('Max length')).toHaveValue('200');
    expect(screen.getByLabelText('Max length')).toHaveAccessibleDescription(
      expect.stringContaining('How many ready messages it holds at most'),
    );
    expect(screen.getByLabelText('When full')).toHaveValue('dropHead');
    expect(screen.getByLabelText('When full')).toHaveAccessibleDescription(expect.stringContaining('drop the oldest ready message'));
    expect(screen.getByLabelText('Producers')).toHaveValue('web');
    expect(screen.getByLabelText('Consumers')).toHaveValue('worker');
  });

  it('commits a valid visibility timeout, max length and overflow, each as one undoable edit', async () => {
    const user = userEvent.setup();
    const stores = selectQueue();
    await user.type(screen.getByLabelText('Visibility timeout'), '5s{Enter}');
    expect(stores.document.getState().lastCommand).toEqual({ type: 'updateNode', id: 'orders', patch: { visibilityTimeout: '5s' } });
    expect(queue(stores).visibilityTimeout).toBe('5s');

    // Emptied, the max length means no limit (null), as the placeholder says.
    const maxLength = screen.getByLabelText('Max length');
    await user.clear(maxLength);
    await user.tab();
    expect(queue(stores).maxLength).toBeNull();
    expect(maxLength).toHaveAttribute('placeholder', 'no limit');

    await user.selectOptions(screen.getByLabelText('When full'), 'rejectPublish');
    expect(queue(stores).overflow).toBe('rejectPublish');
    await user.type(screen.getByLabelText('Max deliveries'), '3{Enter}');
    expect(queue(stores).maxDeliveries).toBe(3);

    act(() => undo(stores.document));
    expect(queue(stores).maxDeliveries).toBeUndefined();
    expect(queue(stores).overflow).toBe('rejectPublish');
  });

  it("refuses invalid values inline with the schema's message and leaves the document alone", async () => {
    const user = userEvent.setup();
    const stores = selectQueue();
    const before = stores.document.getState().document;
    const deliveries = screen.getByLabelText('Max deliveries');
    await user.type(deliveries, '0{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('must be greater than 0');
    expect(deliveries).toHaveAttribute('aria-invalid', 'true');
    expect(stores.document.getState().document).toBe(before);
    await user.keyboard('{Escape}');

    const maxLength = screen.getByLabelText('Max length');
    await user.clear(maxLength);
    await user.type(maxLength, '-5{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('must not be negative');
    expect(maxLength).toHaveAccessibleDescription(expect.stringContaining('must not be negative'));
    await user.clear(maxLength);
    await user.type(maxLength, 'lots{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('must be a number, or empty for no limit');
    await user.keyboard('{Escape}');

    await user.type(screen.getByLabelText('Visibility timeout'), '0{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('must be greater than 0');
    expect(stores.document.getState().document).toBe(before);
  });
});

describe("a queue's links", () => {
  it('gives the consumer link a prefetch, validated, and no call policies', async () => {
    const user = userEvent.setup();
    const stores = renderInspector(pipeline);
    act(() => stores.ui.getState().select({ linkIds: ['orders->worker'] }));
    expect(screen.getByLabelText('Kind')).toHaveValue('Async (through a queue)');
    expect(screen.getByLabelText('To')).toHaveAccessibleDescription(expect.stringContaining('its reply is the ack'));
    const prefetch = screen.getByLabelText('Prefetch');
    expect(prefetch).toHaveValue('5');
    expect(prefetch).toHaveAccessibleDescription(expect.stringContaining('unacknowledged at once'));
    await user.clear(prefetch);
    await user.type(prefetch, '0{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('must be greater than 0');
    expect(link(stores, 'orders->worker').prefetch).toBe(5);
    await user.clear(prefetch);
    await user.type(prefetch, '20{Enter}');
    expect(link(stores, 'orders->worker').prefetch).toBe(20);
    // An idempotent consumer: it remembers the last N message ids it processed (empty: it does not).
    const dedupe = screen.getByLabelText('Remember processed ids');
    expect(dedupe).toHaveAttribute('placeholder', 'none (not idempotent)');
    expect(dedupe).toHaveAccessibleDescription(expect.stringContaining('acknowledging a repeat at once'));
    await user.type(dedupe, '1000{Enter}');
    expect(link(stores, 'orders->worker').dedupe).toBe(1000);
    // Deliveries are retried by the queue itself: no timeout, retry, breaker or bulkhead here.
    expect(screen.queryByRole('region', { name: 'Resilience' })).toBeNull();
    expect(screen.queryByLabelText('Timeout')).toBeNull();
    expect(screen.queryByRole('checkbox', { name: 'Guard with a circuit breaker' })).toBeNull();
    expect(screen.getByText(/delivered again/)).toBeInTheDocument();
  });

  it("keeps the policies on the producer's publish link, and no prefetch there", () => {
    const stores = renderInspector(pipeline);
    act(() => stores.ui.getState().select({ linkIds: ['web->orders'] }));
    expect(screen.getByLabelText('From')).toHaveAccessibleDescription(expect.stringContaining('waits only for the confirm'));
    const policies = screen.getByRole('region', { name: 'Resilience' });
    expect(within(policies).getByLabelText('Timeout')).toBeInTheDocument();
    expect(within(policies).getByRole('checkbox', { name: 'Guard with a circuit breaker' })).toBeInTheDocument();
    expect(screen.queryByLabelText('Prefetch')).toBeNull();
    expect(screen.queryByLabelText('Remember processed ids')).toBeNull();
  });

  it("offers the client's queue as its target, marked as a publish", () => {
    const stores = renderInspector(pipeline);
    act(() => stores.ui.getState().select({ nodeIds: ['web'] }));
    const target = screen.getByLabelText('Target');
    expect(target).toHaveValue('orders');
    expect(within(target).getByRole('option', { name: 'orders (queue: publish)' })).toBeInTheDocument();
  });

  it('names a crash on a queue a broker outage in the fault view', () => {
    const stores = renderInspector({ ...pipeline, faults: [{ kind: 'crash', target: 'orders', at: '2s', duration: '3s' }] });
    act(() => stores.ui.getState().select({ faultIndex: 0 }));
    const target = screen.getByLabelText('Queue');
    expect(target).toHaveValue('orders');
    expect(target).toHaveAccessibleDescription(expect.stringContaining('publishes are refused'));
    expect(
      within(target)
        .getAllByRole('option')
        .map((o) => o.getAttribute('value')),
    ).toEqual(['orders', 'worker']);
  });
});

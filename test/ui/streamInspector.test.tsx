// @vitest-environment jsdom
/**
 * The inspector on a stream and its links: the schema's description of a stream and of each of
 * its properties; valid edits committed as one undoable edit each, invalid ones refused inline;
 * its producers and consumer groups listed read-only; a producer's link choosing keys and what a
 * publish carries (the whole message or only the event); a consumer's link naming its group and
 * where it starts; moving a group's offsets at the playhead; live figures; a crash on a stream in
 * the fault view.
 */
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { DocumentInput } from '../../src/store/document/commands.ts';
import { undo } from '../../src/store/documentStore.ts';
import type { Selection } from '../../src/store/uiStore.ts';
import { MODE } from '../../src/ui/playback/nodeStatus.ts';
import { renderInspector } from './inspectorSupport.tsx';
import { orderEvents, partition, setStreamLive } from './streamSupport.tsx';

type Rendered = ReturnType<typeof renderInspector>;
const stream = (stores: Rendered) => stores.document.getState().document.nodes.find((n) => n.id === 'events') as Record<string, unknown>;
const link = (stores: Rendered, id: string) =>
  (stores.document.getState().document.links ?? []).find((l) => `${l.from}->${l.to}` === id) as Record<string, unknown>;

/** The inspector over `doc`, with `selection` selected. */
function select(doc: DocumentInput, selection: Partial<Selection>) {
  const stores = renderInspector(doc);
  act(() => stores.ui.getState().select(selection));
  return stores;
}

describe('a selected stream', () => {
  it('is described by the schema, each property too, and lists its producers and consumer groups read-only', () => {
    select(orderEvents, { nodeIds: ['events'] });
    expect(screen.getByRole('heading', { name: 'events' })).toBeInTheDocument();
    expect(screen.getByText('Stream')).toBeInTheDocument();
    expect(screen.getByText(/An event stream \(Kafka-like\)/)).toBeInTheDocument();
    expect(screen.getByLabelText('Partitions')).toHaveValue('3');
    expect(screen.getByLabelText('Partitions')).toHaveAccessibleDescription(expect.stringContaining('key mod partitions'));
    expect(screen.getByLabelText('Retention')).toHaveValue('45s');
    expect(screen.getByLabelText('Retention')).toHaveAccessibleDescription(expect.stringContaining('older ones are removed from the head'));
    expect(screen.getByLabelText('Rebalance pause')).toHaveAccessibleDescription(expect.stringContaining('partitions are reassigned'));
    expect(screen.getByLabelText('Max deliveries')).toHaveAttribute('placeholder', 'retried forever');
    expect(screen.getByLabelText('Max deliveries')).toHaveAccessibleDescription(expect.stringContaining('skips it'));
    const producers = screen.getByLabelText('Producers');
    expect(producers).toHaveValue('orders');
    expect(producers).toHaveAttribute('readonly');
    const groups = screen.getByLabelText('Consumer groups');
    expect(groups).toHaveValue('billing (billing-1, billing-2); analytics (analytics)');
    expect(groups).toHaveAttribute('readonly');
    expect(groups).toHaveAccessibleDescription(expect.stringContaining('Every group reads every message'));
  });

  it('says what to connect when nothing appends to it and nobody reads it', () => {
    select({ ...orderEvents, links: [] }, { nodeIds: ['events'] });
    expect(screen.getByLabelText('Producers')).toHaveValue('none');
    expect(screen.getByLabelText('Consumer groups')).toHaveValue('none');
    expect(screen.getByLabelText('Consumer groups')).toHaveAccessibleDescription(expect.stringContaining('its logs only grow'));
  });

  it('commits valid partitions, retention, pause and max deliveries, each as one undoable edit', async () => {
    const user = userEvent.setup();
    const stores = select(orderEvents, { nodeIds: ['events'] });
    const partitions = screen.getByLabelText('Partitions');
    await user.clear(partitions);
    await user.type(partitions, '6{Enter}');
    expect(stores.document.getState().lastCommand).toEqual({ type: 'updateNode', id: 'events', patch: { partitions: 6 } });
    // Emptied, the retention keeps everything (null), as the placeholder says.
    const retention = screen.getByLabelText('Retention');
    await user.clear(retention);
    await user.tab();
    expect(stream(stores).retention).toBeNull();
    expect(retention).toHaveAttribute('placeholder', 'keep all');
    await user.type(retention, '1h{Enter}');
    expect(stream(stores).retention).toBe('1h');
    const pause = screen.getByLabelText('Rebalance pause');
    await user.clear(pause);
    await user.type(pause, '500ms{Enter}');
    expect(stream(stores).rebalancePause).toBe('500ms');
    await user.type(screen.getByLabelText('Max deliveries'), '4{Enter}');
    expect(stream(stores).maxDeliveries).toBe(4);
    act(() => undo(stores.document));
    expect(stream(stores).maxDeliveries).toBeUndefined();
    expect(stream(stores).partitions).toBe(6);
  });

  it("refuses invalid values inline with the schema's message and leaves the document alone", async () => {
    const user = userEvent.setup();
    const stores = select(orderEvents, { nodeIds: ['events'] });
    const before = stores.document.getState().document;
    const partitions = screen.getByLabelText('Partitions');
    await user.clear(partitions);
    await user.type(partitions, '0{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('must be greater than 0');
    expect(partitions).toHaveAttribute('aria-invalid', 'true');
    await user.keyboard('{Escape}');
    const retention = screen.getByLabelText('Retention');
    await user.clear(retention);
    await user.type(retention, 'soon{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('or empty to keep everything');
    expect(stores.document.getState().document).toBe(before);
  });

  it('shows its figures at the playhead, totals over partitions and groups', () => {
    const stores = select(orderEvents, { nodeIds: ['events'] });
    act(() =>
      setStreamLive(stores, 2500, { arrivals: 50, line: 40, busy: 2, ok: 90, errors: 1, dropped: 10, rejected: 3, mode: MODE.crashed }),
    );
    const live = screen.getByRole('region', { name: 'At the playhead' });
    const figure = (name: string) => within(live).getByText(name).nextElementSibling;
    expect(figure('Mode')).toHaveTextContent('crashed');
    expect(figure('In its logs')).toHaveTextContent('40');
    expect(figure('In flight (uncommitted)')).toHaveTextContent('2');
    expect(figure('Committed')).toHaveTextContent('90');
    expect(figure('Skipped')).toHaveTextContent('1');
    expect(figure('Expired (retention)')).toHaveTextContent('10');
    expect(figure('Publishes refused')).toHaveTextContent('3');
    // 50 arrived, 3 refused: 47 appended.
    expect(figure('Published')).toHaveTextContent('47');
    expect(within(live).queryByText('Busy workers')).toBeNull();
    // Without the replay's per-partition view there is no lag to show.
    expect(within(live).queryByText(/^Lag/)).toBeNull();
  });

  it("adds each consumer group's lag, summed over the partitions", () => {
    const stores = select(orderEvents, { nodeIds: ['events'] });
    act(() =>
      setStreamLive(stores, 2500, { arrivals: 50, line: 50 }, {}, [
        partition(20, [15, 20]),
        partition(20, [20, 18]),
        partition(10, [7, 10]),
      ]),
    );
    const live = screen.getByRole('region', { name: 'At the playhead' });
    expect(within(live).getByText('Lag (billing)').nextElementSibling).toHaveTextContent('8');
    expect(within(live).getByText('Lag (analytics)').nextElementSibling).toHaveTextContent('2');
  });
});

describe("moving a consumer group's offsets from the inspector", () => {
  it('replays a group from the start, or skips it to the end, at the playhead: a change listed on the stream, undoable', async () => {
    const user = userEvent.setup();
    const stores = select(orderEvents, { nodeIds: ['events'] });
    await act(async () => {
      await stores.run.start(stores.document.getState().document, 1000);
      stores.playback.getState().seek(12_000);
    });
    await user.click(screen.getByRole('button', { name: 'Replay group billing from the start' }));
    expect(stores.document.getState().lastCommand).toEqual({
      type: 'addChange',
      change: { kind: 'stream', target: 'events', group: 'billing', at: 12_000, set: { offsets: 'earliest' } },
    });
    await user.click(screen.getByRole('button', { name: 'Skip group analytics to the end' }));
    const changes = within(screen.getByRole('region', { name: 'Changes during the run' }));
    expect(changes.getByText('At 12s: group billing reads again from the start')).toBeInTheDocument();
    expect(changes.getByText('At 12s: group analytics skips to the end')).toBeInTheDocument();
    act(() => undo(stores.document));
    expect(stores.document.getState().document.changes).toEqual([
      { kind: 'stream', target: 'events', group: 'billing', at: 12_000, set: { offsets: 'earliest' } },
    ]);
  });
});

describe("a stream's links", () => {
  it("gives a producer's link keys and what a publish carries", async () => {
    const user = userEvent.setup();
    const stores = select(orderEvents, { linkIds: ['orders->events'] });
    expect(screen.getByLabelText('From')).toHaveAccessibleDescription(expect.stringContaining('which a stream gives at once'));
    const keys = screen.getByLabelText('Keys');
    expect(keys).toHaveValue('8');
    expect(keys).toHaveAccessibleDescription(expect.stringContaining('the key chooses the partition'));
    expect(screen.getByLabelText('Publish carries')).toHaveValue('message');
    // With keys, whether the key chooses the partition (the default) or they go round robin.
    const by = screen.getByLabelText('Partition by');
    expect(by).toHaveValue('key');
    expect(by).toHaveAccessibleDescription(expect.stringContaining('Order holds only within a partition'));
    await user.selectOptions(by, 'roundRobin');
    expect(link(stores, 'orders->events')).toHaveProperty('partitionBy', 'roundRobin');
    await user.selectOptions(screen.getByLabelText('Partition by'), 'key');
    expect(link(stores, 'orders->events')).not.toHaveProperty('partitionBy');
    await user.clear(keys);
    await user.tab();
    expect(link(stores, 'orders->events')).not.toHaveProperty('keys');
    expect(keys).toHaveAttribute('placeholder', 'no key (round robin)');
    expect(screen.queryByLabelText('Partition by')).toBeNull();
    await user.type(keys, '0{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('must be greater than 0');
    // Only the event: refused while the consumers have no link back to orders to fetch the rest.
    await user.selectOptions(screen.getByLabelText('Publish carries'), 'event');
    expect(link(stores, 'orders->events')).not.toHaveProperty('content');
    expect(screen.getByText(/consumers "billing-1"(, "[^"]+")* and "[^"]+" have no link to "orders"/)).toBeInTheDocument();
  });

  it("gives a consumer's link its group, where it starts and a timeout, with a note on redelivery instead of policies", async () => {
    const user = userEvent.setup();
    const stores = select(orderEvents, { linkIds: ['events->analytics'] });
    expect(screen.getByLabelText('To')).toHaveAccessibleDescription(expect.stringContaining('commits the offset'));
    const group = screen.getByLabelText('Consumer group');
    expect(group).toHaveValue('analytics');
    expect(group).toHaveAccessibleDescription(expect.stringContaining('A group reads each message once'));
    const start = screen.getByLabelText('Start from');
    expect(start).toHaveAccessibleDescription(expect.stringContaining('when it first has a live member'));
    await user.selectOptions(start, 'latest');
    expect(link(stores, 'events->analytics').startFrom).toBe('latest');
    await user.clear(group);
    await user.type(group, 'billing{Enter}');
    expect(link(stores, 'events->analytics').group).toBe('billing');
    await user.clear(group);
    await user.type(group, 'not a name!{Enter}');
    expect(screen.getByRole('alert')).toBeInTheDocument();
    expect(link(stores, 'events->analytics').group).toBe('billing');
    expect(screen.getByText(/The stream itself sends a failed or timed-out delivery again/)).toBeInTheDocument();
    expect(screen.queryByLabelText('Prefetch')).toBeNull();
    expect(screen.getByLabelText(/Timeout/)).toHaveAttribute('placeholder', '30s (the default)');
    // The stream retries its deliveries itself: no retry, breaker or fallback to set here.
    expect(screen.queryByLabelText('Deadline')).toBeNull();
    expect(screen.queryByRole('checkbox', { name: 'Retry failed attempts' })).toBeNull();
    expect(screen.queryByLabelText('Fallback')).toBeNull();
  });
});

describe('a crash on a stream in the fault view', () => {
  it('names the stream as its target and says what an outage does', () => {
    select({ ...orderEvents, faults: [{ kind: 'crash', target: 'events', at: '5s', duration: '2s' }] }, { faultIndex: 0 });
    const target = screen.getByLabelText('Stream');
    expect(target).toHaveValue('events');
    expect(target).toHaveAccessibleDescription(expect.stringContaining('its logs survive'));
    expect(
      within(target)
        .getAllByRole('option')
        .map((o) => o.getAttribute('value')),
    ).toContain('billing-1');
  });
});

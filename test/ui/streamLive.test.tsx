// @vitest-environment jsdom
/**
 * A stream's state at the playhead, in its box on the canvas: its partitions as lanes (end offset
 * and each group's lag, from the replay's per-partition view; an average without it), what its
 * logs hold, deliveries in flight and commits, skips, expiries and refusals once there are any, an
 * outage styled like a crashed queue, and the zoomed-out gauge; from a live store set by hand and
 * from a real run, where the box must say what the replay says.
 */
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { refreshLive } from '../../src/ui/playback/liveState.ts';
import { NodeLiveStatus } from '../../src/ui/playback/NodeLiveStatus.tsx';
import { streamSentence } from '../../src/ui/playback/NodeLiveGauge.tsx';
import { MODE, statusChange, type StreamStatus } from '../../src/ui/playback/nodeStatus.ts';
import { MAX_LANES } from '../../src/ui/playback/StreamLiveFigures.tsx';
import { renderWith } from './playbackSupport.tsx';
import { orderEvents, partition, setStreamLive } from './streamSupport.tsx';

const fillOf = (el: HTMLElement) => parseFloat(el.style.width) / 100;

describe("a stream's box at the playhead", () => {
  it('shows nothing before a run', () => {
    renderWith(<NodeLiveStatus nodeId="events" />, orderEvents);
    expect(screen.getByTestId('node-live-events')).not.toHaveTextContent(/./);
  });

  it("draws each partition as a lane with its end offset and each group's lag, from the replay's per-partition view", () => {
    const stores = renderWith(<NodeLiveStatus nodeId="events" />, orderEvents);
    act(() =>
      setStreamLive(stores, 12_000, { arrivals: 240, line: 240, busy: 2, ok: 400 }, {}, [
        partition(100, [60, 100]),
        partition(80, [80, 80]),
        partition(60, [58, 60], 5),
      ]),
    );
    const lanes = screen.getByRole('list', { name: 'Partitions' });
    const rows = within(lanes).getAllByRole('listitem');
    expect(rows).toHaveLength(3);
    expect(within(lanes).getByTestId('lane-0')).toHaveTextContent('P0 100 · lag 40/0');
    expect(within(lanes).getByTestId('lane-0')).toHaveClass('is-behind');
    expect(within(lanes).getByTestId('lane-1')).toHaveTextContent('P1 80 · lag 0/0');
    expect(within(lanes).getByTestId('lane-1')).not.toHaveClass('is-behind');
    // Each row names the groups, for screen readers and in its tooltip.
    expect(rows[0]).toHaveTextContent('billing committed 60, lag 40; analytics committed 100, lag 0');
    expect(rows[2]).toHaveAttribute(
      'title',
      'Partition 2: end offset 60, first retained 5; billing committed 58, lag 2; analytics committed 60, lag 0',
    );
    // A lane's bar is as long as its log relative to the longest; a tick per group at its committed offset.
    const bar = rows[1].querySelector('.node-live-lane') as HTMLElement;
    expect(parseFloat((bar.querySelector('.node-live-meter-fill') as HTMLElement).style.width)).toBe(80);
    expect([...rows[0].querySelectorAll<HTMLElement>('.node-live-lane-tick')].map((t) => parseFloat(t.style.left))).toEqual([60, 100]);
  });

  it('draws one lane per partition and shows what its logs hold, in flight and committed, with no trouble while there is none', () => {
    const stores = renderWith(<NodeLiveStatus nodeId="events" />, orderEvents);
    act(() => setStreamLive(stores, 3000, { arrivals: 60, line: 60, busy: 3, ok: 110 }));
    const box = screen.getByTestId('node-live-events');
    expect(box).toHaveClass('node-live--stream');
    const lanes = within(box).getByTestId('lanes');
    expect(lanes.querySelectorAll('.node-live-lane')).toHaveLength(3);
    // The lanes show an average, and say so: the replay has no per-partition offsets.
    expect(lanes).toHaveAttribute('title', '3 partitions, about 20 messages each (an average: the replay has no per-partition offsets)');
    expect(within(box).getByTestId('stored').parentElement).toHaveTextContent('60 in logs');
    expect(within(box).getByTestId('in-flight').parentElement).toHaveTextContent('3 in flight');
    expect(within(box).getByTestId('committed').parentElement).toHaveTextContent('110 committed');
    for (const id of ['skipped', 'expired', 'refused']) expect(within(box).queryByTestId(id)).toBeNull();
    expect(box).toHaveAttribute('data-mode', String(MODE.healthy));
  });

  it('adds skips, expiries and refusals once there are any, and marks an outage as the stream being down', () => {
    const stores = renderWith(<NodeLiveStatus nodeId="events" />, orderEvents);
    act(() =>
      setStreamLive(stores, 50_000, { arrivals: 1000, line: 900, ok: 1500, errors: 2, dropped: 80, rejected: 20, mode: MODE.crashed }),
    );
    const box = screen.getByTestId('node-live-events');
    expect(within(box).getByTestId('skipped')).toHaveTextContent('2');
    expect(within(box).getByTestId('expired')).toHaveTextContent('80');
    expect(within(box).getByTestId('refused').closest('[title]')).toHaveAttribute('title', 'Publishes refused while the stream is down');
    expect(box).toHaveAttribute('data-mode', String(MODE.crashed));
  });

  it('draws at most a few lanes for a stream with many partitions and says how many there are', () => {
    const wide = { ...orderEvents, nodes: orderEvents.nodes.map((n) => (n.id === 'events' ? { ...n, partitions: 64 } : n)) };
    const stores = renderWith(<NodeLiveStatus nodeId="events" />, wide);
    act(() => setStreamLive(stores, 1000, { arrivals: 5, line: 5 }));
    const lanes = screen.getByTestId('lanes');
    expect(lanes.querySelectorAll('.node-live-lane')).toHaveLength(MAX_LANES);
    expect(lanes).toHaveTextContent('×64');
  });

  it('shows a bar of what the logs hold and the figures in words when zoomed out, with a mark once anything was lost or refused', () => {
    const stores = renderWith(<NodeLiveStatus nodeId="events" compact />, orderEvents);
    act(() => setStreamLive(stores, 2000, { arrivals: 40, line: 40, busy: 1, ok: 70 }));
    const box = screen.getByTestId('node-live-events');
    expect(within(box).queryByTestId('stored')).toBeNull();
    expect(fillOf(within(box).getByTestId('gauge-stored'))).toBeGreaterThan(0);
    expect(within(box).getByRole('img')).toHaveAccessibleName('3 partitions: 40 in logs, 1 in flight, 70 committed');
    expect(box.querySelector('.node-gauge-mark.is-on')).toBeNull();
    act(() => setStreamLive(stores, 3000, { arrivals: 50, line: 30, ok: 80, dropped: 20 }));
    expect(within(box).getByRole('img')).toHaveAccessibleName('3 partitions: 30 in logs, 0 in flight, 80 committed, 20 expired');
    expect(box.querySelector('.node-gauge-mark.is-on')).not.toBeNull();
  });
});

describe("a stream's news and words", () => {
  const stream = (patch: Partial<StreamStatus>): StreamStatus => ({
    kind: 'stream',
    stored: 0,
    inFlight: 0,
    published: 0,
    committed: 0,
    skipped: 0,
    expired: 0,
    refused: 0,
    mode: MODE.healthy,
    ...patch,
  });

  it('animates its outage and its return, and nothing else (a log never fills up)', () => {
    expect(statusChange(stream({}), stream({ mode: MODE.crashed }))).toBe('crash');
    expect(statusChange(stream({ mode: MODE.crashed }), stream({}))).toBe('recover');
    expect(statusChange(stream({ mode: MODE.crashed }), stream({ mode: MODE.crashed, refused: 5 }))).toBeUndefined();
    expect(statusChange(stream({ stored: 1 }), stream({ stored: 90, expired: 30 }))).toBeUndefined();
  });

  it('says one partition in the singular', () => {
    expect(streamSentence(stream({ stored: 3, skipped: 1, refused: 2 }), 1)).toBe(
      '1 partition: 3 in logs, 0 in flight, 1 skipped, 2 refused',
    );
  });
});

describe('a stream in a real run', () => {
  it("shows the replay's figures at the playhead: every message appended, and both groups committing it", async () => {
    const stores = renderWith(<NodeLiveStatus nodeId="events" />, orderEvents);
    await act(() => stores.run.start(orderEvents, 5000));
    act(() => {
      stores.playback.getState().seek(4000);
      refreshLive(stores.live, stores);
    });
    const nodes = stores.run.getState().replay!.stateAt(4000).nodes;
    const stream = nodes[2];
    expect(stream.arrivals).toBeGreaterThan(40); // ~20 publishes a second
    const box = screen.getByTestId('node-live-events');
    expect(within(box).getByTestId('stored')).toHaveTextContent(String(stream.line));
    expect(within(box).getByTestId('in-flight')).toHaveTextContent(String(stream.busy));
    expect(within(box).getByTestId('committed')).toHaveTextContent(String(stream.ok));
    // No retention reached, no outage: the logs hold every publish.
    expect(stream.line).toBe(stream.arrivals);
    for (const id of ['skipped', 'expired', 'refused']) expect(within(box).queryByTestId(id)).toBeNull();
    // billing reads everything; analytics only what came after it joined (at once): both commit nearly every message.
    expect(stream.ok).toBeGreaterThan(1.8 * stream.arrivals);
    expect(stream.ok).toBeLessThanOrEqual(2 * stream.arrivals);
    // The consumers' work is what the groups committed (billing's two members share their group's).
    const consumed = nodes[3].ok + nodes[4].ok + nodes[5].ok;
    expect(consumed).toBeGreaterThanOrEqual(stream.ok);
    // Each lane says what the replay's per-partition view says: keyed by 8 customers, every partition gets messages.
    const view = stores.run.getState().replay!.streams.partitionsAt(2, 4000)!;
    expect(view).toHaveLength(3);
    expect(view.reduce((sum, p) => sum + p.end, 0)).toBe(stream.arrivals);
    view.forEach((p, i) => {
      expect(p.end).toBeGreaterThan(0);
      expect(within(box).getByTestId(`lane-${i}`)).toHaveTextContent(`P${i} ${p.end} · lag ${p.lag.join('/')}`);
    });
  });
});

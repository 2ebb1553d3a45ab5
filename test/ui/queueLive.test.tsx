// @vitest-environment jsdom
/**
 * A queue's state at the playhead, in its box on the canvas and in the inspector: its depth as a
 * bar (of its max length, else on a log scale) with the number of ready messages, the messages in
 * flight, the counts that matter once they are non-zero, a broker outage styled like a crashed
 * service, and the zoomed-out gauge; from a live store set by hand and from a real run.
 */
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { formatAge } from '../../src/ui/playback/QueueLiveFigures.tsx';
import { Inspector } from '../../src/ui/inspector/Inspector.tsx';
import { refreshLive } from '../../src/ui/playback/liveState.ts';
import { NodeLiveStatus } from '../../src/ui/playback/NodeLiveStatus.tsx';
import { queueSentence } from '../../src/ui/playback/NodeLiveGauge.tsx';
import { depthShare, MODE, statusChange, UNBOUNDED_DEPTH_SCALE, type QueueStatus } from '../../src/ui/playback/nodeStatus.ts';
import { renderWith } from './playbackSupport.tsx';
import { pipeline, setQueueLive, unboundedPipeline } from './queueSupport.tsx';

const fillOf = (el: HTMLElement) => parseFloat(el.style.width) / 100;

describe("a queue's box at the playhead", () => {
  it('shows nothing before a run', () => {
    renderWith(<NodeLiveStatus nodeId="orders" />, pipeline);
    expect(screen.getByTestId('node-live-orders')).not.toHaveTextContent(/./);
  });

  it('shows its depth of its max length as a bar and a number, and the messages in flight', () => {
    const stores = renderWith(<NodeLiveStatus nodeId="orders" />, pipeline);
    act(() => setQueueLive(stores, 500, { line: 50, busy: 4, arrivals: 60, ok: 6 }));
    const box = screen.getByTestId('node-live-orders');
    expect(box).toHaveClass('node-live--queue');
    expect(within(box).getByTestId('ready')).toHaveTextContent('50');
    expect(within(box).getByTestId('ready').parentElement).toHaveTextContent('50/200 ready');
    expect(fillOf(within(box).getByTestId('depth-fill'))).toBeCloseTo(0.25);
    expect(within(box).getByTestId('in-flight')).toHaveTextContent('4');
    expect(within(box).getByTestId('acked')).toHaveTextContent('6');
    // Nothing lost or refused yet: those figures are not shown at all.
    for (const id of ['dead-lettered', 'dropped', 'refused']) expect(within(box).queryByTestId(id)).toBeNull();
    expect(box).toHaveAttribute('data-mode', String(MODE.healthy));
  });

  it('adds dead-lettered, dropped and refused counts once there are any, and a full bar at the limit', () => {
    const stores = renderWith(<NodeLiveStatus nodeId="orders" />, pipeline);
    act(() => setQueueLive(stores, 900, { line: 200, busy: 5, ok: 1200, errors: 3, dropped: 41, rejected: 2 }));
    const box = screen.getByTestId('node-live-orders');
    expect(fillOf(within(box).getByTestId('depth-fill'))).toBe(1);
    expect(within(box).getByTestId('acked')).toHaveTextContent('1,200');
    expect(within(box).getByTestId('dead-lettered')).toHaveTextContent('3');
    expect(within(box).getByTestId('dropped')).toHaveTextContent('41');
    expect(within(box).getByTestId('refused')).toHaveTextContent('2');
  });

  it("draws an unbounded queue's depth on a log scale, saying so in its tooltip", () => {
    const stores = renderWith(<NodeLiveStatus nodeId="orders" />, unboundedPipeline);
    act(() => setQueueLive(stores, 500, { line: 99 }));
    const box = screen.getByTestId('node-live-orders');
    expect(within(box).getByTestId('ready').parentElement).toHaveTextContent(/^99 ready$/);
    expect(fillOf(within(box).getByTestId('depth-fill'))).toBeCloseTo(0.5, 2);
    expect(within(box).getByTestId('ready').closest('[title]')).toHaveAttribute('title', expect.stringContaining('logarithmic'));
  });

  it('marks a broker outage: the box reads as crashed and refusals are publishes refused while down', () => {
    const stores = renderWith(<NodeLiveStatus nodeId="orders" />, pipeline);
    act(() => setQueueLive(stores, 500, { line: 12, mode: MODE.crashed, rejected: 7 }));
    const box = screen.getByTestId('node-live-orders');
    expect(box).toHaveAttribute('data-mode', String(MODE.crashed));
    expect(within(box).getByTestId('refused').closest('[title]')).toHaveAttribute('title', 'Publishes refused while the broker is down');
  });

  it('shows a bar and the figures in words when zoomed out', () => {
    const stores = renderWith(<NodeLiveStatus nodeId="orders" compact />, pipeline);
    act(() => setQueueLive(stores, 500, { line: 100, busy: 3, ok: 10 }));
    const box = screen.getByTestId('node-live-orders');
    expect(within(box).queryByTestId('ready')).toBeNull();
    expect(fillOf(within(box).getByTestId('gauge-depth'))).toBeCloseTo(0.5);
    expect(within(box).getByRole('img')).toHaveAccessibleName('100 ready of 200, 3 in flight, 10 acked');
    expect(box.querySelector('.node-gauge-mark.is-on')).toBeNull();
    act(() => setQueueLive(stores, 600, { line: 200, dropped: 1 }));
    expect(box.querySelector('.node-gauge-mark.is-on')).not.toBeNull();
  });
});

describe("a queue's figures in the inspector", () => {
  it('lists the depth, in flight and what became of the messages, with its mode', () => {
    const stores = renderWith(<Inspector />, pipeline);
    act(() => stores.ui.getState().select({ nodeIds: ['orders'] }));
    act(() => setQueueLive(stores, 2500, { line: 30, busy: 5, arrivals: 50, ok: 15, mode: MODE.crashed, rejected: 4 }));
    const live = screen.getByRole('region', { name: 'At the playhead' });
    const figure = (name: string) => within(live).getByText(name).nextElementSibling;
    expect(figure('Mode')).toHaveTextContent('crashed');
    expect(figure('Ready (depth)')).toHaveTextContent('30');
    expect(figure('In flight (unacked)')).toHaveTextContent('5');
    // 50 arrived, 4 refused: 46 stored.
    expect(figure('Published')).toHaveTextContent('46');
    expect(figure('Acknowledged')).toHaveTextContent('15');
    expect(figure('Dropped (full)')).toHaveTextContent('0');
    expect(figure('Publishes refused')).toHaveTextContent('4');
  });
});

describe("a queue's depth scale and its news", () => {
  const queue = (patch: Partial<QueueStatus>): QueueStatus => ({
    kind: 'queue',
    ready: 0,
    inFlight: 0,
    published: 0,
    acked: 0,
    deadLettered: 0,
    dropped: 0,
    refused: 0,
    mode: MODE.healthy,
    oldestTenths: 0,
    ...patch,
  });

  it('fills the bar to the share of the limit, or logarithmically up to the unbounded scale', () => {
    expect(depthShare(0, 100)).toBe(0);
    expect(depthShare(25, 100)).toBe(0.25);
    expect(depthShare(500, 100)).toBe(1);
    expect(depthShare(3, 0)).toBe(1);
    expect(depthShare(0, null)).toBe(0);
    expect(depthShare(1, null)).toBeGreaterThan(0.05); // a single message shows
    expect(depthShare(UNBOUNDED_DEPTH_SCALE, null)).toBe(1);
    expect(depthShare(UNBOUNDED_DEPTH_SCALE * 10, null)).toBe(1);
  });

  it('animates an outage, the broker coming back and a full queue losing or refusing messages', () => {
    expect(statusChange(queue({}), queue({ mode: MODE.crashed }))).toBe('crash');
    expect(statusChange(queue({ mode: MODE.crashed }), queue({}))).toBe('recover');
    expect(statusChange(queue({ dropped: 1 }), queue({ dropped: 2 }))).toBe('overflow');
    expect(statusChange(queue({ refused: 1 }), queue({ refused: 2 }))).toBe('overflow');
    expect(statusChange(queue({ deadLettered: 1 }), queue({ deadLettered: 2, dropped: 3 }))).toBe('deadLetter');
    expect(statusChange(queue({ mode: MODE.crashed }), queue({ mode: MODE.crashed, refused: 9 }))).toBeUndefined();
    expect(statusChange(queue({ ready: 1 }), queue({ ready: 50 }))).toBeUndefined();
  });

  it('says the figures in words', () => {
    expect(queueSentence(queue({ ready: 1200, inFlight: 2 }), null)).toBe('1,200 ready, 2 in flight');
    expect(queueSentence(queue({ ready: 3, deadLettered: 1, refused: 4 }), 10)).toBe(
      '3 ready of 10, 0 in flight, 1 dead-lettered, 4 refused',
    );
  });
});

describe('a queue in a real run', () => {
  it("shows the replay's depth and acks at the playhead", async () => {
    const stores = renderWith(<NodeLiveStatus nodeId="orders" />, pipeline);
    await act(() => stores.run.start(pipeline, 5000));
    act(() => {
      stores.playback.getState().seek(4000);
      refreshLive(stores.live, stores);
    });
    const expected = stores.run.getState().replay!.stateAt(4000).nodes[1];
    const box = screen.getByTestId('node-live-orders');
    expect(expected.ok).toBeGreaterThan(40); // ~20 messages a second, acknowledged
    expect(within(box).getByTestId('acked')).toHaveTextContent(String(expected.ok));
    expect(within(box).getByTestId('ready')).toHaveTextContent(String(expected.line));
    expect(within(box).getByTestId('in-flight')).toHaveTextContent(String(expected.busy));
  });

  it('shows how long the oldest waiting message has waited, while a backlog builds', async () => {
    const doc = { ...pipeline, faults: [{ kind: 'crash' as const, target: 'worker', at: '1s', duration: '10s' }] };
    const stores = renderWith(<NodeLiveStatus nodeId="orders" />, doc);
    await act(() => stores.run.start(doc, 5000));
    act(() => {
      stores.playback.getState().seek(4000);
      refreshLive(stores.live, stores);
    });
    const age = stores.run.getState().replay!.queues.oldestAgeAt(1, 4000)!;
    expect(age).toBeGreaterThan(2500);
    expect(within(screen.getByTestId('node-live-orders')).getByTestId('oldest')).toHaveTextContent(
      `${(Math.floor(age / 100) / 10).toFixed(1)} s`,
    );
  });
});

describe('ages', () => {
  it('read in seconds with a tenth, then in minutes', () => {
    expect(formatAge(4)).toBe('0.4 s');
    expect(formatAge(125)).toBe('12.5 s');
    expect(formatAge(2000)).toBe('3 min 20 s');
  });
});

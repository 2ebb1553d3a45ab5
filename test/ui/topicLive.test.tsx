// @vitest-environment jsdom
/**
 * A topic's state at the playhead, in its box on the canvas and in the inspector: the publishes
 * it fanned out, how many queues subscribe, its refusals once there are any, an outage styled
 * like a crashed queue, and the zoomed-out gauge; from a live store set by hand and from a real
 * run, where the box must say what the replay says and each subscription consumes every copy.
 */
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Inspector } from '../../src/ui/inspector/Inspector.tsx';
import { refreshLive } from '../../src/ui/playback/liveState.ts';
import { NodeLiveStatus } from '../../src/ui/playback/NodeLiveStatus.tsx';
import { topicSentence } from '../../src/ui/playback/NodeLiveGauge.tsx';
import { MODE, statusChange, type TopicStatus } from '../../src/ui/playback/nodeStatus.ts';
import { renderWith } from './playbackSupport.tsx';
import { fanout, setTopicLive } from './topicSupport.tsx';

const fillOf = (el: HTMLElement) => parseFloat(el.style.width) / 100;

describe("a topic's box at the playhead", () => {
  it('shows nothing before a run', () => {
    renderWith(<NodeLiveStatus nodeId="placed" />, fanout);
    expect(screen.getByTestId('node-live-placed')).not.toHaveTextContent(/./);
  });

  it('shows the publishes fanned out and the subscriptions of the run, and no refusals while there are none', () => {
    const stores = renderWith(<NodeLiveStatus nodeId="placed" />, fanout);
    act(() => setTopicLive(stores, 3000, { arrivals: 61, ok: 61 }));
    const box = screen.getByTestId('node-live-placed');
    expect(box).toHaveClass('node-live--topic');
    expect(within(box).getByTestId('fanned-out')).toHaveTextContent('61');
    expect(within(box).getByTestId('fanned-out').parentElement).toHaveTextContent('61 fanned out');
    // Two links from the topic to queues in the run's topology.
    expect(within(box).getByTestId('subscriptions').parentElement).toHaveTextContent('2 subscriptions');
    expect(within(box).queryByTestId('refused')).toBeNull();
    expect(box).toHaveAttribute('data-mode', String(MODE.healthy));
  });

  it('adds the publishes refused once there are any, and marks an outage as the topic being down', () => {
    const stores = renderWith(<NodeLiveStatus nodeId="placed" />, fanout);
    act(() => setTopicLive(stores, 4000, { arrivals: 1500, ok: 1488, rejected: 12, mode: MODE.crashed }));
    const box = screen.getByTestId('node-live-placed');
    expect(within(box).getByTestId('fanned-out')).toHaveTextContent('1,488');
    expect(within(box).getByTestId('refused')).toHaveTextContent('12');
    expect(within(box).getByTestId('refused').closest('[title]')).toHaveAttribute('title', 'Publishes refused while the topic is down');
    expect(box).toHaveAttribute('data-mode', String(MODE.crashed));
    act(() => setTopicLive(stores, 6000, { arrivals: 1600, ok: 1588, rejected: 12 }));
    expect(within(box).getByTestId('refused').closest('[title]')).toHaveAttribute('title', expect.stringContaining('the topic was down'));
  });

  it('shows a bar of publishes fanned out and refused, and the figures in words, when zoomed out', () => {
    const stores = renderWith(<NodeLiveStatus nodeId="placed" compact />, fanout);
    act(() => setTopicLive(stores, 2000, { arrivals: 40, ok: 40 }));
    const box = screen.getByTestId('node-live-placed');
    expect(within(box).queryByTestId('fanned-out')).toBeNull();
    expect(fillOf(within(box).getByTestId('gauge-fanned-out'))).toBe(1);
    expect(fillOf(within(box).getByTestId('gauge-refused'))).toBe(0);
    expect(within(box).getByRole('img')).toHaveAccessibleName('40 publishes: 40 fanned out to 2 queues');
    expect(box.querySelector('.node-gauge-mark.is-on')).toBeNull();
    act(() => setTopicLive(stores, 3000, { arrivals: 50, ok: 40, rejected: 10, mode: MODE.crashed }));
    expect(fillOf(within(box).getByTestId('gauge-refused'))).toBeCloseTo(0.2);
    expect(within(box).getByRole('img')).toHaveAccessibleName('50 publishes: 40 fanned out to 2 queues, 10 refused');
    expect(box.querySelector('.node-gauge-mark.is-on')).not.toBeNull();
  });
});

describe("a topic's news and words", () => {
  const topic = (patch: Partial<TopicStatus>): TopicStatus => ({
    kind: 'topic',
    published: 0,
    fannedOut: 0,
    refused: 0,
    subscriptions: 2,
    mode: MODE.healthy,
    ...patch,
  });

  it('animates its outage and its return, and nothing else (it holds nothing that could overflow)', () => {
    expect(statusChange(topic({}), topic({ mode: MODE.crashed }))).toBe('crash');
    expect(statusChange(topic({ mode: MODE.crashed }), topic({}))).toBe('recover');
    expect(statusChange(topic({ mode: MODE.crashed }), topic({ mode: MODE.crashed, refused: 5 }))).toBeUndefined();
    expect(statusChange(topic({ published: 1 }), topic({ published: 90, fannedOut: 90 }))).toBeUndefined();
  });

  it('says one subscription in the singular', () => {
    expect(topicSentence(topic({ published: 3, fannedOut: 3, subscriptions: 1 }))).toBe('3 publishes: 3 fanned out to 1 queue');
  });
});

describe("a topic's figures in the inspector", () => {
  it('lists its mode, the publishes it took, fanned out and refused', () => {
    const stores = renderWith(<Inspector />, fanout);
    act(() => stores.ui.getState().select({ nodeIds: ['placed'] }));
    act(() => setTopicLive(stores, 2500, { arrivals: 50, ok: 46, rejected: 4, mode: MODE.crashed }));
    const live = screen.getByRole('region', { name: 'At the playhead' });
    const figure = (name: string) => within(live).getByText(name).nextElementSibling;
    expect(figure('Mode')).toHaveTextContent('crashed');
    // 50 arrived, 4 refused: 46 confirmed.
    expect(figure('Published')).toHaveTextContent('46');
    expect(figure('Fanned out')).toHaveTextContent('46');
    expect(figure('Publishes refused')).toHaveTextContent('4');
    // A service's figures would be wrong here: a topic has no workers nor line.
    expect(within(live).queryByText('Busy workers')).toBeNull();
  });
});

describe('a topic in a real run', () => {
  it("shows the replay's figures at the playhead, and each subscription gets every publish", async () => {
    const stores = renderWith(<NodeLiveStatus nodeId="placed" />, fanout);
    await act(() => stores.run.start(fanout, 5000));
    act(() => {
      stores.playback.getState().seek(4000);
      refreshLive(stores.live, stores);
    });
    const nodes = stores.run.getState().replay!.stateAt(4000).nodes;
    const [topic, emailQ, statsQ] = [nodes[2], nodes[3], nodes[4]];
    expect(topic.ok).toBeGreaterThan(40); // ~20 publishes a second
    const box = screen.getByTestId('node-live-placed');
    expect(within(box).getByTestId('fanned-out')).toHaveTextContent(String(topic.ok));
    expect(within(box).getByTestId('subscriptions')).toHaveTextContent('2');
    expect(within(box).queryByTestId('refused')).toBeNull();
    // Every publish fanned out reached both queues (allowing for copies still on the 2 ms links).
    for (const q of [emailQ, statsQ]) {
      expect(q.arrivals).toBeLessThanOrEqual(topic.ok);
      expect(q.arrivals).toBeGreaterThanOrEqual(topic.ok - 3);
    }
  });
});

// @vitest-environment jsdom
/**
 * The inspector's charts over simulated time: a queue's depth rising while its consumer is down
 * and draining after, and a stream's lag per consumer group, sampled from the replay (and equal
 * to it at each sample), with the playhead marked.
 */
import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { historyOf } from '../../src/ui/charts/history.ts';
import { HistoryChart } from '../../src/ui/charts/HistoryChart.tsx';
import { refreshLive } from '../../src/ui/playback/liveState.ts';
import type { DocumentInput } from '../../src/store/document/commands.ts';
import { renderWith } from './playbackSupport.tsx';

const backlog: DocumentInput = {
  version: 1,
  name: 'Backlog',
  seed: 1,
  duration: '20s',
  nodes: [
    { id: 'web', kind: 'client', target: 'q', workload: { pattern: 'constant', rate: 20 } },
    { id: 'q', kind: 'queue' },
    { id: 'worker', kind: 'service', workers: 2, serviceTime: 20 },
  ],
  links: [
    { from: 'web', to: 'q', kind: 'async' },
    { from: 'q', to: 'worker', kind: 'async' },
  ],
  faults: [{ kind: 'crash', target: 'worker', at: '5s', duration: '5s' }],
};

describe('history charts', () => {
  it("sample a queue's depth from the replay: low, a backlog while the consumer is down, drained after", async () => {
    const stores = renderWith(<HistoryChart nodeId="q" metric="depth" />, backlog);
    await act(() => stores.run.start(backlog, 20_000));
    const replay = stores.run.getState().replay!;
    const history = historyOf(replay, 1, 'depth');
    history.times.forEach((t, i) => expect(history.series[0].values[i]).toBe(replay.stateAt(t).nodes[1].line));
    const at = (t: number) => history.series[0].values[history.times.findIndex((x) => x >= t)];
    expect(at(4000)).toBeLessThan(5);
    expect(at(9500)).toBeGreaterThan(80);
    expect(at(19_000)).toBeLessThan(5);
    expect(history.max).toBeGreaterThan(80);
    act(() => {
      stores.playback.getState().seek(10_000);
      refreshLive(stores.live, stores);
    });
    const chart = screen.getByTestId('history-depth');
    expect(chart.querySelector('polyline')?.getAttribute('points')?.split(' ')).toHaveLength(history.times.length);
    expect(Number(screen.getByTestId('history-playhead').getAttribute('x1'))).toBeCloseTo(120, 0);
    expect(screen.getByRole('img', { name: /Ready messages over time: ready: at most \d+, now \d+/ })).toBeInTheDocument();
  });

  it('give a stream one lag line per consumer group', async () => {
    const doc: DocumentInput = {
      version: 1,
      name: 'Stream',
      seed: 1,
      duration: '20s',
      nodes: [
        { id: 'web', kind: 'client', target: 's', workload: { pattern: 'constant', rate: 20 } },
        { id: 's', kind: 'stream', partitions: 2 },
        { id: 'fast', kind: 'service', workers: 2, serviceTime: 5 },
        { id: 'slow', kind: 'service', workers: 1, serviceTime: 5 },
      ],
      links: [
        { from: 'web', to: 's', kind: 'async' },
        { from: 's', to: 'fast', kind: 'async' },
        { from: 's', to: 'slow', kind: 'async' },
      ],
      faults: [{ kind: 'crash', target: 'slow', at: '5s', duration: '5s' }],
    };
    const stores = renderWith(<HistoryChart nodeId="s" metric="lag" />, doc);
    await act(() => stores.run.start(doc, 20_000));
    const replay = stores.run.getState().replay!;
    const history = historyOf(replay, 1, 'lag');
    expect(history.series.map((s) => s.name)).toEqual(['fast', 'slow']);
    const peak = (name: string) => Math.max(...history.series.find((s) => s.name === name)!.values);
    expect(peak('slow')).toBeGreaterThan(80);
    expect(peak('fast')).toBeLessThan(5);
    act(() => {
      stores.playback.getState().seek(10_000);
      refreshLive(stores.live, stores);
    });
    expect(screen.getByTestId('history-lag').querySelectorAll('polyline')).toHaveLength(2);
  });
});

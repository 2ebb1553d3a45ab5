// @vitest-environment jsdom
/**
 * What the run looks like at the playhead: the summary's figures and each node's status, from a
 * live store set by hand (what the playback engine computes each frame) and from a real run.
 */
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { refreshLive } from '../../src/ui/playback/liveState.ts';
import { NodeLiveStatus } from '../../src/ui/playback/NodeLiveStatus.tsx';
import { MODE, poolAt, poolSchedule, statusChange, type ServiceStatus } from '../../src/ui/playback/nodeStatus.ts';
import { formatLatency } from '../../src/ui/playback/format.ts';
import { Summary } from '../../src/ui/playback/Summary.tsx';
import { renderWith, setLive, webAndApi } from './playbackSupport.tsx';

describe('the run summary', () => {
  it('says how to start before there is a run', () => {
    renderWith(<Summary />, webAndApi);
    expect(screen.getByRole('region', { name: 'Run summary' })).toHaveTextContent('Press Play');
  });

  it('shows the live totals and latency percentiles, and rejected/dropped only when there are any', () => {
    const stores = renderWith(<Summary />, webAndApi);
    act(() => setLive(stores, 1000, { sent: 1234, completed: 1200, failed: 3, timedOut: 2 }, {}, { p50: 12.34, p99: 1520, count: 1200 }));
    expect(screen.getByTestId('summary-sent')).toHaveTextContent('1,234');
    expect(screen.getByTestId('summary-completed')).toHaveTextContent('1,200');
    expect(screen.getByTestId('summary-failed')).toHaveTextContent('3');
    expect(screen.getByTestId('summary-timed-out')).toHaveTextContent('2');
    expect(screen.getByTestId('summary-p50')).toHaveTextContent('12.3 ms');
    expect(screen.getByTestId('summary-p99')).toHaveTextContent('1.52 s');
    expect(screen.queryByTestId('summary-rejected')).toBeNull();
    expect(screen.queryByTestId('summary-dropped')).toBeNull();

    act(() => setLive(stores, 2000, { sent: 1300, completed: 1210, rejected: 7, dropped: 1 }, {}, { p50: 0.5, p99: 9, count: 1210 }));
    expect(screen.getByTestId('summary-completed')).toHaveTextContent('1,210');
    expect(screen.getByTestId('summary-rejected')).toHaveTextContent('7');
    expect(screen.getByTestId('summary-dropped')).toHaveTextContent('1');
    expect(screen.getByTestId('summary-p50')).toHaveTextContent('0.50 ms');
  });

  it('shows no latency before anything completed', () => {
    const stores = renderWith(<Summary />, webAndApi);
    act(() => setLive(stores, 10, { sent: 1 }, {}));
    expect(screen.getByTestId('summary-p50')).toHaveTextContent('–');
  });

  it('follows a real run at the playhead', async () => {
    const stores = renderWith(<Summary />, webAndApi);
    await act(() => stores.run.start(webAndApi, 5000));
    act(() => {
      stores.playback.getState().seek(4000);
      refreshLive(stores.live, stores);
    });
    const completed = Number(screen.getByTestId('summary-completed').textContent?.replace(/,/g, ''));
    expect(completed).toBeGreaterThan(40); // ~20 requests/s for 4 s
    expect(completed).toBe(stores.run.getState().replay!.stateAt(4000).totals.completed);
  });

  it('formats latency for people', () => {
    expect(formatLatency(0.421)).toBe('0.42 ms');
    expect(formatLatency(12.34)).toBe('12.3 ms');
    expect(formatLatency(2500)).toBe('2.50 s');
  });
});

describe("a node's live status", () => {
  it('shows nothing before a run', () => {
    renderWith(<NodeLiveStatus nodeId="api" />, webAndApi);
    expect(screen.getByTestId('node-live-api')).not.toHaveTextContent(/./);
  });

  it("shows a service's busy workers of its pool as slots, its line, errors and refusals", () => {
    const stores = renderWith(<NodeLiveStatus nodeId="api" />, webAndApi);
    act(() => setLive(stores, 500, {}, { busy: 3, line: 12, errors: 5 }));
    const box = screen.getByTestId('node-live-api');
    expect(within(box).getByTestId('busy')).toHaveTextContent('3/4 busy');
    expect(box.querySelectorAll('.slot')).toHaveLength(4);
    expect(box.querySelectorAll('.slot.is-busy')).toHaveLength(3);
    expect(within(box).getByTestId('line')).toHaveTextContent('12');
    expect(within(box).getByTestId('errors')).toHaveTextContent('5');
    expect(within(box).queryByTestId('rejected')).toBeNull();

    act(() => setLive(stores, 600, {}, { busy: 0, line: 0, errors: 5, rejected: 9, mode: MODE.crashed }));
    expect(within(box).getByTestId('rejected')).toHaveTextContent('9');
    expect(box).toHaveAttribute('data-mode', String(MODE.crashed));
  });

  it("shows a client's requests and how they ended", () => {
    const stores = renderWith(<NodeLiveStatus nodeId="web" />, webAndApi);
    act(() => setLive(stores, 500, { sent: 40, completed: 35, failed: 2, timedOut: 1 }, {}));
    const box = screen.getByTestId('node-live-web');
    expect(within(box).getByTestId('sent')).toHaveTextContent('40');
    expect(within(box).getByTestId('completed')).toHaveTextContent('35');
    expect(within(box).getByTestId('failed')).toHaveTextContent('2');
    expect(within(box).getByTestId('timed-out')).toHaveTextContent('1');
  });

  it('uses the pool size a change set at the playhead', () => {
    const doc = { ...webAndApi, changes: [{ kind: 'service' as const, target: 'api', at: '1s', set: { workers: 8 } }] };
    const stores = renderWith(<NodeLiveStatus nodeId="api" />, doc);
    act(() => setLive(stores, 500, {}, { busy: 2 }));
    expect(screen.getByTestId('busy')).toHaveTextContent('2/4 busy');
    act(() => setLive(stores, 1500, {}, { busy: 6 }));
    expect(screen.getByTestId('busy')).toHaveTextContent('6/8 busy');
  });
});

describe('node status changes worth animating', () => {
  const service = (patch: Partial<ServiceStatus>): ServiceStatus => ({
    kind: 'service',
    busy: 0,
    pool: 4,
    line: 0,
    mode: MODE.healthy,
    errors: 0,
    rejected: 0,
    dropped: 0,
    ...patch,
  });

  it('tells a crash, a recovery and an overflowing line apart', () => {
    expect(statusChange(service({}), service({ mode: MODE.crashed }))).toBe('crash');
    expect(statusChange(service({ mode: MODE.restarting }), service({ mode: MODE.healthy }))).toBe('recover');
    expect(statusChange(service({ mode: MODE.degraded }), service({ mode: MODE.healthy }))).toBe('recover');
    expect(statusChange(service({ rejected: 3 }), service({ rejected: 4 }))).toBe('overflow');
  });

  it('ignores what is not news: start-up, refusals while down, nothing changing, clients', () => {
    expect(statusChange(service({ mode: MODE.starting }), service({ mode: MODE.healthy }))).toBeUndefined();
    expect(statusChange(service({ mode: MODE.crashed }), service({ mode: MODE.crashed, rejected: 5 }))).toBeUndefined();
    expect(statusChange(service({ busy: 1 }), service({ busy: 2 }))).toBeUndefined();
    expect(statusChange(undefined, service({ mode: MODE.crashed }))).toBeUndefined();
    const client = { kind: 'client' as const, sent: 1, completed: 0, failed: 0, timedOut: 0, rejected: 0, dropped: 0 };
    expect(statusChange(client, { ...client, failed: 1 })).toBeUndefined();
  });

  it('reads the pool size from the changes that resize it, in time order', () => {
    const schedule = poolSchedule(
      {
        changes: [
          { kind: 'service', target: 'api', at: '5s', set: { workers: 2 } },
          { kind: 'service', target: 'api', at: 1000, set: { workers: 8 } },
          { kind: 'service', target: 'other', at: 0, set: { workers: 99 } },
          { kind: 'service', target: 'api', at: 0, set: { errorRate: 0.5 } },
        ],
      },
      'api',
    );
    expect(schedule).toEqual([
      { at: 1000, workers: 8 },
      { at: 5000, workers: 2 },
    ]);
    expect(poolAt(schedule, 4, 999)).toBe(4);
    expect(poolAt(schedule, 4, 1000)).toBe(8);
    expect(poolAt(schedule, 4, 7000)).toBe(2);
  });
});

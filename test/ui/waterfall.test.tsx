// @vitest-environment jsdom
/**
 * The trace waterfall (src/ui/waterfall) over a hand-built request: a client calls a gateway, which
 * calls orders and payments at once; payments times out, is retried after a backoff, and its
 * retry calls a database. The view must nest the spans by parent, draw each segment with a width
 * proportional to its duration on the shared axis, mark the critical path (the engine's, computed
 * here, not written down) and list the time per service on it; hovering a span tells whose node
 * and link to light up and shows its attributes; "Jump" gives the span's start.
 */
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { criticalPath } from '../../src/engine/replay/criticalPath.ts';
import type { Mark, RequestSpans, Segment, Span } from '../../src/engine/replay/spans.ts';
import { CallStatus } from '../../src/engine/trace/eventTypes.ts';
import { Waterfall } from '../../src/ui/waterfall/Waterfall.tsx';
import { buildWaterfall, type WaterfallRow } from '../../src/ui/waterfall/waterfallModel.ts';

const topology = { nodeIds: ['web', 'gw', 'orders', 'pay', 'db'], linkIds: ['web-gw', 'gw-orders', 'gw-pay', 'pay-db'] };

const seg = (kind: Segment['kind'], start: number, end: number): Segment => ({ kind, start, end });
function span(
  call: number,
  parent: number,
  caller: number,
  callee: number,
  link: number,
  segments: Segment[],
  more: Partial<Span> = {},
): Span {
  return {
    call,
    parent,
    caller,
    callee,
    link,
    attempt: 1,
    start: segments[0].start,
    end: segments[segments.length - 1].end,
    status: CallStatus.OK,
    async: false,
    orphaned: false,
    segments,
    marks: [] as Mark[],
    children: [],
    ...more,
  };
}

const request: RequestSpans = {
  request: 0,
  roots: [0],
  start: 0,
  end: 100,
  status: CallStatus.OK,
  spans: [
    span(
      0,
      -1,
      0,
      1,
      0,
      [
        seg('request', 0, 5),
        seg('queue', 5, 10),
        seg('work', 10, 12),
        seg('downstream', 12, 90),
        seg('work', 90, 95),
        seg('reply', 95, 100),
      ],
      { children: [1, 2, 3] },
    ),
    span(1, 0, 1, 2, 1, [seg('request', 12, 14), seg('work', 14, 38), seg('reply', 38, 40)]),
    span(2, 0, 1, 3, 2, [seg('request', 12, 15), seg('queue', 15, 50)], {
      status: CallStatus.TIMEOUT,
      marks: [{ kind: 'timeout', time: 50 }],
    }),
    span(
      3,
      0,
      1,
      3,
      2,
      [
        seg('backoff', 50, 55),
        seg('request', 55, 58),
        seg('work', 58, 60),
        seg('downstream', 60, 80),
        seg('work', 80, 85),
        seg('reply', 85, 90),
      ],
      { attempt: 2, marks: [{ kind: 'retry', time: 50, value: 5 }], children: [4] },
    ),
    span(4, 3, 3, 4, 3, [seg('request', 60, 62), seg('work', 62, 78), seg('reply', 78, 80)]),
  ],
};

const path = criticalPath(request, topology);
const trace = buildWaterfall(request, path, { topology, breakerStateAt: (link) => (link === 2 ? 1 : -1) });
const rows = () => screen.getAllByTestId('waterfall-row');

afterEach(cleanup);

describe('the trace waterfall', () => {
  it('nests the spans by parent, in tree order', () => {
    render(<Waterfall trace={trace} />);
    expect(rows().map((r) => [Number(r.dataset.call), Number(r.dataset.depth)])).toEqual([
      [0, 0],
      [1, 1],
      [2, 1],
      [3, 1],
      [4, 2],
    ]);
    expect(rows()[4].textContent).toContain('pay → db');
    // The retry carries its attempt number.
    expect(rows()[3].textContent).toContain('#2');
    expect(screen.getByTestId('waterfall').dataset.spans).toBe('5');
  });

  it('draws each segment with a width proportional to its duration, at its place on the axis', () => {
    render(<Waterfall trace={trace} />);
    const spans = request.spans;
    for (const row of rows()) {
      const segments = spans[Number(row.dataset.call)].segments;
      const drawn = [...row.querySelectorAll<HTMLElement>('.waterfall-seg')];
      expect(drawn.map((d) => d.dataset.kind)).toEqual(segments.map((s) => s.kind));
      // The axis runs from 0 to 100 ms: % of the width = ms.
      drawn.forEach((d, i) => {
        expect(parseFloat(d.style.width)).toBeCloseTo(segments[i].end - segments[i].start, 6);
        expect(parseFloat(d.style.left)).toBeCloseTo(segments[i].start, 6);
      });
    }
  });

  it('marks the critical path: the timed-out attempt, the retry and its database call, not the faster parallel call', () => {
    render(<Waterfall trace={trace} />);
    const critical = rows()
      .filter((r) => r.dataset.critical === 'true')
      .map((r) => Number(r.dataset.call));
    expect(critical).toEqual([0, 2, 3, 4]);
    expect(rows()[1].querySelector('.waterfall-critical-line')).toBeNull();
    expect(rows()[2].querySelectorAll('.waterfall-critical-line').length).toBeGreaterThan(0);
    // The time per service on it, largest first, adding up to the request's 100 ms.
    const shares = within(screen.getByTestId('waterfall-shares')).getAllByRole('listitem');
    expect(shares.map((li) => li.dataset.service)).toEqual(
      Object.entries(path.byService)
        .sort((a, b) => b[1] - a[1])
        .map(([s]) => s),
    );
    expect(shares[0].dataset.service).toBe('pay');
    expect(Object.values(path.byService).reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
  });

  it('shows the marks and a legend of every segment kind', () => {
    render(<Waterfall trace={trace} />);
    expect(rows()[2].querySelector('[data-mark="timeout"]')).not.toBeNull();
    expect(rows()[3].querySelector('[data-mark="retry"]')).not.toBeNull();
    const legend = screen.getByRole('list', { name: 'Legend' }).textContent ?? '';
    for (const words of [
      'network',
      'waiting in line',
      'working',
      'waiting for downstream',
      'backoff before a retry',
      'critical path',
      'timeout',
      'retry',
    ])
      expect(legend).toContain(words);
  });

  it('tells which node and link a hovered span is, shows its attributes, and jumps to its start', () => {
    const onHover = vi.fn<(row: WaterfallRow | undefined) => void>();
    const onJump = vi.fn<(t: number) => void>();
    render(<Waterfall trace={trace} onHover={onHover} onJump={onJump} />);
    fireEvent.pointerEnter(rows()[2]);
    expect(onHover).toHaveBeenLastCalledWith(expect.objectContaining({ service: 'pay', link: 'gw-pay', breaker: 'open' }));
    const attributes = screen.getByTestId('waterfall-attributes').textContent ?? '';
    expect(attributes).toContain('timeout');
    expect(attributes).toContain('open');
    fireEvent.click(within(rows()[3]).getByRole('button', { name: /Jump/ }));
    expect(onJump).toHaveBeenCalledWith(50);
  });
});

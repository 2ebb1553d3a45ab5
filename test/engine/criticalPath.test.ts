/**
 * The critical path (src/engine/replay/criticalPath.ts) on hand-built requests whose answer is
 * known: parallel calls (only the slowest branch is critical), a retry (the failed attempt, the
 * backoff and the retry), a timeout (the call counts until its caller gave up, not the callee's
 * later work), and an async hop (a delivery never determines its publisher's end).
 */
import { describe, expect, it } from 'vitest';
import { CallStatus } from '../../src/engine/trace/eventTypes.ts';
import { criticalPath } from '../../src/engine/replay/criticalPath.ts';
import type { RequestSpans, Segment, Span } from '../../src/engine/replay/spans.ts';

// Nodes: 0 the client, 1 api, 2 a, 3 b, 4 queue, 5 worker.
const topology = { nodeIds: ['client', 'api', 'a', 'b', 'queue', 'worker'] };

interface Hand {
  call: number;
  parent?: number;
  caller?: number;
  callee: number;
  start: number;
  end: number;
  status?: number;
  async?: boolean;
  orphaned?: boolean;
  segments?: Segment[];
  attempt?: number;
}

/** A request from hand-made spans (positions = order given); children from the parents named. */
function request(hands: Hand[], end?: number): RequestSpans {
  const spans: Span[] = hands.map((h) => ({
    call: h.call,
    parent: h.parent ?? -1,
    caller: h.caller ?? 0,
    callee: h.callee,
    link: 0,
    attempt: h.attempt ?? 1,
    start: h.start,
    end: h.end,
    status: h.status ?? CallStatus.OK,
    async: h.async ?? false,
    orphaned: h.orphaned ?? false,
    segments: h.segments ?? [{ kind: 'work', start: h.start, end: h.end }],
    marks: [],
    children: hands.flatMap((c, k) => (c.parent === h.call ? [k] : [])),
  }));
  const roots = spans.flatMap((s, k) => (s.parent < 0 ? [k] : []));
  return {
    request: hands[0].call,
    spans,
    roots,
    start: Math.min(...roots.map((k) => spans[k].start)),
    end: end ?? spans[roots.at(-1) as number].end,
    status: CallStatus.OK,
  };
}

describe('critical path', () => {
  it('of parallel calls follows only the slowest branch', () => {
    const r = request([
      { call: 0, callee: 1, start: 0, end: 100 },
      { call: 1, parent: 0, caller: 1, callee: 2, start: 10, end: 50 },
      { call: 2, parent: 0, caller: 1, callee: 3, start: 10, end: 90 },
    ]);
    const path = criticalPath(r, topology);
    expect(path.steps).toEqual([
      { span: 0, start: 0, end: 10 },
      { span: 2, start: 10, end: 90 },
      { span: 0, start: 90, end: 100 },
    ]);
    expect(path.spans).toEqual([0, 2]);
    expect(path.byService).toEqual({ api: 20, b: 80 });
  });

  it('of calls one after the other takes each in turn', () => {
    const r = request([
      { call: 0, callee: 1, start: 0, end: 100 },
      { call: 1, parent: 0, caller: 1, callee: 2, start: 10, end: 40 },
      { call: 2, parent: 0, caller: 1, callee: 3, start: 40, end: 90 },
    ]);
    expect(criticalPath(r, topology).byService).toEqual({ api: 20, a: 30, b: 50 });
  });

  it('of a retried request is the failed attempt, the backoff and the retry', () => {
    const r = request([
      {
        call: 0,
        callee: 1,
        start: 0,
        end: 30,
        status: CallStatus.TIMEOUT,
        segments: [
          { kind: 'request', start: 0, end: 5 },
          { kind: 'queue', start: 5, end: 30 },
        ],
      },
      {
        call: 7,
        callee: 1,
        start: 30,
        end: 80,
        attempt: 2,
        segments: [
          { kind: 'backoff', start: 30, end: 40 },
          { kind: 'request', start: 40, end: 45 },
          { kind: 'work', start: 45, end: 75 },
          { kind: 'reply', start: 75, end: 80 },
        ],
      },
    ]);
    const path = criticalPath(r, topology);
    expect(path.spans).toEqual([0, 1]);
    expect(path.steps).toEqual([
      { span: 0, start: 0, end: 30 },
      { span: 1, start: 30, end: 80 },
    ]);
    expect(path.byKind).toEqual({ request: 10, queue: 25, backoff: 10, work: 30, reply: 5 });
  });

  it("of a call that timed out counts it until its caller gave up, not the callee's later work", () => {
    // api calls a with a 40 ms timeout (10 → 50); a's own call to b goes on until 150; api then answers from a fallback at 60.
    const r = request([
      { call: 0, callee: 1, start: 0, end: 70 },
      { call: 1, parent: 0, caller: 1, callee: 2, start: 10, end: 50, status: CallStatus.TIMEOUT },
      { call: 2, parent: 1, caller: 2, callee: 3, start: 20, end: 150, orphaned: true },
    ]);
    const path = criticalPath(r, topology);
    expect(path.steps).toEqual([
      { span: 0, start: 0, end: 10 },
      { span: 1, start: 10, end: 20 },
      { span: 2, start: 20, end: 50 },
      { span: 0, start: 50, end: 70 },
    ]);
    expect(path.byService).toEqual({ api: 30, a: 10, b: 30 });
  });

  it('of a request that published a message leaves out the delivery (an async hop)', () => {
    const r = request([
      { call: 0, callee: 1, start: 0, end: 50 },
      { call: 1, parent: 0, caller: 1, callee: 4, start: 10, end: 20 },
      { call: 2, parent: 1, caller: 4, callee: 5, start: 15, end: 400, async: true },
    ]);
    const path = criticalPath(r, topology);
    expect(path.spans).toEqual([0, 1]);
    expect(path.byService).toEqual({ api: 40, queue: 10 });
  });

  it("of a request with a client fallback after its last attempt counts the client's own time", () => {
    const r = request([{ call: 0, callee: 1, start: 0, end: 30, status: CallStatus.ERROR }], 35);
    const path = criticalPath(r, topology);
    expect(path.steps.at(-1)).toEqual({ span: -1, start: 30, end: 35 });
    expect(path.byService).toEqual({ api: 30, client: 5 });
    expect(path.byKind.client).toBe(5);
  });
});

/**
 * The critical path of a request (issue 23): the chain of spans that determined when its client
 * saw it end, and how its time splits between services and between kinds of segment.
 *
 * Walked backwards from the end, the usual way (Jaeger, Tempo): within a span, the child whose
 * end came last before the point reached is what the span was waiting for; its own critical path
 * comes next, then the span's time before that child began, and so on. Of parallel calls only
 * the slowest is critical; a failed attempt, the backoff and its retry follow one another; a call
 * that timed out counts until its caller gave up; a broker's hand-off (async, follows-from)
 * never determines its publisher's end. Every instant from the request's start to its end is on
 * exactly one step, so the shares add up to the request's duration.
 */
import type { RunTopology } from './topology.ts';
import type { RequestSpans, SegmentKind, Span } from './spans.ts';

/** One stretch of the critical path, ms: time spent in span `span` (its position; −1: the client itself, e.g. a fallback's decision). */
export interface CriticalStep {
  readonly span: number;
  readonly start: number;
  readonly end: number;
}

export interface CriticalPath {
  /** In time order, consecutive, covering [request.start, request.end] exactly. */
  readonly steps: readonly CriticalStep[];
  /** The spans on the path (positions in `request.spans`), in the order they are first met in time. */
  readonly spans: readonly number[];
  /** ms on the path per service (the called instance's scenario node; the client's own time under its id). */
  readonly byService: Readonly<Record<string, number>>;
  /** ms on the path per kind of segment ('client' for the client's own time). */
  readonly byKind: Readonly<Partial<Record<SegmentKind | 'client', number>>>;
}

/** The request's critical path; `topology` names the services. */
export function criticalPath(request: RequestSpans, topology: Pick<RunTopology, 'nodeIds' | 'instanceOf'>): CriticalPath {
  const { spans } = request;
  const reversed: CriticalStep[] = [];
  walk(spans, request.roots, -1, request.start, request.end, reversed);
  const steps = reversed.reverse();
  const onPath: number[] = [];
  const seen = new Set<number>();
  const byService: Record<string, number> = {};
  const byKind: Partial<Record<SegmentKind | 'client', number>> = {};
  const client = request.roots.length > 0 ? spans[request.roots[0]].caller : -1;
  for (const step of steps) {
    if (step.span >= 0 && !seen.has(step.span)) {
      seen.add(step.span);
      onPath.push(step.span);
    }
    const node = step.span >= 0 ? spans[step.span].callee : client;
    const service = node >= 0 ? topology.nodeIds[topology.instanceOf?.[node] ?? node] : 'client';
    byService[service] = (byService[service] ?? 0) + (step.end - step.start);
    if (step.span < 0) {
      byKind.client = (byKind.client ?? 0) + (step.end - step.start);
      continue;
    }
    for (const seg of spans[step.span].segments) {
      const overlap = Math.min(seg.end, step.end) - Math.max(seg.start, step.start);
      if (overlap > 0) byKind[seg.kind] = (byKind[seg.kind] ?? 0) + overlap;
    }
  }
  return { steps, spans: onPath, byService, byKind };
}

/**
 * Appends, latest first, the steps covering [from, to] of `owner` (−1: the client), whose children
 * (positions) are `children`.
 */
function walk(spans: readonly Span[], children: readonly number[], owner: number, from: number, to: number, out: CriticalStep[]): void {
  const push = (start: number, end: number) => {
    if (end > start) out.push({ span: owner, start, end });
  };
  let cursor = to;
  for (;;) {
    // The child that ended last before the cursor (one still out at the cursor counts until it).
    let best = -1,
      bestEnd = -Infinity;
    for (const k of children) {
      const child = spans[k];
      if (child.async) continue;
      const start = Math.max(child.start, from),
        end = Math.min(child.end, cursor);
      if (end > start && end > bestEnd) {
        best = k;
        bestEnd = end;
      }
    }
    if (best < 0) {
      push(from, cursor);
      return;
    }
    push(bestEnd, cursor);
    const child = spans[best];
    const start = Math.max(child.start, from);
    walk(spans, child.children, best, start, bestEnd, out);
    cursor = start;
    if (cursor <= from) return;
  }
}

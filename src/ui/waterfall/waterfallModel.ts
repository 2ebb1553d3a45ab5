/**
 * What the trace waterfall shows of one request (issue 23), computed once when it opens, outside
 * React: its spans (engine/replay/spans.ts) as rows in tree order (a parent, then its children,
 * indented by depth, Jaeger's way), each with names for people, whether it is on the critical path
 * (engine/replay/criticalPath.ts), and the time per service on that path, largest first. Pure: the
 * component test builds one from a hand-made span tree.
 */
import type { CriticalPath } from '../../engine/replay/criticalPath.ts';
import type { MarkKind, RequestSpans, SegmentKind, Span } from '../../engine/replay/spans.ts';
import type { RunTopology } from '../../engine/replay/topology.ts';
import { BREAKER_STATE_NAMES, CALL_STATUS_NAMES } from '../../engine/trace/eventTypes.ts';

/** One row of the waterfall: a span, where it sits in the tree, and its names. */
export interface WaterfallRow {
  readonly span: Span;
  /** Its position in the request's spans (what the critical path's steps name). */
  readonly position: number;
  /** 0 for a root (a client's attempt), 1 for its calls… */
  readonly depth: number;
  /** "caller → callee service" */
  readonly label: string;
  /** The called service's scenario node id (an instance's service), and the instance's own id ("api#2"). */
  readonly service: string;
  readonly instance: string;
  /** The link's id (its edge on the canvas). */
  readonly link: string;
  readonly status: string;
  /** Whether some of its time is on the critical path. */
  readonly critical: boolean;
  /** The caller's breaker on this link when the span began ('closed', 'open'…), if it has one. */
  readonly breaker?: string;
}

export interface WaterfallTrace {
  readonly request: number;
  readonly client: string;
  readonly start: number;
  readonly end: number;
  /** The time axis: from the request's start to the last span's end (a late delivery may outlive the request). */
  readonly axisEnd: number;
  readonly status: string;
  readonly rows: readonly WaterfallRow[];
  /** ms on the critical path per service, largest first. */
  readonly shares: readonly { readonly service: string; readonly ms: number }[];
  /** The critical path's steps (span positions, −1: the client's own time), for drawing it over the bars. */
  readonly path: CriticalPath['steps'];
}

/** Names from the run's topology, and (optionally) the breaker state of a link at a time. */
export interface WaterfallNames {
  readonly topology: Pick<RunTopology, 'nodeIds' | 'linkIds' | 'instanceOf'>;
  breakerStateAt?(link: number, t: number): number;
}

/** The waterfall of `request` with its critical path `path`. */
export function buildWaterfall(request: RequestSpans, path: CriticalPath, names: WaterfallNames): WaterfallTrace {
  const { topology } = names;
  const { spans } = request;
  const serviceOf = (node: number) => topology.nodeIds[topology.instanceOf?.[node] ?? node] ?? `node ${node}`;
  const onPath = new Set(path.spans);
  const rows: WaterfallRow[] = [];
  const visit = (k: number, depth: number) => {
    const span = spans[k];
    const state = names.breakerStateAt?.(span.link, span.start) ?? -1;
    rows.push({
      span,
      position: k,
      depth,
      label: `${serviceOf(span.caller)} → ${serviceOf(span.callee)}`,
      service: serviceOf(span.callee),
      instance: topology.nodeIds[span.callee] ?? '',
      link: topology.linkIds[span.link] ?? '',
      status: CALL_STATUS_NAMES[span.status] ?? 'unknown',
      critical: onPath.has(k),
      ...(state >= 0 ? { breaker: BREAKER_STATE_NAMES[state] } : {}),
    });
    for (const child of span.children) visit(child, depth + 1);
  };
  for (const root of request.roots) visit(root, 0);
  const axisEnd = Math.max(request.end, ...spans.map((s) => s.end));
  const shares = Object.entries(path.byService)
    .map(([service, ms]) => ({ service, ms }))
    .sort((a, b) => b.ms - a.ms);
  const client = request.roots.length > 0 ? serviceOf(spans[request.roots[0]].caller) : '';
  return {
    request: request.request,
    client,
    start: request.start,
    end: request.end,
    axisEnd,
    status: CALL_STATUS_NAMES[request.status] ?? 'unknown',
    rows,
    shares,
    path: path.steps,
  };
}

/** Segment kinds as the legend and the tooltips name them, in the legend's order. */
export const SEGMENT_LABELS: Readonly<Record<SegmentKind, string>> = {
  request: 'network',
  queue: 'waiting in line',
  work: 'working',
  downstream: 'waiting for downstream',
  reply: 'network (reply)',
  backoff: 'backoff before a retry',
  pool: 'waiting for a connection or bulkhead place',
};

/** A mark's glyph on its bar (the legend explains them). */
export const MARK_GLYPHS: Readonly<Record<MarkKind, string>> = {
  retry: '↻',
  timeout: '⊗',
  'breaker refused': '⊘',
  'bulkhead refused': '⊘',
  fallback: '↪',
  'bulkhead wait': '…',
  'pool wait': '…',
  rejected: '✕',
  dropped: '✕',
  'late reply': '↩',
  published: '✉',
  delivered: '➜',
  acked: '✓',
  requeued: '↺',
  'dead letter': '☠',
  deduplicated: '=',
  accepted: '✓',
  'no instance': '∅',
};

/** Where time t falls on the axis of `trace`, in % of its width. */
export function axisPercent(trace: Pick<WaterfallTrace, 'start' | 'axisEnd'>, t: number): number {
  const span = trace.axisEnd - trace.start;
  return span > 0 ? ((t - trace.start) / span) * 100 : 0;
}

/** About five round tick times across [start, end] (1, 2 or 5 × 10^k ms apart). */
export function axisTicks(start: number, end: number): number[] {
  const range = end - start;
  if (!(range > 0)) return [start];
  const rough = range / 5,
    power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? rough;
  const ticks: number[] = [];
  for (let t = 0; t <= range + 1e-9; t += step) ticks.push(start + t);
  return ticks;
}

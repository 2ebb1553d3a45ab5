/**
 * A run's spans as OTLP/JSON (OpenTelemetry's trace export, the body of `POST /v1/traces`), which
 * Jaeger (Search → Upload) and Grafana Tempo import. One resource per service (service.name = the
 * scenario's node id), one span per call: trace id = the client request, parent = the call during
 * whose handling it was made, a broker's delivery linked to its publish as follows-from. Times
 * are simulated time from a fixed epoch, in nanoseconds (as strings, as OTLP/JSON writes int64).
 */
import { CALL_STATUS_NAMES, CallStatus } from '../trace/eventTypes.ts';
import type { Span } from '../replay/spans.ts';
import { SEGMENT_KINDS } from '../replay/spans.ts';
import type { ExportRun } from './exportRun.ts';

/** An attribute as OTLP/JSON writes it. */
export interface OtlpAttribute {
  readonly key: string;
  readonly value:
    { readonly stringValue: string } | { readonly intValue: string } | { readonly doubleValue: number } | { readonly boolValue: boolean };
}

export interface OtlpSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  /** 2 server, 4 producer (a publish), 5 consumer (a broker's delivery). */
  readonly kind: number;
  readonly startTimeUnixNano: string;
  readonly endTimeUnixNano: string;
  readonly attributes: readonly OtlpAttribute[];
  readonly events: readonly { readonly timeUnixNano: string; readonly name: string; readonly attributes: readonly OtlpAttribute[] }[];
  readonly links: readonly { readonly traceId: string; readonly spanId: string; readonly attributes: readonly OtlpAttribute[] }[];
  /** 0 unset (still under way), 1 ok, 2 error. */
  readonly status: { readonly code: number; readonly message?: string };
}

export interface OtlpDocument {
  readonly resourceSpans: readonly {
    readonly resource: { readonly attributes: readonly OtlpAttribute[] };
    readonly scopeSpans: readonly {
      readonly scope: { readonly name: string; readonly version: string };
      readonly spans: readonly OtlpSpan[];
    }[];
  }[];
}

/** Simulated time 0 as a wall-clock instant (ms since 1970): 2025-01-01T00:00:00Z, so tools show a plausible date. */
export const DEFAULT_EPOCH_MS = 1_735_689_600_000;

const hex = (n: number, digits: number): string => n.toString(16).padStart(digits, '0');

/** A request's trace id: 32 hex digits from the seed and the request (never all zeros). */
export function traceIdOf(seed: number, request: number): string {
  return `${hex(seed >>> 0, 8)}63726f73${hex(request + 1, 16)}`;
}

/** A call's span id: 16 hex digits (never all zeros). */
export function spanIdOf(call: number): string {
  return hex(call + 1, 16);
}

/** Simulated ms as Unix nanoseconds, exactly (to the nanosecond), as a decimal string. */
export function unixNano(ms: number, epochMs: number): string {
  const ns = Math.round(ms * 1e6);
  return (BigInt(epochMs) * 1_000_000n + BigInt(ns)).toString();
}

const str = (key: string, value: string): OtlpAttribute => ({ key, value: { stringValue: value } });
const int = (key: string, value: number): OtlpAttribute => ({ key, value: { intValue: String(value) } });
const dbl = (key: string, value: number): OtlpAttribute => ({ key, value: { doubleValue: value } });

/** The run's requests as one OTLP/JSON payload (what Jaeger and Tempo import). */
export function toOtlp(run: ExportRun): OtlpDocument {
  const { topology } = run;
  const epoch = run.epochMs ?? DEFAULT_EPOCH_MS;
  const byService = new Map<string, OtlpSpan[]>();
  const serviceOf = (node: number) => topology.nodeIds[topology.instanceOf?.[node] ?? node];
  for (const request of run.requests) {
    const traceId = traceIdOf(run.seed, request.request);
    const calls = new Set(request.spans.map((s) => s.call));
    for (const span of request.spans) {
      const service = serviceOf(span.callee);
      let list = byService.get(service);
      if (!list) byService.set(service, (list = []));
      list.push(otlpSpan(run, calls, span, traceId, epoch));
    }
  }
  return {
    resourceSpans: [...byService].map(([service, spans]) => ({
      resource: { attributes: [str('service.name', service), str('telemetry.sdk.name', 'crosstalk')] },
      scopeSpans: [{ scope: { name: 'crosstalk', version: '1' }, spans }],
    })),
  };
}

/** Span `span` of a request whose calls are `calls`. */
function otlpSpan(run: ExportRun, calls: ReadonlySet<number>, span: Span, traceId: string, epoch: number): OtlpSpan {
  const { topology } = run;
  const parentSpanId = calls.has(span.parent) ? spanIdOf(span.parent) : undefined;
  const caller = topology.nodeIds[span.caller],
    instance = topology.nodeIds[span.callee];
  const service = topology.nodeIds[topology.instanceOf?.[span.callee] ?? span.callee];
  const broker = run.brokers.has(span.callee);
  const segmentTotals = new Map<string, number>();
  for (const seg of span.segments) segmentTotals.set(seg.kind, (segmentTotals.get(seg.kind) ?? 0) + (seg.end - seg.start));
  const attributes: OtlpAttribute[] = [
    str('instance', instance),
    str('caller', caller),
    int('attempt', span.attempt),
    str('status', CALL_STATUS_NAMES[span.status] ?? String(span.status)),
    str('link', topology.linkIds[span.link] ?? String(span.link)),
    str('protocol', run.protocols[span.link] ?? 'unknown'),
    int('call', span.call),
  ];
  for (const kind of SEGMENT_KINDS) {
    const ms = segmentTotals.get(kind);
    if (ms !== undefined) attributes.push(dbl(`segment.${kind}_ms`, ms));
  }
  if (span.orphaned) attributes.push({ key: 'orphaned', value: { boolValue: true } });
  return {
    traceId,
    spanId: spanIdOf(span.call),
    ...(parentSpanId ? { parentSpanId } : {}),
    name: `${caller} → ${service}`,
    kind: span.async ? 5 : broker ? 4 : 2,
    startTimeUnixNano: unixNano(span.start, epoch),
    endTimeUnixNano: unixNano(span.end, epoch),
    attributes,
    events: span.marks.map((m) => ({
      timeUnixNano: unixNano(m.time, epoch),
      name: m.kind,
      attributes: m.value === undefined ? [] : [dbl('value', m.value)],
    })),
    links: span.async && parentSpanId ? [{ traceId, spanId: parentSpanId, attributes: [str('link', 'follows_from')] }] : [],
    status:
      span.status === CallStatus.PENDING
        ? { code: 0 }
        : span.status === CallStatus.OK
          ? { code: 1 }
          : { code: 2, message: CALL_STATUS_NAMES[span.status] },
  };
}

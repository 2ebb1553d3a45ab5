/**
 * A run's spans as Chrome trace-event JSON (the format of chrome://tracing), which Perfetto
 * (ui.perfetto.dev → Open trace file) opens. One process per service, one thread per request
 * within it: each span is a complete event ("X") with its segments nested inside it as complete
 * events of their own, and its marks as instant events; a broker's hand-off is a flow arrow from
 * the publish to the delivery (follows-from). Times in µs of simulated time.
 */
import { CALL_STATUS_NAMES } from '../trace/eventTypes.ts';
import type { ExportRun } from './exportRun.ts';

/** One trace event (the subset of the format used here). */
export interface ChromeTraceEvent {
  readonly name: string;
  readonly ph: 'X' | 'i' | 'M' | 's' | 'f';
  readonly pid: number;
  readonly tid: number;
  readonly ts?: number;
  readonly dur?: number;
  readonly cat?: string;
  readonly s?: 't';
  /** A flow's id (a broker's hand-off: the delivery's call). */
  readonly id?: number;
  /** 'e': a flow's end binds to the slice enclosing it. */
  readonly bp?: 'e';
  readonly args?: Readonly<Record<string, unknown>>;
}

export interface ChromeTrace {
  readonly traceEvents: readonly ChromeTraceEvent[];
  readonly displayTimeUnit: 'ms';
}

/** The run's requests as Chrome trace events. */
export function toChromeTrace(run: ExportRun): ChromeTrace {
  const { topology } = run;
  const events: ChromeTraceEvent[] = [];
  const pids = new Map<string, number>();
  const threads = new Set<string>();
  const us = (ms: number) => ms * 1000;
  for (const request of run.requests) {
    const tid = request.request + 1;
    const pidOf = new Map<number, number>(); // call → its process, for the flows
    for (const span of request.spans) {
      const service = topology.nodeIds[topology.instanceOf?.[span.callee] ?? span.callee];
      let pid = pids.get(service);
      if (pid === undefined) {
        pid = pids.size + 1;
        pids.set(service, pid);
        events.push({ name: 'process_name', ph: 'M', pid, tid: 0, args: { name: service } });
      }
      if (!threads.has(`${pid}:${tid}`)) {
        threads.add(`${pid}:${tid}`);
        events.push({ name: 'thread_name', ph: 'M', pid, tid, args: { name: `request ${request.request}` } });
      }
      pidOf.set(span.call, pid);
      const from = span.async ? request.spans.find((s) => s.call === span.parent) : undefined;
      if (from !== undefined) {
        events.push({
          name: 'hand-off',
          cat: 'follows_from',
          ph: 's',
          id: span.call,
          pid: pidOf.get(from.call) as number,
          tid,
          ts: us(from.start),
        });
        events.push({ name: 'hand-off', cat: 'follows_from', ph: 'f', bp: 'e', id: span.call, pid, tid, ts: us(span.start) });
      }
      const status = CALL_STATUS_NAMES[span.status] ?? String(span.status);
      events.push({
        name: `${topology.nodeIds[span.caller]} → ${service}`,
        cat: span.async ? 'async' : 'call',
        ph: 'X',
        pid,
        tid,
        ts: us(span.start),
        dur: us(span.end - span.start),
        args: {
          call: span.call,
          parent: span.parent,
          request: request.request,
          instance: topology.nodeIds[span.callee],
          attempt: span.attempt,
          status,
          link: topology.linkIds[span.link],
          protocol: run.protocols[span.link],
        },
      });
      for (const seg of span.segments)
        events.push({ name: seg.kind, cat: 'segment', ph: 'X', pid, tid, ts: us(seg.start), dur: us(seg.end - seg.start) });
      for (const mark of span.marks)
        events.push({
          name: mark.kind,
          cat: 'mark',
          ph: 'i',
          s: 't',
          pid,
          tid,
          ts: us(mark.time),
          ...(mark.value === undefined ? {} : { args: { value: mark.value } }),
        });
    }
  }
  return { traceEvents: events, displayTimeUnit: 'ms' };
}

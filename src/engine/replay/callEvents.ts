/**
 * Where a call stands at a moment, read from the trace: the last event about it among some rows
 * (sent, queued, being worked on, replied, timed out, lost…), as a typed event. Only rows whose
 * `a` column is a call id are considered (not mode changes, faults or changes). The inspector
 * puts it in words (ui/inspector/callPhase.ts).
 */
import { TraceType } from '../trace/eventTypes.ts';
import type { TraceLog } from '../trace/traceLog.ts';

/** What happened to a call, by the row that says it. */
export type CallEventKind =
  'send' | 'arrive' | 'queue' | 'start' | 'workDone' | 'reply' | 'receive' | 'timeout' | 'drop' | 'reject' | 'lateReply' | 'abandon';

/** Row types that name a call in `a`, and the event each is. */
const KINDS: ReadonlyMap<number, CallEventKind> = new Map([
  [TraceType.SEND, 'send'],
  [TraceType.ARRIVE, 'arrive'],
  [TraceType.QUEUE, 'queue'],
  [TraceType.START, 'start'],
  [TraceType.WORK_DONE, 'workDone'],
  [TraceType.REPLY, 'reply'],
  [TraceType.RECEIVE, 'receive'],
  [TraceType.TIMEOUT, 'timeout'],
  [TraceType.DROP, 'drop'],
  [TraceType.REJECT, 'reject'],
  [TraceType.LATE_REPLY, 'lateReply'],
  [TraceType.ABANDON, 'abandon'],
]);

/** Events after which the caller is no longer waiting: the elapsed time stops there. */
const ENDINGS: ReadonlySet<CallEventKind> = new Set(['receive', 'timeout', 'lateReply', 'abandon']);

export interface CallEvent {
  readonly row: number;
  readonly kind: CallEventKind;
  readonly time: number;
  /**
   * What the row adds: the status (CallStatus) of a reply or receive, the reason of a reject
   * (RejectReason) or a drop (DropReason), 1 for work that failed; else 0.
   */
  readonly detail: number;
  /** Whether the caller stopped waiting with it. */
  readonly ending: boolean;
}

/** The last event of call `call` among rows [from, to), scanning back; undefined if none. */
export function lastCallEvent(trace: TraceLog, call: number, from: number, to: number): CallEvent | undefined {
  for (let row = to - 1; row >= from; row--) {
    if (trace.a(row) !== call) continue;
    const kind = KINDS.get(trace.type(row));
    if (kind) return { row, kind, time: trace.time(row), detail: trace.b(row), ending: ENDINGS.has(kind) };
  }
  return undefined;
}

/**
 * Where a call stands at a moment, read from the trace: the last event about it at or before the
 * playhead (sent, queued, being worked on, replied, timed out, lost…), put in words. Only trace
 * rows whose `a` column is a call id are considered (not mode changes, faults or changes).
 */
import { possessive } from '../../model/index.ts';
import { CALL_STATUS_NAMES, DROP_REASON_NAMES, REJECT_REASON_NAMES, TraceType } from '../../engine/trace/eventTypes.ts';
import type { TraceLog } from '../../engine/trace/traceLog.ts';

/** Event types whose row names a call in `a`. */
const CALL_EVENTS: ReadonlySet<number> = new Set([
  TraceType.SEND, TraceType.ARRIVE, TraceType.QUEUE, TraceType.START, TraceType.WORK_DONE, TraceType.REPLY,
  TraceType.RECEIVE, TraceType.TIMEOUT, TraceType.DROP, TraceType.REJECT, TraceType.LATE_REPLY, TraceType.ABANDON,
]);

/** Events after which the caller is no longer waiting: the elapsed time stops there. */
const ENDINGS: ReadonlySet<number> = new Set([TraceType.RECEIVE, TraceType.TIMEOUT, TraceType.LATE_REPLY, TraceType.ABANDON]);

export interface CallEvent {
  readonly row: number;
  readonly type: number;
  readonly time: number;
  readonly b: number;
}

/** The last event of call `call` among rows [from, to), scanning back; undefined if none. */
export function lastCallEvent(trace: TraceLog, call: number, from: number, to: number): CallEvent | undefined {
  for (let row = to - 1; row >= from; row--) {
    if (trace.a(row) === call && CALL_EVENTS.has(trace.type(row))) return { row, type: trace.type(row), time: trace.time(row), b: trace.b(row) };
  }
  return undefined;
}

export function isEnding(event: CallEvent | undefined): boolean {
  return event !== undefined && ENDINGS.has(event.type);
}

/** The event in words, with the ids of the call's two ends. */
export function describeCallEvent(event: CallEvent, caller: string, callee: string): string {
  switch (event.type) {
    case TraceType.SEND: return `The request is on its way from ${caller} to ${callee}.`;
    case TraceType.ARRIVE: return `The request has reached ${callee}.`;
    case TraceType.QUEUE: return `Waiting in ${possessive(callee)} line for a free worker.`;
    case TraceType.START: return `A worker of ${callee} is working on it.`;
    case TraceType.WORK_DONE: return `${callee} has done its own work${event.b === 1 ? ' (it failed)' : ''}; now calling downstream or replying.`;
    case TraceType.REPLY: return `The reply (${CALL_STATUS_NAMES[event.b] ?? 'done'}) is on its way back to ${caller}.`;
    case TraceType.REJECT: return `${callee} refused it (${REJECT_REASON_NAMES[event.b] ?? 'refused'}); the refusal is on its way back.`;
    case TraceType.RECEIVE: return `Finished: ${caller} got the reply (${CALL_STATUS_NAMES[event.b] ?? 'done'}).`;
    case TraceType.TIMEOUT: return `${caller} gave up waiting (timeout).`;
    case TraceType.LATE_REPLY: return `A reply reached ${caller} after it had given up: wasted work.`;
    case TraceType.DROP: return `Lost (${DROP_REASON_NAMES[event.b] ?? 'dropped'}).`;
    case TraceType.ABANDON: return `Abandoned: ${caller} crashed while waiting.`;
    default: return 'Unknown.';
  }
}

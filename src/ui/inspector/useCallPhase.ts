/**
 * The last event of a call at the playhead, kept up to date frame by frame. Moving forward only
 * scans the rows added since the last frame; moving back (a scrub) scans back from the playhead,
 * at most `MAX_SCAN` rows, so a call that waited through millions of events cannot stall a frame.
 */
import { useRef } from 'react';
import type { TraceReplay } from '../../engine/replay/traceReplay.ts';
import { lastCallEvent, type CallEvent } from '../../engine/replay/callEvents.ts';

const MAX_SCAN = 200_000;

interface Memo {
  readonly replay: TraceReplay;
  readonly call: number;
  /** Rows [0, end) have been looked at. */
  readonly end: number;
  readonly event: CallEvent | undefined;
  /** True when the backward scan stopped at MAX_SCAN without finding anything. */
  readonly unknown: boolean;
}

/** The call's last event at or before `time`; `unknown` when it lies further back than a frame may look. */
export function useCallPhase(
  replay: TraceReplay,
  call: number,
  time: number,
  sentAt: number,
): { event: CallEvent | undefined; unknown: boolean } {
  const memo = useRef<Memo | undefined>(undefined);
  const trace = replay.trace;
  const end = Math.min(trace.length, trace.indexAt(nextAbove(time)));
  const start = trace.indexAt(sentAt);
  const last = memo.current;
  let next: Memo;
  if (last && last.replay === replay && last.call === call && last.end <= end && !last.unknown) {
    const found = last.end < end ? lastCallEvent(trace, call, Math.max(start, last.end), end) : undefined;
    next = { replay, call, end, event: found ?? last.event, unknown: false };
  } else {
    const from = Math.max(start, end - MAX_SCAN);
    const event = lastCallEvent(trace, call, from, end);
    next = { replay, call, end, event, unknown: event === undefined && from > start };
  }
  memo.current = next;
  return { event: next.event, unknown: next.unknown };
}

/** Rows at exactly `time` count as having happened. */
function nextAbove(time: number): number {
  return time + Math.max(Number.MIN_VALUE, Math.abs(time) * Number.EPSILON);
}

/**
 * How an event stream's trace rows (features/stream/eventStream.ts) change the per-node counts the
 * playground shows at the playhead: line = messages in its logs, busy = deliveries in flight,
 * ok = commits, errors = messages skipped, dropped = messages retention removed. (Arrivals,
 * refusals and the mode come from the rows every node has.) Kept apart from traceReplay.ts so
 * that file stays about services.
 */
import { TraceType } from '../trace/eventTypes.ts';

/** Field offsets within a node's slice of the replay state (see traceReplay.ts FIELDS). */
export interface StreamFields {
  readonly busy: number;
  readonly line: number;
  readonly ok: number;
  readonly errors: number;
  readonly dropped: number;
}

/** Folds stream row (`type`, `b`) of the node whose state starts at `at`; false if the row is not a stream's. */
export function foldStreamRow(type: number, b: number, state: Int32Array, at: number, F: StreamFields): boolean {
  switch (type) {
    case TraceType.STREAM_APPEND:
      state[at + F.line]++;
      return true;
    case TraceType.STREAM_DELIVER:
      state[at + F.busy]++;
      return true;
    case TraceType.STREAM_COMMIT:
      state[at + F.busy]--;
      state[at + F.ok]++;
      return true;
    case TraceType.STREAM_SKIP:
      state[at + F.busy]--;
      state[at + F.errors]++;
      return true;
    case TraceType.STREAM_RETRY:
    case TraceType.STREAM_REVOKE:
      state[at + F.busy]--;
      return true;
    case TraceType.STREAM_EXPIRE:
      state[at + F.line] -= b;
      state[at + F.dropped] += b;
      return true;
    default:
      return false;
  }
}

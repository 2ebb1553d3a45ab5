/**
 * Which of a client's requests to open in the trace waterfall (issue 23): its slowest so far, the
 * failed or timed-out one nearest the playhead, the one it sends at the playhead. One pass over
 * the rows the replay holds, on demand (a click), never per frame.
 */
import { CallStatus, TraceType } from '../trace/eventTypes.ts';
import type { TraceReplay } from './traceReplay.ts';

/** Request ids (−1: none such among the rows held). */
export interface RequestPicks {
  /** The longest from start to end of those that ended. */
  readonly slowest: number;
  /** Ended in an error, a rejection, a refusal or lost: the last to end at or before t, else the first after. */
  readonly failed: number;
  /** Timed out: likewise. */
  readonly timedOut: number;
  /** The first sent at or after t (or the last before, if the run has not got that far). */
  readonly atPlayhead: number;
}

/** The picks among the requests of client `node` (its index in the run's topology) for a playhead at t. */
export function requestPicks(replay: TraceReplay, node: number, t: number): RequestPicks {
  const { trace, known } = replay;
  let slowest = -1,
    longest = -Infinity;
  const failed = new Nearest(t),
    timedOut = new Nearest(t);
  for (let i = trace.first; i < trace.length; i++) {
    const type = trace.type(i);
    if (type !== TraceType.OP_END && type !== TraceType.RECEIVE && type !== TraceType.JOB_DONE && type !== TraceType.TIMEOUT) continue;
    const c = trace.a(i);
    if (!known.has(c) || known.caller[c - known.base] !== node || known.parent[c - known.base] >= 0) continue;
    // A resilient request ends at its OP_END (naming its first attempt); a plain one at its reply or timeout.
    if ((type === TraceType.OP_END) !== known.first[c - known.base] >= 0) continue;
    const end = trace.time(i),
      status = type === TraceType.TIMEOUT ? CallStatus.TIMEOUT : trace.b(i);
    const took = end - known.sentAt[c - known.base];
    if (took > longest) {
      longest = took;
      slowest = c;
    }
    if (status === CallStatus.TIMEOUT) timedOut.offer(c, end);
    else if (status !== CallStatus.OK) failed.offer(c, end);
  }
  return { slowest, failed: failed.best, timedOut: timedOut.best, atPlayhead: replay.requests.nextFrom(node, t) };
}

/**
 * The request ending last at or before t, else the first after (offered in time order: one after t is only kept while none came before).
 */
class Nearest {
  best = -1;
  constructor(private readonly t: number) {}
  offer(request: number, end: number): void {
    if (end <= this.t || this.best < 0) this.best = request;
  }
}

/**
 * A request answered at once, with no worker: a broker's confirm or refusal of a publish, an
 * idempotent consumer's ack of a repeat, a status poll's answer. The trace row that records it is
 * the caller's to choose; the answer then travels back over the request's link like any reply.
 */
import type { Runtime } from './runtime.ts';
import { Phase } from '../trace/callTable.ts';
import { CallStatus, TraceType } from '../trace/eventTypes.ts';
import { transmit } from './link.ts';

/** `node` answers request c with success now, recorded as `row` (with `b`). */
export function confirmAtOnce(rt: Runtime, node: number, c: number, row: number, b: number): void {
  const calls = rt.calls;
  calls.phase[c] = Phase.REPLIED;
  calls.reply[c] = CallStatus.OK;
  calls.startedAt[c] = rt.now;
  calls.repliedAt[c] = rt.now;
  rt.trace.recordNow(row, node, c, b);
  transmit(rt, rt.links[calls.link[c]], c, false);
}

/** `node` refuses request c now for `reason` (a RejectReason), recorded as a REJECT row. */
export function refuseAtOnce(rt: Runtime, node: number, c: number, reason: number): void {
  const calls = rt.calls;
  calls.phase[c] = Phase.REJECTED;
  calls.reply[c] = CallStatus.REJECTED;
  calls.reason[c] = reason;
  calls.repliedAt[c] = rt.now;
  rt.trace.recordNow(TraceType.REJECT, node, c, reason);
  transmit(rt, rt.links[calls.link[c]], c, false);
}

/**
 * A repeat delivery c reached an idempotent consumer that has processed the message before: it
 * acknowledges it at once, without the work (true). A consumer that is down refuses it as it
 * would any request (false: the caller handles it as a plain arrival).
 */
export function ackRepeatAtOnce(rt: Runtime, c: number): boolean {
  const svc = rt.service(rt.calls.callee[c]);
  if (!svc.accepting) return false;
  rt.calls.arrivedAt[c] = rt.now;
  svc.arrivals++;
  rt.trace.recordNow(TraceType.ARRIVE, svc.node, c, 0);
  confirmAtOnce(rt, svc.node, c, TraceType.DEDUPED, 0);
  return true;
}

/**
 * How queue and topic rows (features/queue/queueBroker.ts, topicBroker.ts) change the per-node
 * counts the playground shows at the playhead. A queue: line = ready messages, busy = delivered
 * and not yet acknowledged, ok = acked, errors = dead-lettered, dropped = dropped by a full
 * dropHead queue. A topic: ok = publishes fanned out. (Arrivals, refusals and the mode come from
 * the rows every node has.) Kept apart from traceReplay.ts so that file stays about services.
 */
import { TraceType } from '../trace/eventTypes.ts';

/** Field offsets within a node's slice of the replay state (see traceReplay.ts FIELDS). */
export interface BrokerFields {
  readonly busy: number;
  readonly line: number;
  readonly ok: number;
  readonly errors: number;
  readonly dropped: number;
}

/**
 * Rows whose call gets a reply message now: a queue's or a stream's confirm, a topic's, an
 * idempotent consumer's ack of a repeat, a registry's answer, an instance's answer to a health probe.
 */
export const CONFIRMING: ReadonlySet<number> = new Set([
  TraceType.STORE,
  TraceType.FAN_OUT,
  TraceType.DEDUPED,
  TraceType.STREAM_APPEND,
  TraceType.REGISTRY_ANSWER,
  TraceType.PROBE_ANSWER,
]);

/** Folds broker row `type` of the node whose state starts at `at`; false if the row is not a queue's or topic's. */
export function foldBrokerRow(type: number, state: Int32Array, at: number, F: BrokerFields): boolean {
  switch (type) {
    case TraceType.STORE:
      state[at + F.line]++;
      return true;
    case TraceType.DELIVER:
      state[at + F.line]--;
      state[at + F.busy]++;
      return true;
    case TraceType.ACK:
      state[at + F.busy]--;
      state[at + F.ok]++;
      return true;
    case TraceType.REQUEUE:
      state[at + F.busy]--;
      state[at + F.line]++;
      return true;
    case TraceType.DEAD_LETTER:
      state[at + F.busy]--;
      state[at + F.errors]++;
      return true;
    case TraceType.DROP_HEAD:
      state[at + F.line]--;
      state[at + F.dropped]++;
      return true;
    case TraceType.FAN_OUT:
      state[at + F.ok]++;
      return true;
    case TraceType.DEDUPED:
      return true;
    default:
      return false;
  }
}

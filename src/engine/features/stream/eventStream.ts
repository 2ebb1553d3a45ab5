/**
 * An event stream (Kafka-like): a partitioned, retained log read by consumer groups.
 *
 * - a **publish** is a call from a producer to the stream. Its key (drawn from its link's seeded
 *   stream of keys, or none: round robin) chooses the partition, key mod partitions; the stream
 *   appends it at the partition's end (its offset) and confirms at once. A retry of a publish the
 *   stream appended already (its confirm lost or late) appends the same message again: its key
 *   (so its partition) and its id are the first append's, so a group counts its second processing
 *   as a duplicate effect and an idempotent group skips it. A stream that is down
 *   (a crash fault: an outage) refuses publishes and delivers nothing; its logs survive.
 * - each **consumer group** (the links from the stream, by their `group`) owns every partition
 *   through exactly one of its live members, assigned round robin in link order; each instance of
 *   a replicated consumer is a member (as each runs a consumer of the group), so the partitions
 *   spread over the instances, and one that goes down or comes back starts a rebalance. The owner reads
 *   its partition in order, one message at a time: each delivery is a call to it, and the group
 *   *commits* the offset after the message only on a successful reply. An error, a timeout or a
 *   refusal sends the same message again, so order per partition holds (after `maxDeliveries`
 *   the group skips it, counted). Different groups each read everything.
 * - when a group's members change (one crashes, or comes back), its partitions are revoked at
 *   once and reassigned after the rebalance pause; the new owner resumes from the *committed*
 *   offset, so what a crashed member processed but had not committed is processed again (a
 *   duplicate effect). A delivery revoked meanwhile no longer counts, whatever its reply says.
 * - **retention**: a message older than the retention leaves the head of its log (expired);
 *   a group that had not yet read it skips past it (expired unread).
 * - a group starts reading when it first has a live member: at the log's beginning (earliest,
 *   re-reading history) or at its end (latest). A change can move its offsets at any time, back
 *   (a replay) or forward (a skip): `seekGroup`.
 */
import type { StreamOffsets } from '../../../model/index.ts';
import type { RandomStream } from '../../core/random.ts';
import { partitionPoint } from '../../core/search.ts';
import { packGroupPartition } from '../../trace/rows.ts';
import type { Runtime } from '../../kernel/runtime.ts';
import { Ev, Priority } from '../../kernel/runtime.ts';
import { CallStatus, RejectReason, TraceType } from '../../trace/eventTypes.ts';
import { startCall } from '../../kernel/calls.ts';
import { ackRepeatAtOnce, confirmAtOnce, refuseAtOnce } from '../../kernel/answers.ts';
import { grown, type StreamGroup, type StreamRuntime } from './streamState.ts';
export { lagOf } from '../../kernel/streamRecords.ts';

/** A publish reached stream `s`: append it to its key's partition and confirm it, or refuse it. */
export function onStreamPublish(rt: Runtime, s: StreamRuntime, c: number): void {
  const calls = rt.calls;
  calls.arrivedAt[c] = rt.now;
  s.published++;
  rt.trace.recordNow(TraceType.ARRIVE, s.node, c, 0);
  if (!s.accepting || rt.now >= calls.deadline[c]) {
    s.rejected++;
    refuseAtOnce(rt, s.node, c, s.accepting ? RejectReason.DEADLINE_PASSED : RejectReason.UNAVAILABLE);
    return;
  }
  const link = calls.link[c];
  const keys = s.keyCount.get(link);
  // A retry of a message appended before (its confirm was lost, or came too late) is that message again: its key and id.
  const op = calls.op[c],
    first = op >= 0 ? rt.ops.message[op] : -1;
  // Without keys, messages spread round robin (the key is then the message's number).
  const key = keys === undefined ? s.length : first >= 0 ? s.keyOf[first] : Math.floor((s.keyRng.get(link) as RandomStream).next() * keys);
  // A keyed message goes to its key's partition, unless its producer spreads them anyway.
  const p = (s.spreadKeys.has(link) ? s.length : key) % s.partitions;
  if (op >= 0 && first < 0) rt.ops.message[op] = s.length;
  append(rt, s, c, p, keys === undefined ? -1 : key, first >= 0 ? s.idOf[first] : s.length);
  confirmAtOnce(rt, s.node, c, TraceType.STREAM_APPEND, key);
  for (let g = 0; g < s.groups.length; g++) dispatchPartition(rt, s, s.groups[g], p);
}

function append(rt: Runtime, s: StreamRuntime, c: number, p: number, key: number, id: number): void {
  const seq = s.length++;
  if (seq === s.publish.length) {
    s.publish = grown(s.publish, seq);
    s.appendedAt = grown(s.appendedAt, seq);
    s.partitionOf = grown(s.partitionOf, seq);
    s.offsetOf = grown(s.offsetOf, seq);
    s.keyOf = grown(s.keyOf, seq);
    s.idOf = grown(s.idOf, seq);
  }
  s.keyOf[seq] = key;
  s.idOf[seq] = id;
  const offset = s.end[p];
  if (offset === s.logs[p].length) s.logs[p] = grown(s.logs[p], offset);
  s.logs[p][offset] = seq;
  s.end[p] = offset + 1;
  s.publish[seq] = c;
  s.appendedAt[seq] = rt.now;
  s.partitionOf[seq] = p;
  s.offsetOf[seq] = offset;
  if (s.retention !== Infinity && !s.expiryPending) scheduleExpiry(rt, s);
}

/** Group `g` of stream `s` delivers the next message of partition `p`, if it may. */
function dispatchPartition(rt: Runtime, s: StreamRuntime, g: StreamGroup, p: number): void {
  if (!s.accepting || g.rebalancing || g.inFlight[p] >= 0 || g.owner[p] < 0) return;
  const offset = g.committed[p];
  if (offset >= s.end[p]) return;
  const seq = s.logs[p][offset];
  const member = g.owner[p];
  const link = rt.links[g.links[member]];
  if (seq >= g.tries.length) {
    g.tries = grown(g.tries, seq);
    g.effects = grown(g.effects, seq);
  }
  if (g.tries[seq]++ > 0) s.redelivered++;
  s.delivered++;
  s.inFlightCount++;
  // The delivery belongs to the trace of the publish that brought the message.
  const c = startCall(rt, s.publish[seq], s.node, g.nodes[member], link.index, g.lanes[member]);
  g.inFlight[p] = c;
  s.deliveries.set(c, { group: s.groups.indexOf(g), partition: p, offset, seq, live: true });
  rt.trace.recordNow(TraceType.STREAM_DELIVER, s.node, c, seq);
}

function dispatchGroup(rt: Runtime, s: StreamRuntime, g: StreamGroup): void {
  for (let p = 0; p < s.partitions; p++) dispatchPartition(rt, s, g, p);
}

/** Delivery c of stream `s` ended (its reply, its timeout): commit its offset, or send it again. */
export function streamDeliveryEnded(rt: Runtime, s: StreamRuntime, c: number): void {
  const d = s.deliveries.get(c);
  if (d === undefined || !d.live) return; // revoked in a rebalance: its partition has moved on
  d.live = false;
  const g = s.groups[d.group];
  g.inFlight[d.partition] = -1;
  s.inFlightCount--;
  const status = rt.calls.status[c];
  if (status === CallStatus.OK && s.accepting) {
    // (Past it already if retention removed it meanwhile.)
    g.committed[d.partition] = Math.max(g.committed[d.partition], d.offset + 1);
    s.committedCount++;
    rt.trace.recordNow(TraceType.STREAM_COMMIT, s.node, c, g.committed[d.partition]);
  } else if (g.tries[d.seq] >= s.maxDeliveries) {
    g.committed[d.partition] = Math.max(g.committed[d.partition], d.offset + 1);
    s.skipped++;
    rt.trace.recordNow(TraceType.STREAM_SKIP, s.node, c, g.committed[d.partition]);
  } else {
    // A commit reaching a stream that is down is lost too: the message goes again.
    rt.trace.recordNow(TraceType.STREAM_RETRY, s.node, c, status);
  }
  dispatchPartition(rt, s, g, d.partition);
}

/** The publisher of delivery c's message of stream `s` if it appended only an event (the consumer fetches the data from it), else −1. */
export function streamEventPublisher(rt: Runtime, s: StreamRuntime, c: number): number {
  const d = s.deliveries.get(c);
  if (d === undefined) return -1;
  const publish = s.publish[d.seq],
    calls = rt.calls;
  return rt.links[calls.link[publish]].eventOnly ? calls.caller[publish] : -1;
}

/** A consumer replied OK to delivery c of stream `s`: the message's work is done (once more, for its group). */
export function streamDeliveryProcessed(rt: Runtime, s: StreamRuntime, c: number): void {
  const d = s.deliveries.get(c);
  if (d === undefined) return;
  const g = s.groups[d.group];
  // By the message's id: a copy a retried publish appended is the same message.
  const id = s.idOf[d.seq];
  // An idempotent group has each message's effect once (a repeat that got past the check on arrival does the work, no more).
  if (g.seen?.has(id)) {
    s.deduplicated++;
    return;
  }
  g.seen?.add(id);
  s.effects++;
  if (g.effects[id]++ > 0) {
    s.duplicates++;
    return;
  }
  // Order per key: a key's first processings should come in the order its messages were appended.
  const key = s.keyOf[d.seq];
  if (key < 0) return;
  const last = g.lastOfKey.get(key);
  if (last !== undefined && last > id) s.outOfOrder++;
  else g.lastOfKey.set(key, id);
}

/** Delivery c of stream `s` reached a consumer whose group has processed the message before: true if acknowledged at once, without work. */
export function dedupedStreamDelivery(rt: Runtime, s: StreamRuntime, c: number): boolean {
  const d = s.deliveries.get(c);
  if (d === undefined) return false;
  const seen = s.groups[d.group].seen;
  if (seen === undefined || !seen.has(s.idOf[d.seq]) || !ackRepeatAtOnce(rt, c)) return false;
  s.deduplicated++;
  return true;
}

/**
 * Some component changed mode: every group whose members' liveness changed starts a rebalance
 * (or restarts the one in progress), and the streams deliver what they now may.
 */
export function streamMembersChanged(rt: Runtime): void {
  for (const s of rt.streams) {
    if (!s) continue;
    for (const g of s.groups) {
      let changed = false;
      for (let m = 0; m < g.nodes.length; m++) {
        const up = rt.services[g.nodes[m]]?.accepting === true ? 1 : 0;
        if (up !== g.known[m]) {
          g.known[m] = up;
          changed = true;
        }
      }
      if (changed) startRebalance(rt, s, g);
      else dispatchGroup(rt, s, g);
    }
  }
}

/** At the start of the run: each group's partitions go to the members up now, with no pause. */
export function assignInitially(rt: Runtime, s: StreamRuntime): void {
  for (const g of s.groups) {
    for (let m = 0; m < g.nodes.length; m++) g.known[m] = rt.services[g.nodes[m]]?.accepting === true ? 1 : 0;
    assign(rt, s, g);
  }
}

function startRebalance(rt: Runtime, s: StreamRuntime, g: StreamGroup): void {
  s.rebalances++;
  revokeInFlight(rt, s, g);
  g.owner.fill(-1);
  g.rebalancing = true;
  g.rebalanceEnd = rt.now + s.rebalancePause;
  rt.trace.recordNow(TraceType.STREAM_REBALANCE, s.node, s.groups.indexOf(g), -1);
  rt.schedule(g.rebalanceEnd, Priority.CONTROL, Ev.STREAM_TIMER, s.node, s.groups.indexOf(g) + 1);
}

/** Group `g`'s deliveries in flight are revoked: what its members still work on will not be committed. */
function revokeInFlight(rt: Runtime, s: StreamRuntime, g: StreamGroup): void {
  for (let p = 0; p < s.partitions; p++) {
    const c = g.inFlight[p];
    if (c < 0) continue;
    (s.deliveries.get(c) as { live: boolean }).live = false;
    g.inFlight[p] = -1;
    s.inFlightCount--;
    rt.trace.recordNow(TraceType.STREAM_REVOKE, s.node, c, p);
  }
}

/**
 * A change moves group `gi` of stream `s` to `to` in every partition (Kafka's reset-offsets): its
 * deliveries in flight are revoked and its owners read on from there. Back is a replay (the
 * messages are delivered and processed again: redeliveries, duplicate effects); forward skips.
 * A group that had not started reading starts at the new offsets instead of its startFrom.
 */
export function seekGroup(rt: Runtime, s: StreamRuntime, gi: number, to: StreamOffsets): void {
  const g = s.groups[gi];
  revokeInFlight(rt, s, g);
  for (let p = 0; p < s.partitions; p++) {
    const before = g.started ? g.committed[p] : s.start[p];
    const target =
      to === 'earliest'
        ? s.start[p]
        : to === 'latest'
          ? s.end[p]
          : 'offset' in to
            ? Math.min(Math.max(to.offset, s.start[p]), s.end[p])
            : firstAppendedFrom(s, p, to.time);
    g.committed[p] = target;
    if (target < before) s.rewound += before - target;
    else s.skippedAhead += target - before;
    rt.trace.recordNow(TraceType.STREAM_SEEK, s.node, packGroupPartition(gi, p), target);
  }
  if (!g.started) {
    g.started = true;
    g.origin.set(g.committed);
  }
  dispatchGroup(rt, s, g);
}

/** The offset of partition `p`'s first retained message appended at or after `time` (its end if none). */
function firstAppendedFrom(s: StreamRuntime, p: number, time: number): number {
  // Appends are in time order, so a binary search over the retained offsets.
  const log = s.logs[p];
  return partitionPoint(s.start[p], s.end[p], (i) => s.appendedAt[log[i]] < time);
}

/** Partitions round robin over the members up now, in link order; a group's first live member sets its start. */
function assign(rt: Runtime, s: StreamRuntime, g: StreamGroup): number {
  const live: number[] = [];
  for (let m = 0; m < g.nodes.length; m++) if (g.known[m] === 1) live.push(m);
  for (let p = 0; p < s.partitions; p++) g.owner[p] = live.length > 0 ? live[p % live.length] : -1;
  if (live.length > 0 && !g.started) {
    g.started = true;
    for (let p = 0; p < s.partitions; p++) g.origin[p] = g.committed[p] = g.startLatest ? s.end[p] : s.start[p];
  }
  return live.length;
}

/** A stream timer: arg 0 the retention's, else the end of group arg − 1's rebalance (stale if restarted since). */
export function onStreamTimer(rt: Runtime, s: StreamRuntime, arg: number): void {
  if (arg === 0) {
    expire(rt, s);
    return;
  }
  const gi = arg - 1;
  const g = s.groups[gi];
  if (!g.rebalancing || rt.now !== g.rebalanceEnd) return;
  g.rebalancing = false;
  const live = assign(rt, s, g);
  rt.trace.recordNow(TraceType.STREAM_REBALANCE, s.node, gi, live);
  dispatchGroup(rt, s, g);
}

function scheduleExpiry(rt: Runtime, s: StreamRuntime): void {
  s.expiryPending = true;
  rt.schedule(s.appendedAt[s.expireNext] + s.retention, Priority.CONTROL, Ev.STREAM_TIMER, s.node, 0);
}

/** Removes from their logs' heads the messages older than the retention (appends are in time order, so oldest first). */
function expire(rt: Runtime, s: StreamRuntime): void {
  s.expiryPending = false;
  const removed = new Float64Array(s.partitions);
  while (s.expireNext < s.length && s.appendedAt[s.expireNext] + s.retention <= rt.now) {
    const p = s.partitionOf[s.expireNext++];
    s.start[p]++;
    removed[p]++;
    s.expired++;
  }
  for (let p = 0; p < s.partitions; p++) {
    if (removed[p] === 0) continue;
    rt.trace.recordNow(TraceType.STREAM_EXPIRE, s.node, p, removed[p]);
    s.groups.forEach((g, gi) => {
      if (!g.started || g.committed[p] >= s.start[p]) return;
      // The group had not read them: they are gone for it.
      s.expiredUnread += s.start[p] - g.committed[p];
      g.committed[p] = s.start[p];
      rt.trace.recordNow(TraceType.STREAM_LOST, s.node, packGroupPartition(gi, p), s.start[p]);
    });
  }
  if (s.expireNext < s.length) scheduleExpiry(rt, s);
}

/**
 * Reading a run at any instant, from its trace alone: what every node is doing (busy workers,
 * waiting line, counts, mode), what every client has seen, which messages are in flight. The
 * trace arrives in batches (from a worker, ahead of the playhead); the replay folds each row once
 * into running state and keeps a checkpoint every `CHECKPOINT_ROWS` rows, so the state at any
 * time is a checkpoint plus at most that many rows: scrubbing back and forth never re-simulates.
 *
 * A long run's window: with `windowRows` set, the replay holds at most about that many trace rows
 * (and the checkpoints and finished messages among them), the latest ones, and answers exactly
 * for playheads from `retainedFrom` on. Every row is still folded once, in order, into the
 * running counts, so the state at the window's start is exact. For a playhead before the window
 * the page re-simulates the run from its start into a new replay (store/runStore.ts). A run that
 * fits in the window behaves exactly as without one.
 */
import { CallStatus, DropReason, TraceType } from '../trace/eventTypes.ts';
import { LatencyRecorder, type LatencySummary } from '../trace/latency.ts';
import { TraceLog } from '../trace/traceLog.ts';
import type { StaticCalls } from '../trace/callTable.ts';
import { gatewayRefusalKind, MessageIndex, MessageKind, type MessagesInFlight } from './messageIndex.ts';
import { LinkReplay } from './linkReplay.ts';
import { InboundReplay } from './inboundReplay.ts';
import { StreamReplay } from './streamReplay.ts';
import { QueueReplay } from './queueReplay.ts';
import { foldStreamRow } from './streamFold.ts';
import { CONFIRMING, foldBrokerRow } from './brokerFold.ts';
import type { RunTopology } from './topology.ts';
import type { NodeState, PlayheadState, ReplayOptions, RunBatch } from './replayTypes.ts';
import { CHECKPOINT_ROWS, ReplayWindow, type Checkpoint } from './replayWindow.ts';
import { IndexHost, type ReplayIndex, type ReplayIndexDef } from './indexHost.ts';

export type { NodeState, PlayheadState, ReplayOptions, RunBatch } from './replayTypes.ts';
export { CHECKPOINT_ROWS, LANDMARK_EVERY } from './replayWindow.ts';

const FIELDS = ['busy', 'line', 'mode', 'arrivals', 'ok', 'errors', 'rejected', 'dropped', 'sent', 'completed', 'failed', 'timedOut'] as const;
const F = Object.fromEntries(FIELDS.map((f, i) => [f, i])) as Record<(typeof FIELDS)[number], number>;
const WIDTH = FIELDS.length;

/** Node kinds a publish goes to, and those that deliver to consumers. */
const BROKERS: ReadonlySet<string> = new Set(['queue', 'topic', 'stream']);
const DELIVERING: ReadonlySet<string> = new Set(['queue', 'stream']);

export class TraceReplay {
  readonly trace = new TraceLog();
  readonly messages = new MessageIndex();
  /** Breakers, bulkheads and retry waits over time. */
  readonly links: LinkReplay;
  /** Services' rate limiters over time. */
  readonly inbound: InboundReplay;
  /** Each stream's partitions: offsets, committed offsets and lag per group. */
  readonly streams: StreamReplay;
  /** Each queue's oldest ready message's age. */
  readonly queues: QueueReplay;
  private horizonTime = 0;
  private finished = false;
  // Fixed call columns, growable.
  private parent = new Int32Array(1024);
  private root = new Int32Array(1024);
  private caller = new Int32Array(1024);
  private callee = new Int32Array(1024);
  private callLink = new Int32Array(1024);
  private timeoutFlag = new Uint8Array(1024);
  /** A resilient call's first attempt (−1 for a plain call) and the attempt before (−1 for a first). */
  private first = new Int32Array(1024);
  private previous = new Int32Array(1024);
  private callCount = 0;
  // Per-call progress, as the rows tell it.
  private sentAt = new Float64Array(1024);
  private status = new Uint8Array(1024);
  // Rows at which the call was queued, started, or became dropped (-1: never), recorded by the
  // in-order pass so that a replay from a checkpoint can tell where a call stood at any row.
  private queuedRow = new Int32Array(1024);
  private startRow = new Int32Array(1024);
  private droppedRow = new Int32Array(1024);
  private requestMessage = new Int32Array(1024);
  private replyMessage = new Int32Array(1024);
  /** Whether a job's 202 was sent (async HTTP): its outcome then stays with the callee, no reply message. */
  private accepted = new Uint8Array(1024);
  /** A queue's delivery: which delivery of its message it is (0: not a delivery). */
  private deliveryNo = new Int32Array(1024);
  // Running state after every row folded so far, and checkpoints of it.
  private readonly state: Int32Array;
  private readonly latency = new LatencyRecorder();
  private readonly checkpoints: Checkpoint[] = [];
  private folded = 0;
  /** The rows held: all of them, or a long run's window of the latest (see `windowRows`). */
  private readonly held: ReplayWindow;
  private readonly indexes = new IndexHost(this);

  constructor(readonly topology: RunTopology, options: ReplayOptions = {}) {
    this.held = new ReplayWindow(options.windowRows ?? Infinity);
    this.state = new Int32Array(topology.nodeIds.length * WIDTH);
    topology.initialModes.forEach((mode, node) => { this.state[node * WIDTH + F.mode] = mode; });
    this.checkpoints.push({ row: 0, time: -Infinity, state: this.state.slice(), latency: new LatencyRecorder() });
    this.inbound = new InboundReplay(topology);
    this.streams = new StreamReplay(topology, (c) => this.callLink[c]);
    this.queues = new QueueReplay(topology, (c) => this.parent[c]);
    this.links = new LinkReplay(topology, {
      link: (c) => this.callLink[c],
      isAttempt: (c) => this.first[c] >= 0 && this.callLink[c] === this.callLink[this.first[c]],
    });
  }

  /** Simulated time up to which the trace is complete. */
  get horizon(): number {
    return this.horizonTime;
  }

  /** True once the run has reached its end. */
  get done(): boolean {
    return this.finished;
  }

  /**
   * The earliest playhead the replay answers exactly (−Infinity while it holds every row): older
   * rows were forgotten (see `windowRows`). Before it, `stateAt` answers the window's start.
   */
  get retainedFrom(): number {
    return this.held.from;
  }

  /** Checkpoints held (one every CHECKPOINT_ROWS rows of the window). */
  get checkpointsHeld(): number {
    return this.checkpoints.length;
  }

  get callsKnown(): number {
    return this.callCount;
  }

  /** Takes in the next batch (batches must come in order). */
  ingest(batch: RunBatch): void {
    if (batch.firstCall !== this.callCount) throw new Error(`batch starts at call ${batch.firstCall}, expected ${this.callCount}`);
    this.addCalls(batch.calls);
    this.trace.appendRows(batch.rows);
    const n = this.trace.length;
    const trace = this.trace;
    const from = this.folded;
    while (this.folded < n) {
      const row = this.folded;
      this.fold(row, this.state, this.latency, true);
      const t = trace.time(row), type = trace.type(row), node = trace.node(row), a = trace.a(row), b = trace.b(row);
      this.links.onRow(t, type, node, a, b);
      this.inbound.onRow(t, type, node, a, b);
      this.streams.onRow(t, type, node, a, b);
      this.queues.onRow(t, type, node, a);
      this.folded++;
      if (this.folded % CHECKPOINT_ROWS === 0) this.checkpoints.push({ row: this.folded, time: t, state: this.state.slice(), latency: this.latency.clone() });
    }
    this.indexes.feed(from, n); // before the window forgets any of these rows
    this.messages.compact();
    this.held.slide(trace, this.checkpoints, this.messages);
    this.horizonTime = batch.horizon;
    this.finished = batch.done;
  }

  /**
   * The state of every node at time t (after every event at or before t). Before the window
   * (`retainedFrom`) it is approximate: the counts at the last landmark at or before t.
   */
  stateAt(t: number): PlayheadState {
    if (t < this.held.from) {
      const landmark = this.held.landmarkAt(t);
      return { ...this.present(t, landmark.state, landmark.latency), approximate: true };
    }
    const end = this.trace.indexAt(nextAfter(t)); // rows with time <= t
    let lo = 0, hi = this.checkpoints.length - 1;
    while (lo < hi) { // last checkpoint at or before `end`
      const mid = (lo + hi + 1) >> 1;
      if (this.checkpoints[mid].row <= end) lo = mid; else hi = mid - 1;
    }
    const checkpoint = this.checkpoints[lo];
    const state = checkpoint.state.slice();
    const latency = checkpoint.latency.clone();
    for (let row = checkpoint.row; row < end; row++) this.fold(row, state, latency, false);
    return this.present(t, state, latency.summary());
  }

  /** Index `def` (replay/indexes/): built on the first ask over the rows held, then fed each batch (indexHost.ts). */
  index<I extends ReplayIndex>(def: ReplayIndexDef<I>): I {
    return this.indexes.get(def);
  }

  /** A playhead state from a row of counts. */
  private present(t: number, state: Int32Array, latency: LatencySummary): PlayheadState {
    const nodes: NodeState[] = [];
    const totals = { sent: 0, completed: 0, failed: 0, timedOut: 0, rejected: 0, dropped: 0 };
    for (let node = 0; node < this.topology.nodeIds.length; node++) {
      const base = node * WIDTH;
      const s = Object.fromEntries(FIELDS.map((f, i) => [f, state[base + i]])) as unknown as NodeState;
      nodes.push(s);
      if (this.topology.nodeKinds[node] === 'client') {
        totals.sent += s.sent; totals.completed += s.completed; totals.failed += s.failed;
        totals.timedOut += s.timedOut; totals.rejected += s.rejected; totals.dropped += s.dropped;
      }
    }
    return { time: t, nodes, latency, totals };
  }

  /** Fills `out` with the messages in flight at time t. */
  messagesAt(t: number, out: MessagesInFlight): void {
    this.messages.at(t, out);
  }

  /**
   * What is known of call c: its trace (root request), parent, ends, link, hops from the root,
   * and which attempt of its resilient call it is (1 for a plain call or a first attempt).
   */
  call(c: number): { root: number; parent: number; caller: number; callee: number; link: number; sentAt: number; hops: number; attempt: number } {
    let hops = 1;
    for (let p = this.parent[c]; p >= 0; p = this.parent[p]) hops++;
    return { root: this.root[c], parent: this.parent[c], caller: this.caller[c], callee: this.callee[c], link: this.callLink[c], sentAt: this.sentAt[c], hops, attempt: this.attemptOf(c) };
  }

  /**
   * Which attempt of its resilient call c is (1 for a plain call or a first attempt), or for a
   * queue's delivery which delivery of its message (2 and up: a redelivery): cheap enough for
   * every dot of a frame.
   */
  attemptOf(c: number): number {
    if (this.deliveryNo[c] > 0) return this.deliveryNo[c];
    let attempt = 1;
    // A fallback's call to another service follows the attempts but is not one of them (another link).
    for (let p = this.previous[c]; p >= 0 && this.callLink[p] === this.callLink[c]; p = this.previous[p]) attempt++;
    return attempt;
  }

  /**
   * Folds row `row` into `state`. With `live` (the first, in-order pass) it also builds the
   * message index and per-call progress; replays from a checkpoint only recount.
   */
  private fold(row: number, state: Int32Array, latency: LatencyRecorder, live: boolean): void {
    const trace = this.trace;
    const type = trace.type(row), node = trace.node(row), a = trace.a(row), b = trace.b(row), t = trace.time(row);
    const at = node * WIDTH;
    switch (type) {
      case TraceType.OP_START:
        if (this.parent[a] < 0) state[at + F.sent]++;
        if (live) this.sentAt[a] = t;
        break;
      case TraceType.OP_END:
        // A client's resilient request: counted once, when its attempts (and fallback) are over.
        if (this.parent[a] < 0) this.countEnd(state, latency, at, a, b, t);
        break;
      case TraceType.SEND:
        if (this.parent[a] < 0 && this.first[a] < 0) state[at + F.sent]++;
        if (live) {
          if (this.first[a] !== a) this.sentAt[a] = t; // an operation's start is its OP_START
          this.requestMessage[a] = this.messages.begin(t, a, b, false, this.requestKind(a));
        }
        break;
      case TraceType.ARRIVE:
        state[at + F.arrivals]++;
        if (live) this.messages.finish(this.requestMessage[a], t, false);
        break;
      case TraceType.QUEUE:
        if (live) this.queuedRow[a] = row;
        state[at + F.line]++;
        break;
      case TraceType.START:
        if (live) this.startRow[a] = row;
        if (this.queuedRow[a] >= 0) state[at + F.line]--;
        state[at + F.busy]++;
        break;
      // A gRPC server stream keeps the worker its REPLY freed until its last message (components/pushes.ts).
      case TraceType.PUSH_WORKER:
        state[at + F.busy] += b === 1 ? 1 : -1;
        break;
      case TraceType.REPLY:
        state[at + F.busy]--;
        state[at + (b === CallStatus.OK ? F.ok : F.errors)]++;
        if (live && this.accepted[a] === 0) this.beginReply(a, t, b === CallStatus.OK ? MessageKind.REPLY : MessageKind.ERROR);
        break;
      case TraceType.REJECT:
        state[at + F.rejected]++;
        // Refused from the line (it waited too long, or its caller gave up meanwhile).
        if (this.queuedRow[a] >= 0 && this.queuedRow[a] < row) state[at + F.line]--;
        if (live && this.accepted[a] === 0) this.beginReply(a, t, this.topology.nodeKinds[node] === 'gateway' ? gatewayRefusalKind(b) : MessageKind.REJECTED);
        break;
      // Async HTTP (components/asyncHttp.ts): the 202, the polls, and the job's end at its caller.
      case TraceType.ACCEPT:
        if (live) { this.accepted[a] = 1; this.beginReply(a, t, MessageKind.REPLY); }
        break;
      case TraceType.ACCEPTED:
        if (live) this.finishReply(a, t, false);
        break;
      case TraceType.POLL:
        if (live) { this.messages.finish(this.requestMessage[a], t, false); this.beginReply(a, t, MessageKind.REPLY); }
        break;
      case TraceType.JOB_DONE:
        if (this.parent[a] < 0 && this.first[a] < 0) this.countEnd(state, latency, at, a, b, t);
        if (live) this.status[a] = b;
        break;
      case TraceType.RECEIVE:
        if (this.parent[a] < 0 && this.first[a] < 0) this.countEnd(state, latency, at, a, b, t);
        if (live) { this.status[a] = b; this.finishReply(a, t, false); }
        break;
      case TraceType.LATE_REPLY:
        if (live) this.finishReply(a, t, false);
        break;
      case TraceType.TIMEOUT:
        if (this.parent[a] < 0 && this.first[a] < 0) state[at + F.timedOut]++;
        if (live) {
          this.status[a] = CallStatus.TIMEOUT;
          const reply = this.replyMessage[a];
          if (reply >= 0) this.messages.setKind(reply, MessageKind.LATE);
        }
        break;
      case TraceType.DROP: {
        if (b === DropReason.CRASH) {
          // The crashed callee held the request: at work if it had started, else in line.
          if (this.startRow[a] >= 0 && this.startRow[a] < row) state[at + F.busy]--;
          else if (this.queuedRow[a] >= 0 && this.queuedRow[a] < row) state[at + F.line]--;
          state[at + F.dropped]++;
        } else if (live) {
          // A message lost on the network: the request if the caller lost it, else the reply.
          const message = node === this.caller[a] ? this.requestMessage[a] : this.replyMessage[a];
          if (message >= 0) this.messages.finish(message, t, true);
        }
        // (An accepted job lost in a crash is not: its caller's polls find out.)
        if (live && this.timeoutFlag[a] === 0 && this.status[a] === CallStatus.PENDING && !(b === DropReason.CRASH && this.accepted[a] === 1)) {
          this.status[a] = CallStatus.DROPPED;
          this.droppedRow[a] = row;
        }
        // Lost with no timeout to notice: the client counts it as dropped (a resilient one at its OP_END).
        if (this.parent[a] < 0 && this.first[a] < 0 && this.droppedRow[a] === row) state[this.caller[a] * WIDTH + F.dropped]++;
        break;
      }
      case TraceType.STATE:
        state[at + F.mode] = b;
        break;
      default:
        if (live && type === TraceType.DELIVER) this.deliveryNo[a] = b;
        // A broker's rows (brokerFold.ts, streamFold.ts); some begin a reply: a confirm, an ack, a registry's or a probe's answer.
        if (!foldBrokerRow(type, state, at, F)) foldStreamRow(type, b, state, at, F);
        if (live && CONFIRMING.has(type)) this.beginReply(a, t, MessageKind.REPLY);
        break;
    }
  }

  /** A client's request ended with `status` at t (its latency runs from `sentAt`). */
  private countEnd(state: Int32Array, latency: LatencyRecorder, at: number, c: number, status: number, t: number): void {
    switch (status) {
      case CallStatus.OK: state[at + F.completed]++; latency.record(t - this.sentAt[c]); break;
      case CallStatus.REJECTED:
      case CallStatus.NOT_PERMITTED: state[at + F.rejected]++; break;
      case CallStatus.TIMEOUT: state[at + F.timedOut]++; break;
      case CallStatus.DROPPED: state[at + F.dropped]++; break;
      case CallStatus.ABANDONED: break;
      default: state[at + F.failed]++;
    }
  }

  /** What call c's request is: a publish (to a broker), a delivery (from a queue), a poll (of an accepted job), or a request. */
  private requestKind(c: number): number {
    const kinds: readonly string[] = this.topology.nodeKinds;
    if (BROKERS.has(kinds[this.callee[c]])) return MessageKind.PUBLISH;
    if (DELIVERING.has(kinds[this.caller[c]])) return MessageKind.DELIVERY;
    const parent = this.parent[c];
    return parent >= 0 && this.accepted[parent] === 1 && this.callLink[parent] === this.callLink[c] && this.caller[parent] === this.caller[c] ? MessageKind.POLL : MessageKind.REQUEST;
  }

  private beginReply(c: number, t: number, kind: number): void {
    // A consumer's reply to a broker's delivery is its ack or nack.
    if (DELIVERING.has(this.topology.nodeKinds[this.caller[c]])) kind = kind === MessageKind.REPLY ? MessageKind.ACK : kind === MessageKind.ERROR ? MessageKind.NACK : kind;
    const late = this.status[c] !== CallStatus.PENDING;
    this.replyMessage[c] = this.messages.begin(t, c, this.callLink[c], true, late ? MessageKind.LATE : kind);
  }

  private finishReply(c: number, t: number, lost: boolean): void {
    const reply = this.replyMessage[c];
    if (reply >= 0) this.messages.finish(reply, t, lost);
  }

  private addCalls(calls: StaticCalls): void {
    const count = calls.parent.length;
    const need = this.callCount + count;
    if (need > this.parent.length) {
      let capacity = this.parent.length;
      while (capacity < need) capacity *= 2;
      const g = <T extends Int32Array | Uint8Array | Float64Array>(a: T): T => { const b = new (a.constructor as new (n: number) => T)(capacity); b.set(a); return b; };
      this.parent = g(this.parent); this.root = g(this.root); this.caller = g(this.caller); this.callee = g(this.callee);
      this.callLink = g(this.callLink); this.timeoutFlag = g(this.timeoutFlag); this.sentAt = g(this.sentAt);
      this.first = g(this.first); this.previous = g(this.previous);
      this.status = g(this.status); this.queuedRow = g(this.queuedRow); this.startRow = g(this.startRow); this.droppedRow = g(this.droppedRow); this.requestMessage = g(this.requestMessage); this.replyMessage = g(this.replyMessage);
      this.accepted = g(this.accepted); this.deliveryNo = g(this.deliveryNo);
    }
    const at = this.callCount;
    this.parent.set(calls.parent, at); this.root.set(calls.root, at); this.caller.set(calls.caller, at);
    this.callee.set(calls.callee, at); this.callLink.set(calls.link, at); this.timeoutFlag.set(calls.timeoutFlag, at);
    this.first.set(calls.first, at); this.previous.set(calls.previous, at);
    this.requestMessage.fill(-1, at, need);
    this.queuedRow.fill(-1, at, need);
    this.startRow.fill(-1, at, need);
    this.droppedRow.fill(-1, at, need);
    this.replyMessage.fill(-1, at, need);
    this.accepted.fill(0, at, need);
    this.deliveryNo.fill(0, at, need);
    this.callCount = need;
    this.links.reserve(need);
  }
}

/** The smallest double above t, so `indexAt(nextAfter(t))` counts the rows at exactly t too. */
function nextAfter(t: number): number {
  if (t === Infinity) return t;
  return t + Math.max(Number.MIN_VALUE, Math.abs(t) * Number.EPSILON);
}

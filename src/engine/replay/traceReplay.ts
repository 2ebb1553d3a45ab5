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
import { CALL_IN_A, CallStatus, DropReason, TraceType } from '../trace/eventTypes.ts';
import { LatencyRecorder } from '../trace/latency.ts';
import { TraceLog } from '../trace/traceLog.ts';
import { ReplayCalls } from './replayCalls.ts';
import { gatewayRefusalKind, LOST_MESSAGE_VISIBLE_MS, MessageIndex, MessageKind, type MessagesInFlight } from './messageIndex.ts';
import { LinkReplay } from './linkReplay.ts';
import { InboundReplay } from './inboundReplay.ts';
import { StreamReplay } from './streamReplay.ts';
import { QueueReplay } from './queueReplay.ts';
import { foldStreamRow } from './streamFold.ts';
import { RequestReplay } from './requestPath.ts';
import { CONFIRMING, foldBrokerRow } from './brokerFold.ts';
import type { RunTopology } from './topology.ts';
import { F, presentState, WIDTH } from './playheadState.ts';
import type { PlayheadState, ReplayOptions, RunBatch } from './replayTypes.ts';
import { CHECKPOINT_ROWS, ReplayWindow, type Checkpoint } from './replayWindow.ts';
import { IndexHost, type ReplayIndex, type ReplayIndexDef } from './indexHost.ts';
import { partitionPoint } from '../core/search.ts';

export type { NodeState, PlayheadState, ReplayOptions, RunBatch } from './replayTypes.ts';
export { CHECKPOINT_ROWS, LANDMARK_EVERY } from './replayWindow.ts';

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
  /** Client requests hop by hop (to follow one on the canvas). */
  readonly requests: RequestReplay;
  private horizonTime = 0;
  private finished = false;
  /** The calls' columns (a long run's window forgets the calls its rows no longer name); read-only outside (replay/runSpans.ts). */
  readonly known = new ReplayCalls();
  /** The smallest call named (with its root and first attempt) by the rows since the last checkpoint. */
  private spanMin = Infinity;
  /** The smallest call named by the rows of each earlier checkpoint's span, and the time of its last row. */
  private readonly spanMins: { readonly end: number; readonly min: number }[] = [];
  /** No row to come names a call below this one (the worker's `oldestCall`; 0: unknown). */
  private oldestCall = 0;
  // Running state after every row folded so far, and checkpoints of it.
  private readonly state: Int32Array;
  private readonly latency = new LatencyRecorder();
  private readonly checkpoints: Checkpoint[] = [];
  private folded = 0;
  /** The rows held: all of them, or a long run's window of the latest (see `windowRows`). */
  private readonly held: ReplayWindow;
  private readonly indexes = new IndexHost(this);

  constructor(
    readonly topology: RunTopology,
    options: ReplayOptions = {},
  ) {
    this.held = new ReplayWindow(options.windowRows ?? Infinity);
    this.state = new Int32Array(topology.nodeIds.length * WIDTH);
    topology.initialModes.forEach((mode, node) => {
      this.state[node * WIDTH + F.mode] = mode;
    });
    this.checkpoints.push({ row: 0, time: -Infinity, state: this.state.slice(), latency: new LatencyRecorder() });
    this.inbound = new InboundReplay(topology);
    this.streams = new StreamReplay(topology, (c) => this.known.link[c - this.known.base]);
    this.queues = new QueueReplay(topology, (c) => this.known.parent[c - this.known.base]);
    this.links = new LinkReplay(topology, {
      link: (c) => this.known.link[c - this.known.base],
      isAttempt: (c) =>
        this.known.first[c - this.known.base] >= 0 &&
        this.known.link[c - this.known.base] === this.known.link[this.known.first[c - this.known.base] - this.known.base],
    });
    const k = this.known;
    this.requests = new RequestReplay(
      {
        low: () => k.base,
        count: () => k.count,
        root: (c) => k.root[c - k.base],
        parent: (c) => k.parent[c - k.base],
        first: (c) => k.first[c - k.base],
        link: (c) => k.link[c - k.base],
        caller: (c) => k.caller[c - k.base],
        sentAt: (c) => k.sentAt[c - k.base],
        status: (c) => k.status[c - k.base],
        attempt: (c) => this.attemptOf(c),
        requestMessage: (c) => k.requestMessage[c - k.base],
        replyMessage: (c) => k.replyMessage[c - k.base],
      },
      this.messages,
    );
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
    return this.known.count;
  }

  /** Calls whose columns are held (handed over and not forgotten; see `forgetCalls`). */
  get callsHeld(): number {
    return this.known.count - this.known.base;
  }

  /** Whether call c's columns are held (`call` and `attemptOf` answer only for those). */
  knows(c: number): boolean {
    return this.known.has(c);
  }

  /**
   * Forgets the calls no row to come names, nor any message the replay may still show (in flight
   * at a playhead in the window: named by a row held, a lost one's row up to LOST_MESSAGE_VISIBLE_MS
   * before, or open), nor has as root or first attempt: below the smallest of the worker's
   * `oldestCall`, the open messages' calls and the calls those rows' spans name. A call's parents
   * and attempts come before it and share its root, so they stay with it.
   */
  private forgetCalls(): void {
    if (this.oldestCall === 0) return;
    const spans = this.spanMins,
      since = this.held.from - LOST_MESSAGE_VISIBLE_MS;
    let gone = 0;
    while (gone < spans.length && spans[gone].end < since) gone++;
    spans.splice(0, gone);
    let low = Math.min(this.oldestCall, this.spanMin, this.messages.lowestOpenCall());
    for (const { min } of spans) if (min < low) low = min;
    this.known.forgetBefore(low);
    this.links.forgetBefore(this.known.base, this.known.count);
    this.requests.forgetBefore(this.known.base, this.known.count);
  }

  /** Takes in the next batch (batches must come in order). */
  ingest(batch: RunBatch): void {
    if (batch.firstCall !== this.known.count) throw new Error(`batch starts at call ${batch.firstCall}, expected ${this.known.count}`);
    this.known.add(batch.calls);
    this.links.reserve(this.known.count);
    this.requests.reserve(this.known.count);
    this.trace.appendRows(batch.rows);
    const n = this.trace.length;
    const trace = this.trace;
    const from = this.folded;
    while (this.folded < n) {
      const row = this.folded;
      this.fold(row, this.state, this.latency, true);
      const t = trace.time(row),
        type = trace.type(row),
        node = trace.node(row),
        a = trace.a(row),
        b = trace.b(row);
      this.links.onRow(t, type, node, a, b);
      this.inbound.onRow(t, type, node, a, b);
      this.streams.onRow(t, type, node, a, b);
      this.queues.onRow(t, type, node, a);
      this.requests.onRow(t, type, a, b);
      this.folded++;
      if (CALL_IN_A[type] === 1 && a >= 0) this.spanMin = Math.min(this.spanMin, this.known.lowestWith(a));
      if (this.folded % CHECKPOINT_ROWS === 0) {
        this.spanMins.push({ end: t, min: this.spanMin });
        this.spanMin = Infinity;
        this.checkpoints.push({ row: this.folded, time: t, state: this.state.slice(), latency: this.latency.clone() });
      }
    }
    this.indexes.feed(from, n); // before the window forgets any of these rows
    this.messages.compact();
    this.held.slide(trace, this.checkpoints, this.messages);
    if (batch.oldestCall !== undefined && batch.oldestCall > 0) this.oldestCall = batch.oldestCall;
    this.forgetCalls();
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
      return { ...presentState(this.topology, t, landmark.state, landmark.latency), approximate: true };
    }
    const end = this.trace.indexAt(nextAfter(t)); // rows with time <= t
    const { checkpoints } = this;
    // The last checkpoint at or before `end` (the first, the run's start, is at row 0).
    const checkpoint = checkpoints[Math.max(0, partitionPoint(0, checkpoints.length, (i) => checkpoints[i].row <= end) - 1)];
    const state = checkpoint.state.slice();
    const latency = checkpoint.latency.clone();
    for (let row = checkpoint.row; row < end; row++) this.fold(row, state, latency, false);
    return presentState(this.topology, t, state, latency.summary());
  }

  /** Index `def` (replay/indexes/): built on the first ask over the rows held, then fed each batch (indexHost.ts). */
  index<I extends ReplayIndex>(def: ReplayIndexDef<I>): I {
    return this.indexes.get(def);
  }

  /** Fills `out` with the messages in flight at time t (each shown for at least `minFlight` ms: see MessageIndex.at). */
  messagesAt(t: number, out: MessagesInFlight, minFlight = 0): void {
    this.messages.at(t, out, minFlight);
  }

  /**
   * What is known of call c: its trace (root request), parent, ends, link, hops from the root,
   * and which attempt of its resilient call it is (1 for a plain call or a first attempt).
   */
  call(c: number): {
    root: number;
    parent: number;
    caller: number;
    callee: number;
    link: number;
    sentAt: number;
    hops: number;
    attempt: number;
  } {
    const known = this.known,
      k = c - known.base;
    // Only for a known call (`knows`): a long run's window forgets calls no message it shows names.
    let hops = 1;
    for (let p = known.parent[k]; p >= 0; p = known.parent[p - known.base]) hops++;
    return {
      root: known.root[k],
      parent: known.parent[k],
      caller: known.caller[k],
      callee: known.callee[k],
      link: known.link[k],
      sentAt: known.sentAt[k],
      hops,
      attempt: this.attemptOf(c),
    };
  }

  /**
   * Which attempt of its resilient call c is (1 for a plain call or a first attempt), or for a
   * queue's delivery which delivery of its message (2 and up: a redelivery): cheap enough for
   * every dot of a frame.
   */
  attemptOf(c: number): number {
    if (this.known.deliveryNo[c - this.known.base] > 0) return this.known.deliveryNo[c - this.known.base];
    let attempt = 1;
    // A fallback's call to another service follows the attempts but is not one of them (another link).
    for (
      let p = this.known.previous[c - this.known.base];
      p >= 0 && this.known.link[p - this.known.base] === this.known.link[c - this.known.base];
      p = this.known.previous[p - this.known.base]
    )
      attempt++;
    return attempt;
  }

  /**
   * Folds row `row` into `state`. With `live` (the first, in-order pass) it also builds the
   * message index and per-call progress; replays from a checkpoint only recount.
   */
  private fold(row: number, state: Int32Array, latency: LatencyRecorder, live: boolean): void {
    const trace = this.trace;
    const type = trace.type(row),
      node = trace.node(row),
      a = trace.a(row),
      b = trace.b(row),
      t = trace.time(row);
    const at = node * WIDTH;
    switch (type) {
      case TraceType.OP_START:
        if (this.known.parent[a - this.known.base] < 0) state[at + F.sent]++;
        if (live) this.known.sentAt[a - this.known.base] = t;
        break;
      case TraceType.OP_END:
        // A client's resilient request: counted once, when its attempts (and fallback) are over.
        if (this.known.parent[a - this.known.base] < 0) this.countEnd(state, latency, at, a, b, t);
        break;
      case TraceType.SEND:
        if (this.known.parent[a - this.known.base] < 0 && this.known.first[a - this.known.base] < 0) state[at + F.sent]++;
        if (live) {
          // an operation's start is its OP_START
          if (this.known.first[a - this.known.base] !== a) this.known.sentAt[a - this.known.base] = t;
          this.known.requestMessage[a - this.known.base] = this.messages.begin(t, a, b, false, this.requestKind(a));
        }
        break;
      case TraceType.ARRIVE:
        state[at + F.arrivals]++;
        if (live) this.messages.finish(this.known.requestMessage[a - this.known.base], t, false);
        break;
      case TraceType.QUEUE:
        if (live) this.known.queuedRow[a - this.known.base] = row;
        state[at + F.line]++;
        break;
      case TraceType.START:
        if (live) this.known.startRow[a - this.known.base] = row;
        if (this.known.queuedRow[a - this.known.base] >= 0) state[at + F.line]--;
        state[at + F.busy]++;
        break;
      // A gRPC server stream keeps the worker its REPLY freed until its last message (features/answerStream/answerStream.ts).
      case TraceType.PUSH_WORKER:
        state[at + F.busy] += b === 1 ? 1 : -1;
        break;
      case TraceType.REPLY:
        state[at + F.busy]--;
        state[at + (b === CallStatus.OK ? F.ok : F.errors)]++;
        if (live && this.known.accepted[a - this.known.base] === 0)
          this.beginReply(a, t, b === CallStatus.OK ? MessageKind.REPLY : MessageKind.ERROR);
        break;
      case TraceType.REJECT:
        state[at + F.rejected]++;
        // Refused from the line (it waited too long, or its caller gave up meanwhile).
        if (this.known.queuedRow[a - this.known.base] >= 0 && this.known.queuedRow[a - this.known.base] < row) state[at + F.line]--;
        if (live && this.known.accepted[a - this.known.base] === 0)
          this.beginReply(a, t, this.topology.nodeKinds[node] === 'gateway' ? gatewayRefusalKind(b) : MessageKind.REJECTED);
        break;
      // Async HTTP (features/asyncHttp/asyncHttp.ts): the 202, the polls, and the job's end at its caller.
      case TraceType.ACCEPT:
        if (live) {
          this.known.accepted[a - this.known.base] = 1;
          this.beginReply(a, t, MessageKind.REPLY);
        }
        break;
      case TraceType.ACCEPTED:
        if (live) this.finishReply(a, t, false);
        break;
      case TraceType.POLL:
        if (live) {
          this.messages.finish(this.known.requestMessage[a - this.known.base], t, false);
          this.beginReply(a, t, MessageKind.REPLY);
        }
        break;
      case TraceType.JOB_DONE:
        if (this.known.parent[a - this.known.base] < 0 && this.known.first[a - this.known.base] < 0)
          this.countEnd(state, latency, at, a, b, t);
        if (live) this.known.status[a - this.known.base] = b;
        break;
      case TraceType.RECEIVE:
        if (this.known.parent[a - this.known.base] < 0 && this.known.first[a - this.known.base] < 0)
          this.countEnd(state, latency, at, a, b, t);
        if (live) {
          this.known.status[a - this.known.base] = b;
          this.finishReply(a, t, false);
        }
        break;
      case TraceType.LATE_REPLY:
        if (live) this.finishReply(a, t, false);
        break;
      case TraceType.TIMEOUT:
        if (this.known.parent[a - this.known.base] < 0 && this.known.first[a - this.known.base] < 0) state[at + F.timedOut]++;
        if (live) {
          this.known.status[a - this.known.base] = CallStatus.TIMEOUT;
          const reply = this.known.replyMessage[a - this.known.base];
          if (reply >= 0) this.messages.setKind(reply, MessageKind.LATE);
        }
        break;
      case TraceType.DROP: {
        if (b === DropReason.CRASH) {
          // The crashed callee held the request: at work if it had started, else in line.
          if (this.known.startRow[a - this.known.base] >= 0 && this.known.startRow[a - this.known.base] < row) state[at + F.busy]--;
          else if (this.known.queuedRow[a - this.known.base] >= 0 && this.known.queuedRow[a - this.known.base] < row) state[at + F.line]--;
          state[at + F.dropped]++;
        } else if (live) {
          // A message lost on the network: the request if the caller lost it, else the reply.
          const message =
            node === this.known.caller[a - this.known.base]
              ? this.known.requestMessage[a - this.known.base]
              : this.known.replyMessage[a - this.known.base];
          if (message >= 0) this.messages.finish(message, t, true);
        }
        // (An accepted job lost in a crash is not: its caller's polls find out.)
        if (
          live &&
          this.known.timeoutFlag[a - this.known.base] === 0 &&
          this.known.status[a - this.known.base] === CallStatus.PENDING &&
          !(b === DropReason.CRASH && this.known.accepted[a - this.known.base] === 1)
        ) {
          this.known.status[a - this.known.base] = CallStatus.DROPPED;
          this.known.droppedRow[a - this.known.base] = row;
        }
        // Lost with no timeout to notice: the client counts it as dropped (a resilient one at its OP_END).
        if (
          this.known.parent[a - this.known.base] < 0 &&
          this.known.first[a - this.known.base] < 0 &&
          this.known.droppedRow[a - this.known.base] === row
        )
          state[this.known.caller[a - this.known.base] * WIDTH + F.dropped]++;
        break;
      }
      case TraceType.STATE:
        state[at + F.mode] = b;
        break;
      default:
        if (live && type === TraceType.DELIVER) this.known.deliveryNo[a - this.known.base] = b;
        // A broker's rows (brokerFold.ts, streamFold.ts); some begin a reply: a confirm, an ack, a registry's or a probe's answer.
        if (!foldBrokerRow(type, state, at, F)) foldStreamRow(type, b, state, at, F);
        if (live && CONFIRMING.has(type)) this.beginReply(a, t, MessageKind.REPLY);
        break;
    }
  }

  /** A client's request ended with `status` at t (its latency runs from `sentAt`). */
  private countEnd(state: Int32Array, latency: LatencyRecorder, at: number, c: number, status: number, t: number): void {
    switch (status) {
      case CallStatus.OK:
        state[at + F.completed]++;
        latency.record(t - this.known.sentAt[c - this.known.base]);
        break;
      case CallStatus.REJECTED:
      case CallStatus.NOT_PERMITTED:
        state[at + F.rejected]++;
        break;
      case CallStatus.TIMEOUT:
        state[at + F.timedOut]++;
        break;
      case CallStatus.DROPPED:
        state[at + F.dropped]++;
        break;
      case CallStatus.ABANDONED:
        break;
      default:
        state[at + F.failed]++;
    }
  }

  /** What call c's request is: a publish (to a broker), a delivery (from a queue), a poll (of an accepted job), or a request. */
  private requestKind(c: number): number {
    const kinds: readonly string[] = this.topology.nodeKinds;
    if (BROKERS.has(kinds[this.known.callee[c - this.known.base]])) return MessageKind.PUBLISH;
    if (DELIVERING.has(kinds[this.known.caller[c - this.known.base]])) return MessageKind.DELIVERY;
    const parent = this.known.parent[c - this.known.base];
    return parent >= 0 &&
      this.known.accepted[parent - this.known.base] === 1 &&
      this.known.link[parent - this.known.base] === this.known.link[c - this.known.base] &&
      this.known.caller[parent - this.known.base] === this.known.caller[c - this.known.base]
      ? MessageKind.POLL
      : MessageKind.REQUEST;
  }

  private beginReply(c: number, t: number, kind: number): void {
    // A consumer's reply to a broker's delivery is its ack or nack.
    if (DELIVERING.has(this.topology.nodeKinds[this.known.caller[c - this.known.base]]))
      kind = kind === MessageKind.REPLY ? MessageKind.ACK : kind === MessageKind.ERROR ? MessageKind.NACK : kind;
    const late = this.known.status[c - this.known.base] !== CallStatus.PENDING;
    this.known.replyMessage[c - this.known.base] = this.messages.begin(
      t,
      c,
      this.known.link[c - this.known.base],
      true,
      late ? MessageKind.LATE : kind,
    );
  }

  private finishReply(c: number, t: number, lost: boolean): void {
    const reply = this.known.replyMessage[c - this.known.base];
    if (reply >= 0) this.messages.finish(reply, t, lost);
  }
}

/** The smallest double above t, so `indexAt(nextAfter(t))` counts the rows at exactly t too. */
function nextAfter(t: number): number {
  if (t === Infinity) return t;
  return t + Math.max(Number.MIN_VALUE, Math.abs(t) * Number.EPSILON);
}

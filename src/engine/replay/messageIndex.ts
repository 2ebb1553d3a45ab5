/**
 * Every message of a run as an interval of simulated time on a link, built from trace rows in
 * order: a request flies from SEND to ARRIVE (or DROP), a reply from REPLY/REJECT to RECEIVE,
 * LATE_REPLY (or DROP). Messages are appended in order of their start, so the ones in flight at
 * any time t are found by a binary search and a short backwards scan: no re-simulation, which is
 * what makes scrubbing instant.
 */
import { firstAfter } from '../core/search.ts';
import { RejectReason } from '../trace/eventTypes.ts';

/** What a message is, for drawing: colour *and* shape tell these apart. */
export const MessageKind = {
  REQUEST: 0,
  REPLY: 1,
  /** A reply carrying an error. */
  ERROR: 2,
  /** A refusal (queue full, service unavailable). */
  REJECTED: 3,
  /** A reply to a caller that has already given up. */
  LATE: 4,
  /** A request to a queue or topic: a publish (the broker's confirm is a REPLY). */
  PUBLISH: 5,
  /** A queue's delivery to a consumer (its ack is a REPLY, its nack an ERROR). */
  DELIVERY: 6,
  /** A poll of an accepted job's status (async HTTP). */
  POLL: 7,
  /** A consumer's acknowledgement of a delivery (its success) on the way back to the broker. */
  ACK: 8,
  /** A consumer's negative acknowledgement (its failure): the message will be delivered again, or dead-lettered. */
  NACK: 9,
  /** A gateway's refusal at the door for a missing, expired or forged token (401). */
  UNAUTHORIZED: 10,
  /** A gateway's refusal of a client over its rate (429). */
  THROTTLED: 11,
  /** A gateway's refusal of a path no route matches (404). */
  NOT_FOUND: 12,
} as const;
export const MESSAGE_KIND_NAMES = [
  'request',
  'reply',
  'error',
  'rejected',
  'late',
  'publish',
  'delivery',
  'poll',
  'ack',
  'nack',
  'unauthorized',
  'throttled',
  'not found',
] as const;
export type MessageKindName = (typeof MESSAGE_KIND_NAMES)[number];

/**
 * The kind of a gateway's refusal for RejectReason `reason`: 401 (no, expired or forged token), 429 (rate), 404 (no route), else a plain
 * refusal.
 */
export function gatewayRefusalKind(reason: number): number {
  switch (reason) {
    case RejectReason.UNAUTHENTICATED:
    case RejectReason.TOKEN_EXPIRED:
    case RejectReason.TOKEN_INVALID:
      return MessageKind.UNAUTHORIZED;
    case RejectReason.RATE_LIMITED:
      return MessageKind.THROTTLED;
    case RejectReason.NO_ROUTE:
      return MessageKind.NOT_FOUND;
    default:
      return MessageKind.REJECTED;
  }
}

/** How long a lost message stays visible (ms of simulated time) before it vanishes. */
export const LOST_MESSAGE_VISIBLE_MS = 5;

/** Messages in flight at one instant, as parallel arrays (reused between frames: no garbage). */
export interface MessagesInFlight {
  count: number;
  call: Int32Array;
  link: Int32Array;
  /** 1 when travelling from the link's `to` back to its `from` (a reply). */
  backward: Uint8Array;
  kind: Uint8Array;
  /** 1 when the message will be lost (it fades out instead of arriving). */
  lost: Uint8Array;
  /** 0 at the sender, 1 at the receiver. */
  progress: Float64Array;
  /** 1 when it has in fact arrived (or vanished) and is shown only for a minimum flight (see `MessageIndex.at`). */
  held: Uint8Array;
}

export function messagesBuffer(capacity = 4096): MessagesInFlight {
  return {
    count: 0,
    call: new Int32Array(capacity),
    link: new Int32Array(capacity),
    backward: new Uint8Array(capacity),
    kind: new Uint8Array(capacity),
    lost: new Uint8Array(capacity),
    progress: new Float64Array(capacity),
    held: new Uint8Array(capacity),
  };
}

function grown<T extends Int32Array | Uint8Array | Float64Array>(a: T, capacity: number): T {
  const b = new (a.constructor as new (n: number) => T)(capacity);
  b.set(a);
  return b;
}

export class MessageIndex {
  /** Messages [0, low) are forgotten (see `forgetEndedBy`); slot i − base of the arrays holds message i. */
  private low = 0;
  private base = 0;
  private n = 0;
  private start = new Float64Array(1024);
  private end = new Float64Array(1024);
  private call = new Int32Array(1024);
  private link = new Int32Array(1024);
  private flags = new Uint8Array(1024); // bit 0 backward, bit 1 lost; kind in bits 4..7
  /** Longest flight among finished messages, ms: how far back a query must look. */
  private longest = 0;
  /** Messages not yet finished (their end is Infinity). */
  private open: number[] = [];

  get length(): number {
    return this.n;
  }

  /** Messages held (the others forgotten: see `forgetEndedBy`). */
  get held(): number {
    return this.n - this.low;
  }

  /** A message starts at `time`; returns its index (its end is unknown yet). */
  begin(time: number, call: number, link: number, backward: boolean, kind: number): number {
    const i = this.n;
    if (i - this.base === this.start.length) this.grow();
    this.n = i + 1;
    const k = i - this.base;
    this.start[k] = time;
    this.end[k] = Infinity;
    this.call[k] = call;
    this.link[k] = link;
    this.flags[k] = (backward ? 1 : 0) | (kind << 4);
    this.open.push(i);
    return i;
  }

  /** Message i arrived (or, with `lost`, vanished) at `time`. */
  finish(i: number, time: number, lost: boolean): void {
    if (i < this.low) return; // forgotten: it had ended already
    const k = i - this.base;
    const end = lost ? time + LOST_MESSAGE_VISIBLE_MS : time;
    this.end[k] = end;
    if (lost) this.flags[k] |= 2;
    if (end - this.start[k] > this.longest) this.longest = end - this.start[k];
  }

  /** Marks message i's kind (a reply turns "late" when its caller has given up). */
  setKind(i: number, kind: number): void {
    if (i < this.low) return;
    const k = i - this.base;
    this.flags[k] = (this.flags[k] & 15) | (kind << 4);
  }

  /** When message i started and ended (ms; end Infinity: still in flight; both NaN: no such message, or forgotten). */
  startOf(i: number): number {
    return i >= this.low && i < this.n ? this.start[i - this.base] : NaN;
  }

  endOf(i: number): number {
    return i >= this.low && i < this.n ? this.end[i - this.base] : NaN;
  }

  /** The smallest call of a message not finished yet (Infinity: none). */
  lowestOpenCall(): number {
    let low = Infinity;
    for (const i of this.open) if (this.end[i - this.base] === Infinity && this.call[i - this.base] < low) low = this.call[i - this.base];
    return low;
  }

  /** Forgets finished messages in the open list; call once per ingested batch. */
  compact(): void {
    this.open = this.open.filter((i) => this.end[i - this.base] === Infinity);
  }

  /**
   * Forgets the oldest messages, as long as each had ended by `time` (a replay's window: it no
   * longer answers for times before). The first one still open, however old, stops it there.
   */
  forgetEndedBy(time: number): void {
    let low = this.low;
    while (low < this.n && this.end[low - this.base] <= time) low++;
    this.low = low;
    const kept = this.n - low;
    // Moved down when at least half the arrays are forgotten messages: each message moves O(1) times.
    if (low - this.base < kept || low - this.base < 1024) return;
    for (const a of [this.start, this.end, this.call, this.link, this.flags]) a.copyWithin(0, low - this.base, this.n - this.base);
    this.base = low;
  }

  /**
   * Fills `out` with the messages in flight at time t (at most its capacity). With `minFlight`
   * (ms), a message whose flight is shorter is shown for that long from its start, its progress
   * stretched to match (a drawing's time stretch, so a 1 ms hop stays visible: the message's own
   * times are unchanged). Unfinished messages are never stretched.
   */
  at(t: number, out: MessagesInFlight, minFlight = 0): void {
    let count = 0;
    const capacity = out.call.length;
    const base = this.base;
    const take = (i: number) => {
      const k = i - base;
      const s = this.start[k],
        e = Math.max(this.end[k], s + minFlight);
      if (s > t || e <= t || count >= capacity) return;
      out.call[count] = this.call[k];
      out.link[count] = this.link[k];
      const f = this.flags[k];
      out.backward[count] = f & 1;
      out.lost[count] = (f >> 1) & 1;
      out.kind[count] = f >> 4;
      out.held[count] = this.end[k] <= t ? 1 : 0;
      // Unfinished messages (at the edge of what has been simulated) hold still mid-way.
      out.progress[count] = e === Infinity ? 0.5 : e > s ? (t - s) / (e - s) : 1;
      count++;
    };
    // Finished messages that could still be in flight started within `longest` before t.
    let hi = this.upperBound(t);
    const from = t - Math.max(this.longest, minFlight);
    while (--hi >= this.low && this.start[hi - base] >= from) if (this.end[hi - base] !== Infinity) take(hi);
    for (const i of this.open) if (this.end[i - base] === Infinity) take(i);
    out.count = count;
  }

  /** First message starting after t. */
  private upperBound(t: number): number {
    return this.base + firstAfter(this.start, t, this.low - this.base, this.n - this.base);
  }

  private grow(): void {
    const capacity = Math.max(1024, this.start.length * 2);
    this.start = grown(this.start, capacity);
    this.end = grown(this.end, capacity);
    this.call = grown(this.call, capacity);
    this.link = grown(this.link, capacity);
    this.flags = grown(this.flags, capacity);
  }
}

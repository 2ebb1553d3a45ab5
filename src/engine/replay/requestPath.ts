/**
 * One client request followed through a run: every call made for it (its hops, the calls those
 * made, each retry), with when each hop's request and reply flew, and when and how the request
 * ended for its client. The replay's in-order pass tells this fold each row once; it keeps only
 * the ends of client requests (a time and a status per call). The calls of a request are found
 * from the static call columns on demand (calls are numbered in the order they are made, so they
 * all come after the request's first call).
 *
 * A request is named by its first call. A client's resilient request (retries at the client) is an
 * operation whose attempts are calls of their own, each a root: they belong to the operation's
 * first attempt.
 */
import { CallStatus, TraceType } from '../trace/eventTypes.ts';
import type { MessageIndex } from './messageIndex.ts';

/** What the fold reads of the replay's call columns. */
export interface RequestLookup {
  /** The first call still known (a long run's window forgets the calls before it). */
  low(): number;
  /** Calls handed over so far (ids 0..count−1; those from `low()` on are known). */
  count(): number;
  root(c: number): number;
  parent(c: number): number;
  caller(c: number): number;
  /** When c was sent (a resilient call: when its operation began). */
  sentAt(c: number): number;
  /** The first attempt of c's resilient call (itself for a first attempt), or −1 for a plain call. */
  first(c: number): number;
  link(c: number): number;
  /** Call c's status as the rows folded so far leave it (CallStatus). */
  status(c: number): number;
  attempt(c: number): number;
  /** The message index's number of c's request and of its reply (−1: none). */
  requestMessage(c: number): number;
  replyMessage(c: number): number;
}

/** One call of a followed request: a hop over a link and back. Times in ms; NaN: it never happened (or the replay forgot it). */
export interface RequestHop {
  readonly call: number;
  /** The call during whose handling it was made (−1: the client's own). */
  readonly parent: number;
  /** The link's index in the run's topology. */
  readonly link: number;
  /** Which attempt of its resilient call it is (1: the first, or a plain call). */
  readonly attempt: number;
  /** How the call ended, as far as the run has got (CallStatus; PENDING while under way). */
  readonly status: number;
  /** The request left the caller, and reached the callee (Infinity: still on the way; a lost one's end is when it vanished). */
  readonly sent: number;
  readonly arrived: number;
  /** The reply left the callee, and reached the caller. */
  readonly replied: number;
  readonly received: number;
}

export interface RequestPath {
  /** The request's id: its first call. */
  readonly request: number;
  /** Its calls in the order they were made: the client's first. */
  readonly hops: readonly RequestHop[];
  /** When its client saw it end (NaN: not yet), and how (CallStatus). */
  readonly endedAt: number;
  readonly outcome: number;
}

export class RequestReplay {
  /** When and how each client request ended; call c's cell is at c − `base`. */
  private endedAt = new Float64Array(1024).fill(NaN);
  private outcome = new Uint8Array(1024);
  /** The call whose cells come first (calls before it are forgotten, see `forgetBefore`). */
  private base = 0;

  constructor(
    private readonly calls: RequestLookup,
    private readonly messages: MessageIndex,
  ) {}

  /** Makes room for calls up to `count`. */
  reserve(count: number): void {
    count -= this.base;
    if (count <= this.endedAt.length) return;
    let capacity = this.endedAt.length;
    while (capacity < count) capacity *= 2;
    const ended = new Float64Array(capacity).fill(NaN);
    ended.set(this.endedAt);
    this.endedAt = ended;
    const outcome = new Uint8Array(capacity);
    outcome.set(this.outcome);
    this.outcome = outcome;
  }

  /**
   * Forgets the calls below `id` (as the replay's call columns do), moving the cells down once at
   * least half of them are forgotten ones, so a long run's memory stays flat.
   */
  forgetBefore(id: number, count: number): void {
    const gone = id - this.base;
    if (gone <= 0 || gone < count - id) return;
    this.endedAt.copyWithin(0, gone, count - this.base);
    this.endedAt.fill(NaN, count - id);
    this.outcome.copyWithin(0, gone, count - this.base);
    this.outcome.fill(0, count - id);
    this.base = id;
  }

  /**
   * Folds one row, after the replay has (so a call's status is this row's). A client request ends
   * where the replay counts it: a resilient one at its OP_END, a plain one when its reply comes
   * back, its timeout fires, or it is lost with no timeout to notice.
   */
  onRow(t: number, type: number, a: number, b: number): void {
    const { calls } = this;
    switch (type) {
      case TraceType.OP_END:
        if (calls.parent(a) < 0) this.end(a, b, t);
        break;
      case TraceType.RECEIVE:
      case TraceType.JOB_DONE:
        if (this.plainRoot(a)) this.end(a, b, t);
        break;
      case TraceType.TIMEOUT:
        if (this.plainRoot(a)) this.end(a, CallStatus.TIMEOUT, t);
        break;
      case TraceType.DROP:
        if (this.plainRoot(a) && Number.isNaN(this.endedAt[a - this.base]) && calls.status(a) === CallStatus.DROPPED)
          this.end(a, CallStatus.DROPPED, t);
        break;
    }
  }

  /** The request call c was made for (its first call); −1 when c or its request is forgotten. */
  requestOf(c: number): number {
    const low = this.calls.low();
    if (c < low || c >= this.calls.count()) return -1;
    const root = this.calls.root(c);
    if (root < low) return -1;
    const first = this.calls.first(root);
    const request = first >= 0 ? first : root;
    return request >= low ? request : -1;
  }

  /**
   * The request client `node` sends first at or after time t (its id), or, when the run has not
   * got that far, the last it sent before; −1 if it has sent none.
   */
  nextFrom(node: number, t: number): number {
    const { calls } = this;
    let last = -1;
    for (let c = calls.low(), n = calls.count(); c < n; c++) {
      if (calls.caller(c) !== node || calls.parent(c) >= 0 || this.requestOf(c) !== c) continue;
      if (calls.sentAt(c) >= t) return c;
      last = c;
    }
    return last;
  }

  /** The request call c was made for, hop by hop, as far as the run has got. */
  pathOf(c: number): RequestPath {
    const { calls, messages } = this;
    const request = this.requestOf(c);
    const hops: RequestHop[] = [];
    if (request < 0) return { request, hops, endedAt: NaN, outcome: CallStatus.PENDING };
    const count = calls.count();
    for (let x = request; x < count; x++) {
      if (this.requestOf(x) !== request) continue;
      const out = calls.requestMessage(x),
        back = calls.replyMessage(x);
      hops.push({
        call: x,
        parent: calls.parent(x),
        link: calls.link(x),
        attempt: calls.attempt(x),
        status: calls.status(x),
        sent: messages.startOf(out),
        arrived: messages.endOf(out),
        replied: messages.startOf(back),
        received: messages.endOf(back),
      });
    }
    return {
      request,
      hops,
      endedAt: this.endedAt[request - this.base] ?? NaN,
      outcome: this.outcome[request - this.base] ?? CallStatus.PENDING,
    };
  }

  private plainRoot(c: number): boolean {
    return this.calls.parent(c) < 0 && this.calls.first(c) < 0;
  }

  private end(c: number, status: number, t: number): void {
    const k = c - this.base;
    if (!Number.isNaN(this.endedAt[k])) return;
    this.endedAt[k] = t;
    this.outcome[k] = status;
  }
}

/**
 * A replay's columns per call (traceReplay.ts): the fixed ones a worker hands over with each
 * batch, and the progress the replay's in-order pass records. A long run's replay forgets the
 * calls below a given id (`forgetBefore`): the cells of call c are at c − `base`, and move down
 * once at least half of them are forgotten ones, so each cell moves O(1) times and the columns
 * hold about twice the calls still known.
 */
import type { StaticCalls } from '../trace/callTable.ts';

type Column = Int32Array | Uint8Array | Float64Array;

export class ReplayCalls {
  /** The first call still known: calls below it are forgotten. */
  base = 0;
  /** Calls handed over so far (ids 0..count−1). */
  count = 0;
  parent = new Int32Array(1024);
  root = new Int32Array(1024);
  caller = new Int32Array(1024);
  callee = new Int32Array(1024);
  link = new Int32Array(1024);
  timeoutFlag = new Uint8Array(1024);
  /** A resilient call's first attempt (−1 for a plain call) and the attempt before (−1 for a first). */
  first = new Int32Array(1024);
  previous = new Int32Array(1024);
  // Per-call progress, as the rows tell it.
  sentAt = new Float64Array(1024);
  status = new Uint8Array(1024);
  // Rows at which the call was queued, started, or became dropped (-1: never), recorded by the
  // in-order pass so that a replay from a checkpoint can tell where a call stood at any row.
  queuedRow = new Int32Array(1024);
  startRow = new Int32Array(1024);
  droppedRow = new Int32Array(1024);
  requestMessage = new Int32Array(1024);
  replyMessage = new Int32Array(1024);
  /** Whether a job's 202 was sent (async HTTP): its outcome then stays with the callee, no reply message. */
  accepted = new Uint8Array(1024);
  /** A queue's delivery: which delivery of its message it is (0: not a delivery). */
  deliveryNo = new Int32Array(1024);

  /** Whether call c is known (handed over, not forgotten). */
  has(c: number): boolean {
    return c >= this.base && c < this.count;
  }

  /** The smallest of call c, its root and its first attempt: what must stay known while c is named. */
  lowestWith(c: number): number {
    const k = c - this.base;
    const first = this.first[k];
    return Math.min(c, this.root[k], first >= 0 ? first : c);
  }

  /** Appends the next calls' fixed columns (ids from `count` on). */
  add(calls: StaticCalls): void {
    const n = calls.parent.length;
    const at = this.count - this.base,
      need = at + n;
    if (need > this.parent.length) {
      let capacity = this.parent.length;
      while (capacity < need) capacity *= 2;
      this.resize(capacity);
    }
    this.parent.set(calls.parent, at);
    this.root.set(calls.root, at);
    this.caller.set(calls.caller, at);
    this.callee.set(calls.callee, at);
    this.link.set(calls.link, at);
    this.timeoutFlag.set(calls.timeoutFlag, at);
    this.first.set(calls.first, at);
    this.previous.set(calls.previous, at);
    this.sentAt.fill(0, at, need);
    this.status.fill(0, at, need);
    this.requestMessage.fill(-1, at, need);
    this.queuedRow.fill(-1, at, need);
    this.startRow.fill(-1, at, need);
    this.droppedRow.fill(-1, at, need);
    this.replyMessage.fill(-1, at, need);
    this.accepted.fill(0, at, need);
    this.deliveryNo.fill(0, at, need);
    this.count += n;
  }

  /** Forgets the calls below `id` (no row folded from now on names one, nor the parent, root or attempt of one named). */
  forgetBefore(id: number): void {
    const gone = Math.min(id, this.count) - this.base;
    const kept = this.count - this.base - gone;
    if (gone <= 0 || gone < kept || gone < 1024) return;
    for (const column of this.columns()) column.copyWithin(0, gone, gone + kept);
    this.base += gone;
    // Shrink when the calls known fill less than a quarter (a burst of calls in flight has passed).
    if (kept * 4 < this.parent.length && this.parent.length > 1024) this.resize(Math.max(1024, this.parent.length >> 1));
  }

  /** Bytes the columns hold. */
  get byteSize(): number {
    return this.columns().reduce((sum, c) => sum + c.byteLength, 0);
  }

  private columns(): Column[] {
    return [
      this.parent,
      this.root,
      this.caller,
      this.callee,
      this.link,
      this.timeoutFlag,
      this.first,
      this.previous,
      this.sentAt,
      this.status,
      this.queuedRow,
      this.startRow,
      this.droppedRow,
      this.requestMessage,
      this.replyMessage,
      this.accepted,
      this.deliveryNo,
    ];
  }

  private resize(capacity: number): void {
    const used = this.count - this.base;
    const g = <T extends Column>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(capacity);
      b.set(a.subarray(0, used));
      return b;
    };
    this.parent = g(this.parent);
    this.root = g(this.root);
    this.caller = g(this.caller);
    this.callee = g(this.callee);
    this.link = g(this.link);
    this.timeoutFlag = g(this.timeoutFlag);
    this.sentAt = g(this.sentAt);
    this.first = g(this.first);
    this.previous = g(this.previous);
    this.status = g(this.status);
    this.queuedRow = g(this.queuedRow);
    this.startRow = g(this.startRow);
    this.droppedRow = g(this.droppedRow);
    this.requestMessage = g(this.requestMessage);
    this.replyMessage = g(this.replyMessage);
    this.accepted = g(this.accepted);
    this.deliveryNo = g(this.deliveryNo);
  }
}

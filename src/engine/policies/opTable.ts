/**
 * Resilient calls ("operations") as rows of parallel typed arrays, like the call table: who calls
 * whom over which link under which policy, when it began and must end, its attempts so far (each
 * attempt is a call of its own), and how it ended.
 */
import { CallStatus } from '../trace/eventTypes.ts';

/** Operation flags. */
export const OpFlag = { FALLING_BACK: 1 } as const;

export class OpTable {
  private n = 0;
  parent = new Int32Array(256);
  caller = new Int32Array(256);
  callee = new Int32Array(256);
  link = new Int32Array(256);
  policy = new Int32Array(256);
  /** A client's closed-loop user (−1: none). */
  user = new Int32Array(256);
  /** The attempts' timeout lane (−1: none). */
  timeoutLane = new Int32Array(256);
  first = new Int32Array(256);
  current = new Int32Array(256);
  attempts = new Int32Array(256);
  status = new Uint8Array(256);
  flags = new Uint8Array(256);
  startedAt = new Float64Array(256);
  deadlineAt = new Float64Array(256);
  /** The wait before the latest retry (decorrelated jitter grows from it; NaN before any). */
  lastDelay = new Float64Array(256);
  /** The stream message (its sequence number at the operation's stream) its first appended attempt became, −1: none yet. A retry that reaches the stream again is that message sent again: it keeps its key and id. */
  message = new Int32Array(256);

  get length(): number {
    return this.n;
  }

  /** A new operation, pending, with no attempt yet. The caller sets `startedAt` and `deadlineAt`. */
  add(parent: number, caller: number, callee: number, link: number, policy: number, timeoutLane: number): number {
    const op = this.n;
    if (op === this.parent.length) this.grow();
    this.n = op + 1;
    this.parent[op] = parent;
    this.caller[op] = caller;
    this.callee[op] = callee;
    this.link[op] = link;
    this.policy[op] = policy;
    this.timeoutLane[op] = timeoutLane;
    this.first[op] = -1;
    this.current[op] = -1;
    this.attempts[op] = 0;
    this.status[op] = CallStatus.PENDING;
    this.flags[op] = 0;
    this.lastDelay[op] = NaN;
    this.message[op] = -1;
    return op;
  }

  private grow(): void {
    const capacity = this.parent.length * 2;
    for (const key of Object.keys(this) as (keyof this)[]) {
      const value = this[key];
      if (ArrayBuffer.isView(value)) {
        const array = value as unknown as Int32Array;
        const bigger = new (array.constructor as new (n: number) => Int32Array)(capacity);
        bigger.set(array);
        (this as Record<keyof this, unknown>)[key] = bigger;
      }
    }
  }
}

/**
 * Resilient calls ("operations") as rows of parallel typed arrays, like the call table: who calls
 * whom over which link under which policy, when it began and must end, its attempts so far (each
 * attempt is a call of its own), and how it ended. A summary-only run that reuses call rows reuses
 * the rows of finished operations too (`reuseRows`, `collect`).
 */
import { CallStatus } from '../trace/eventTypes.ts';

/** Operation flags. */
export const OpFlag = { FALLING_BACK: 1 } as const;

/** The parent of a row that holds no operation (a reusing table's free row). */
const FREE = -2;
/** The status of a free row: no status an operation has, so nothing takes it for a pending one. */
const FREE_STATUS = 255;

export class OpTable {
  private n = 0;
  /** `add` takes row `n` without a second look until here: the capacity, or (reusing) never. */
  private end = 256;
  /** Reusing tables only: rows handed out at least once, the free ones, the next free one. */
  private fresh = -1;
  private free = new Int32Array(0);
  private freeCount = 0;
  private freePos = 0;
  /** Reusing tables only: operations started so far, and each row's place among them (creation order, which ids no longer give). */
  private started = 0;
  serial = new Float64Array(256);
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
  /**
   * The stream message (its sequence number at the operation's stream) its first appended attempt became, −1: none yet. A retry that
   * reaches the stream again is that message sent again: it keeps its key and id.
   */
  message = new Int32Array(256);

  get length(): number {
    return this.n;
  }

  /** A new operation, pending, with no attempt yet. The caller sets `startedAt` and `deadlineAt`. */
  add(parent: number, caller: number, callee: number, link: number, policy: number, timeoutLane: number): number {
    let op = this.n;
    if (op === this.end) op = this.nextRow();
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

  /** The row for the next operation once `end` is reached: more capacity, or (reusing) a free or fresh row. */
  private nextRow(): number {
    if (this.fresh < 0) {
      this.grow();
      this.end = this.parent.length;
      return this.n;
    }
    let op: number;
    if (this.freePos < this.freeCount) op = this.free[this.freePos++];
    else {
      if (this.fresh === this.parent.length) this.grow();
      op = this.fresh++;
    }
    this.serial[op] = this.started++;
    // `n` becomes op + 1: the next `add` comes back here.
    this.end = op + 1;
    return op;
  }

  /**
   * From now on, reuse the rows of operations `collect` finds unreferenced (a summary-only run
   * whose call table reuses rows, see kernel/callReuse.ts). Ids are then reused: `serial`
   * gives the order operations began in, and `rowsHandedOut` bounds the rows in use.
   */
  reuseRows(): void {
    this.fresh = this.n;
    this.end = this.n;
    for (let op = 0; op < this.n; op++) this.serial[op] = op;
    this.started = this.n;
  }

  /** Whether ids are reused (see `reuseRows`). */
  get reusing(): boolean {
    return this.fresh >= 0;
  }

  /** Operations started since rows are reused (see `reuseRows`; for tests). */
  get startedWhileReusing(): number {
    return this.started;
  }

  /** Rows allocated (in use or not). */
  get capacity(): number {
    return this.parent.length;
  }

  /** Rows below this may hold operations (a free one has parent −2 and no pending status). */
  get rowsHandedOut(): number {
    return this.fresh < 0 ? this.n : this.fresh;
  }

  /**
   * Frees every row handed out whose cell in `live` is 0: `add` hands them out again. The caller
   * marks every operation anything still refers to (kernel/callReuse.ts).
   */
  collect(live: Uint8Array): void {
    const rows = this.rowsHandedOut;
    if (this.free.length < rows) this.free = new Int32Array(this.parent.length);
    let count = 0;
    for (let op = 0; op < rows; op++) {
      if (live[op] === 1) continue;
      this.free[count++] = op;
      this.parent[op] = FREE;
      this.status[op] = FREE_STATUS;
    }
    this.freeCount = count;
    this.freePos = 0;
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

/**
 * Every call of a run (a request from one node to another and its reply) as one row of
 * parallel typed arrays. A call is a span: its trace id is its root call, its parent is the
 * call during whose handling it was made. The engine also keeps the call's progress here
 * (which step of the callee's plan it is on, how many sub-calls are still out), so the hot
 * path allocates nothing per request. A summary-only run reuses the rows of finished calls
 * (`reuseRows`), so its table stays as large as the calls in flight need.
 */
import { giveColumn, giveReleasedColumns, takeColumn, type Column } from './spareMemory.ts';
import { FREE, joinStatic, staticOfNew, type StaticCalls } from './staticCalls.ts';

/** Where a request is at its callee. */
export const Phase = {
  /** Travelling towards the callee. */
  SENT: 0,
  QUEUED: 1,
  WORKING: 2,
  /** Waiting on its own downstream calls. */
  CALLING: 3,
  REPLIED: 4,
  REJECTED: 5,
  /** Lost at the callee (it crashed while holding the request). */
  DROPPED: 6,
} as const;

export type { StaticCalls } from './staticCalls.ts';

export class CallTable {
  private n = 0;
  /** `add` hands out ids up to here without a second look: the capacity, or the end of a run of free rows. */
  private end = 0;
  /** A summary-only run's marker of live calls (see `reuseRows`); undefined: ids are never reused. */
  private markLive: ((live: Uint8Array) => void) | undefined;
  /** Free rows, ascending, and the next one to hand out (reusing tables only). */
  private free = new Int32Array(0);
  private freeCount = 0;
  private freePos = 0;
  private live = new Uint8Array(0);
  /** Collections so far (reusing tables only; for tests and benchmarks). */
  collections = 0;
  /** Calls made so far: the next call's id (see `id`). */
  private issued = 0;
  /**
   * A traced reusing table (see `reuseRows`): what to do before a slot is handed to another call, and the calls' fixed columns not yet
   * taken (`takeStatic`).
   */
  private traced: { readonly beforeCollect: () => void; taken: number; readonly journal: StaticCalls[] } | undefined;
  /** The smallest id of a call still held (see `oldestHeld`). */
  private oldestSurvivor = 0;
  /**
   * The call's id in the order calls were made (0, 1, 2, …): its row (slot) itself unless rows
   * are reused (see `reuseRows`), when a trace still names calls by id.
   */
  id!: Int32Array;
  parent!: Int32Array;
  root!: Int32Array;
  caller!: Int32Array;
  callee!: Int32Array;
  link!: Int32Array;
  /** Closed-loop user who sent a client's request (-1: open loop). */
  user!: Int32Array;
  /** The resilient operation this call is an attempt of (engine/features/resilience/operations.ts), or -1. */
  op!: Int32Array;
  /** The previous attempt of the same operation, or -1. */
  previous!: Int32Array;
  /** Why the callee refused it (RejectReason), when its reply is a refusal. */
  reason!: Uint8Array;
  /**
   * When its caller gives up on it, if the caller said so (a propagated deadline; Infinity:
   * unknown to the callee). A callee stops working for a caller that has given up.
   */
  deadline!: Float64Array;
  /** Index of the callee's plan step in progress. */
  step!: Int32Array;
  /** Outstanding sub-calls of the current plan step. */
  pending!: Int32Array;
  /** First sub-call of the current plan step (sub-calls of one step get consecutive ids). */
  firstChild!: Int32Array;
  /** Caller-side status (CallStatus). */
  status!: Uint8Array;
  /** What the callee answered (CallStatus). */
  reply!: Uint8Array;
  /** Callee-side progress (Phase). */
  phase!: Uint8Array;
  /** Per-call facts, one bit each; every bit and its owner: kernel/callFlags.ts (bit 0, a timeout watches the call, is set here). */
  flags!: Uint8Array;
  /** What the call is, for routing its arrival and its end (kernel/callRoles.ts); set by the kernel as the call starts. */
  role!: Uint8Array;
  sentAt!: Float64Array;
  arrivedAt!: Float64Array;
  startedAt!: Float64Array;
  repliedAt!: Float64Array;
  endedAt!: Float64Array;
  /** Intrusive list of calls a service is holding a worker for (so a crash can find them). */
  prevActive!: Int32Array;
  nextActive!: Int32Array;

  /**
   * @param initialCapacity rows allocated up front
   * @param expected rows the whole run is expected to need: once past the initial capacity, the
   *   table grows straight towards it (at most 4× at a time) instead of doubling, so a long run
   *   allocates and copies its columns once or twice rather than at every power of two
   */
  constructor(
    initialCapacity = 1024,
    private readonly expected = 0,
  ) {
    this.allocate(initialCapacity);
    this.end = this.parent.length;
  }

  /** Calls made so far (ids 0..length−1). Not so in a table that reuses rows (see `reuseRows`). */
  get length(): number {
    return this.n;
  }

  /**
   * Adds a call in flight from caller to callee and returns its id. The caller sets `sentAt`
   * (a time argument would be boxed whenever V8 does not inline this).
   */
  add(parent: number, caller: number, callee: number, link: number, hasTimeout: boolean): number {
    let c = this.n;
    if (c === this.end) c = this.nextRow();
    this.n = c + 1;
    this.parent[c] = parent;
    this.root[c] = parent < 0 ? c : this.root[parent];
    this.caller[c] = caller;
    this.callee[c] = callee;
    this.link[c] = link;
    this.id[c] = this.issued++;
    this.user[c] = -1;
    this.op[c] = -1;
    this.previous[c] = -1;
    this.deadline[c] = Infinity;
    this.flags[c] = hasTimeout ? 1 : 0;
    this.role[c] = 0;
    // A new row's other cells are zero (a reused one was zeroed when it was freed): status
    // PENDING, phase SENT, and times that only mean something once status or phase says they happened.
    return c;
  }

  /** The row for the next call once `end` is reached: more capacity, or (reusing) the next free row. */
  private nextRow(): number {
    const c = this.n;
    if (this.markLive === undefined) {
      this.allocate(Math.max(2 * c, 16, Math.min(4 * c, this.expected)));
      this.end = this.parent.length;
      return c;
    }
    if (this.freePos === this.freeCount) this.collect();
    // The longest run of consecutive free rows from the next one: `add` then goes straight through it.
    const free = this.free;
    const first = free[this.freePos++];
    let end = first + 1;
    while (this.freePos < this.freeCount && free[this.freePos] === end) {
      this.freePos++;
      end++;
    }
    this.end = end;
    return first;
  }

  /**
   * From now on, reuse the rows of calls nothing refers to any more, so the table's memory is
   * bounded by the calls in flight rather than growing with the run: for a summary-only run,
   * whose report reads the components' counters and never a finished call's row. Ids are then
   * reused, so `length` no longer counts calls and a step's sub-calls need not have consecutive
   * ids (see `reusing`).
   *
   * When the table is full, `markLive` marks in `live` (one cell per row) every call something
   * still refers to: pending events and timers, waiting lines and workers, maps keyed by call.
   * Calls still pending at their caller and the parents of marked calls are kept as well; every
   * other row is freed (zeroed where `add` does not write) and handed out again. With fewer than
   * half the rows freed, the table doubles, so collections stay rare as the calls in flight grow.
   */
  /** Whether finished calls' rows are reused (see `reuseRows`): the table then stays as large as the calls in flight need. */
  get reusesRows(): boolean {
    return this.markLive !== undefined;
  }

  reuseRows(markLive: (live: Uint8Array) => void, traced?: { readonly beforeCollect: () => void }): void {
    this.markLive = markLive;
    if (traced) this.traced = { beforeCollect: traced.beforeCollect, taken: this.issued, journal: [] };
  }

  /** Calls made so far (their ids are 0..callsMade−1, whether rows are reused or not). */
  get callsMade(): number {
    return this.issued;
  }

  /**
   * No call with a smaller id is held any more (a reusing table; 0 otherwise): no later trace row
   * can name one, nor be the root, parent or attempt of one held. Calls from here on may still
   * have ended: this is a bound, for a viewer that forgets calls (replay/traceReplay.ts).
   */
  get oldestHeld(): number {
    return this.collections === 0 ? 0 : this.oldestSurvivor;
  }

  /**
   * Rows below this may hold calls (the others have never held one): every id handed out so far
   * is below it. For a walk over a reusing table's calls, whose ids are not 0..length-1; a row
   * that holds no call has parent −2.
   */
  get rowsHandedOut(): number {
    return this.collections === 0 ? this.n : this.parent.length;
  }

  /** Whether ids are reused (see `reuseRows`). */
  get reusing(): boolean {
    return this.markLive !== undefined;
  }

  /** Frees every row no call needs any more and lists the free rows (see `reuseRows`). */
  private collect(): void {
    if (this.traced) {
      // The trace names the slots about to be handed out by id first, and the viewer gets their calls' fixed columns.
      this.traced.beforeCollect();
      this.journalNew();
    }
    this.collections++;
    const capacity = this.parent.length;
    if (this.live.length !== capacity) this.live = new Uint8Array(capacity);
    const live = this.live;
    live.fill(0);
    (this.markLive as (live: Uint8Array) => void)(live);
    const parent = this.parent,
      status = this.status;
    // Rows below `n` were all handed out before the first collection; since then every row is a call's or FREE.
    for (let x = 0; x < capacity; x++) {
      if (parent[x] === FREE) continue;
      if (status[x] === 0) live[x] = 1; // still pending at its caller
      if (live[x] === 1) for (let p = parent[x]; p >= 0 && live[p] === 0; p = parent[p]) live[p] = 1;
    }
    if (this.free.length !== capacity) this.free = new Int32Array(capacity);
    const free = this.free;
    const zeroed = [
      this.reason,
      this.status,
      this.reply,
      this.phase,
      this.step,
      this.pending,
      this.firstChild,
      this.sentAt,
      this.arrivedAt,
      this.startedAt,
      this.repliedAt,
      this.endedAt,
      this.prevActive,
      this.nextActive,
    ];
    let count = 0;
    // Free rows come in long runs between the few live ones: each run is cleared column by column.
    for (let x = 0; x < capacity;) {
      if (live[x] === 1) {
        x++;
        continue;
      }
      const start = x;
      while (x < capacity && live[x] === 0) free[count++] = x++;
      // Hold no call from now on: FREE, and zero where `add` relies on zero.
      parent.fill(FREE, start, x);
      for (const column of zeroed) column.fill(0, start, x);
    }
    let oldest = this.issued;
    const id = this.id;
    for (let x = 0; x < capacity; x++) if (live[x] === 1 && id[x] < oldest) oldest = id[x];
    this.oldestSurvivor = oldest;
    if (count < capacity / 2) {
      // Mostly live: double, and list the new rows too.
      this.allocate(2 * capacity);
      const grown = this.parent.length;
      const free = new Int32Array(grown);
      free.set(this.free.subarray(0, count));
      for (let x = capacity; x < grown; x++) {
        this.parent[x] = FREE;
        free[count++] = x;
      }
      this.free = free;
    }
    this.freeCount = count;
    this.freePos = 0;
  }

  /** Rows that may hold values: those handed out (all of them once ids are reused). */
  private get written(): number {
    return this.markLive === undefined ? this.n : this.parent.length;
  }

  /**
   * Copies the columns of calls [from, to) that never change after `add` (who called whom over
   * which link, as part of which trace), e.g. to send them to another thread.
   */
  exportStatic(from: number, to: number): StaticCalls {
    return {
      parent: this.parent.slice(from, to),
      root: this.root.slice(from, to),
      caller: this.caller.slice(from, to),
      callee: this.callee.slice(from, to),
      link: this.link.slice(from, to),
      timeoutFlag: this.flags.slice(from, to).map((f) => f & 1),
      previous: this.previous.slice(from, to),
      first: this.op.slice(from, to).map((op, i) => (op < 0 ? -1 : this.firstOf(from + i))),
    };
  }

  /**
   * A traced reusing table (see `reuseRows`): the fixed columns of the calls made since the last
   * time, in id order, naming calls (parent, root, previous attempt, first attempt) by id: the
   * same as `exportStatic(from, callsMade)` of a table that never reuses rows.
   */
  takeStatic(): StaticCalls {
    const traced = this.traced;
    if (!traced) throw new Error('CallTable.takeStatic: only for a traced table that reuses rows');
    this.journalNew();
    return joinStatic(traced.journal.splice(0));
  }

  /**
   * Copies the fixed columns of the calls made since the last copy into the journal. Since the
   * last collection, rows went to calls in ascending order (the free list is), so each of those
   * calls is found by its id, and the calls it names (parent, root, attempts) still hold their rows.
   */
  private journalNew(): void {
    const traced = this.traced as NonNullable<typeof this.traced>;
    const from = traced.taken,
      count = this.issued - from;
    if (count === 0) return;
    traced.journal.push(staticOfNew(this, from, count));
    traced.taken = this.issued;
  }

  /** The first attempt of call c's operation (c itself for a first attempt or a plain call). */
  firstOf(c: number): number {
    let first = c;
    while (this.previous[first] >= 0) first = this.previous[first];
    return first;
  }

  /** Rows allocated (in use or not). */
  get capacity(): number {
    return this.parent.length;
  }

  /** Bytes held by the table's arrays (capacity, not just the rows in use). */
  get byteSize(): number {
    let bytes = 0;
    for (const column of this.columns()) bytes += column.byteLength;
    return bytes + this.free.byteLength + this.live.byteLength;
  }

  hasTimeout(c: number): boolean {
    return (this.flags[c] & 1) !== 0;
  }

  /**
   * Empties the table and hands its columns to later tables (see spareMemory.ts): for a table
   * nothing will read again.
   */
  release(): void {
    giveReleasedColumns(this.columns(), this.written);
    this.n = 0;
    this.allocate(0, false);
    this.end = 0;
    this.markLive = undefined;
    this.traced = undefined;
    this.issued = this.oldestSurvivor = 0;
    this.freeCount = this.freePos = 0;
    this.free = new Int32Array(0);
    this.live = new Uint8Array(0);
  }

  /** Every column (one per typed-array field; not the free list nor the marks, which are no rows). */
  private columns(): Column[] {
    return Object.values(this).filter((value): value is Column => ArrayBuffer.isView(value) && value !== this.free && value !== this.live);
  }

  /** New columns of `capacity` rows holding the rows so far; the old ones go to later tables if `handOn`. */
  private allocate(capacity: number, handOn = true): void {
    const old = this.parent ? this : undefined;
    // `set`: a column `add` writes for every new call, whose spare cells need no zeroing.
    const used = Math.min(this.written, capacity);
    const grown = <T extends Column>(kind: { new (length: number): T; readonly name: string }, a: T | undefined, set = false): T => {
      const b = takeColumn(kind, capacity, !set);
      if (a) b.set(a.subarray(0, used));
      return b;
    };
    const i32 = (a: Int32Array | undefined, set = false) => grown(Int32Array, a, set);
    const u8 = (a: Uint8Array | undefined, set = false) => grown(Uint8Array, a, set);
    const f64 = (a: Float64Array | undefined, set = false) => grown(Float64Array, a, set);
    // The columns it outgrew go to later tables (a re-run grows through the same sizes).
    const outgrown = handOn ? (old?.columns() ?? []) : [];
    this.parent = i32(old?.parent, true);
    this.id = i32(old?.id, true);
    this.root = i32(old?.root, true);
    this.caller = i32(old?.caller, true);
    this.callee = i32(old?.callee, true);
    this.link = i32(old?.link, true);
    this.user = i32(old?.user, true);
    this.op = i32(old?.op, true);
    this.previous = i32(old?.previous, true);
    this.reason = u8(old?.reason);
    this.deadline = f64(old?.deadline, true);
    this.step = i32(old?.step);
    this.pending = i32(old?.pending);
    this.firstChild = i32(old?.firstChild);
    this.status = u8(old?.status);
    this.reply = u8(old?.reply);
    this.phase = u8(old?.phase);
    this.flags = u8(old?.flags, true);
    this.role = u8(old?.role, true);
    this.sentAt = f64(old?.sentAt);
    this.arrivedAt = f64(old?.arrivedAt);
    this.startedAt = f64(old?.startedAt);
    this.repliedAt = f64(old?.repliedAt);
    this.endedAt = f64(old?.endedAt);
    this.prevActive = i32(old?.prevActive);
    this.nextActive = i32(old?.nextActive);
    for (const column of outgrown) giveColumn(column, used);
  }
}

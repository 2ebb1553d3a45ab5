/**
 * The engine's future event list: a binary min-heap ordered by (time, priority, sequence).
 *
 * Ties in time are broken by priority (lower first), then by the order events were scheduled,
 * so a run never depends on the heap's internal layout. No object per event: the heap itself
 * moves only (time, slot) pairs in two typed arrays; each slot holds the event's ordering key
 * (priority and sequence folded into one exact double) and two 32-bit words of payload the
 * engine interprets (what happens, to whom). Slots are recycled through a free list.
 */

/** Sequence numbers fit below 2^44, priorities below 2^9: the key stays an exact double. */
const SEQ_SPAN = 17_592_186_044_416; // 2^44
export const MAX_PRIORITY = 511;
/** What `times[0]` holds while the queue is empty. */
const EMPTY = 1 / 0;
/** Index of a double's high 32-bit word in an Int32Array over it (platform byte order). */
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

export class EventQueue {
  // The heap: time and slot of each entry.
  private times: Float64Array;
  /** The same memory as `times`, as 32-bit words (see `pop`). */
  private timeWords: Int32Array;
  private slots: Int32Array;
  // Per slot: ordering key and payload; `free` is a stack of unused slots.
  private keys: Float64Array;
  private words: Int32Array;
  private args: Int32Array;
  private free: Int32Array;
  private freeCount = 0;
  private count = 0;
  private seq = 0;
  /** The time of the entry being pushed, handed to `insert` in a field (see `pushDefault`). */
  private staged = 0;

  /** Payload of the event most recently returned by `pop()`. */
  word = 0;
  arg = 0;

  /**
   * @param initialCapacity entries before the arrays first grow
   * @param defaultPriority the priority of `pushDefault`
   */
  constructor(
    initialCapacity = 1024,
    private readonly defaultPriority = 0,
  ) {
    const capacity = Math.max(16, initialCapacity);
    this.times = new Float64Array(capacity);
    this.timeWords = new Int32Array(this.times.buffer);
    this.slots = new Int32Array(capacity);
    this.times[0] = EMPTY;
    this.keys = new Float64Array(capacity);
    this.words = new Int32Array(capacity);
    this.args = new Int32Array(capacity);
    this.free = new Int32Array(capacity);
    for (let i = 0; i < capacity; i++) this.free[i] = capacity - 1 - i;
    this.freeCount = capacity;
  }

  get size(): number {
    return this.count;
  }

  /** How many events have ever been scheduled (the next sequence number). */
  get scheduled(): number {
    return this.seq;
  }

  /** Time of the earliest event, or Infinity when empty. */
  peekTime(): number {
    // times[0] holds Infinity while the queue is empty: no branch, and no `Infinity` global whose
    // (boxed) value would force the result into a heap number on every call.
    return this.times[0];
  }

  /** Schedules an event. `priority` orders events at the same time (0 first). */
  push(time: number, priority: number, word: number, arg: number): void {
    this.staged = time;
    this.insert(priority, this.seq++, word, arg);
  }

  /**
   * Schedules an event at the default priority: the engine's hot path. The time goes into a
   * field and what this calls takes only small integers, and this wrapper is small enough (at
   * most 27 bytes of bytecode, so two arguments passed on) for V8 to inline it anywhere, however
   * much the caller has inlined already. A time passed to a call V8 does not inline would be
   * boxed in a fresh heap number, for every event.
   */
  pushDefault(time: number, word: number, arg: number): void {
    this.staged = time;
    this.insertDefault(word, arg);
  }

  private insertDefault(word: number, arg: number): void {
    this.insert(this.defaultPriority, this.seq++, word, arg);
  }

  /**
   * Takes the next sequence number without scheduling anything yet: for an event that waits
   * elsewhere (see TimerLanes) and enters the queue later, ordered as if it had entered now.
   */
  reserveSeq(): number {
    return this.seq++;
  }

  /**
   * Schedules an event with a sequence number taken earlier from `reserveSeq`, at the time held in
   * `times[at]` (read from the caller's array rather than passed: see `pushDefault`).
   */
  pushWithSeq(times: Float64Array, at: number, priority: number, seq: number, word: number, arg: number): void {
    this.staged = times[at];
    this.insert(priority, seq, word, arg);
  }

  /** Inserts the entry whose time is `staged`. */
  private insert(priority: number, seq: number, word: number, arg: number): void {
    if (this.freeCount === 0) this.grow();
    const slot = this.free[--this.freeCount];
    const key = priority * SEQ_SPAN + seq;
    const keys = this.keys;
    keys[slot] = key;
    this.words[slot] = word;
    this.args[slot] = arg;
    // Sift up with a hole: move parents down until the new entry's place is found.
    const times = this.times,
      slots = this.slots;
    let i = this.count++;
    const time = this.staged;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent];
      if (pt < time || (pt === time && keys[slots[parent]] < key)) break;
      times[i] = pt;
      slots[i] = slots[parent];
      i = parent;
    }
    times[i] = time;
    slots[i] = slot;
  }

  /**
   * Removes the earliest event and returns its time; its payload is left in `word` and `arg`.
   * Returns Infinity (and leaves the payload alone) when the queue is empty.
   */
  pop(): number {
    const times = this.times,
      slots = this.slots,
      keys = this.keys;
    const top = times[0];
    if (this.count === 0) return top; // the EMPTY sentinel
    const topSlot = slots[0];
    this.word = this.words[topSlot];
    this.arg = this.args[topSlot];
    this.free[this.freeCount++] = topSlot;
    const n = --this.count;
    if (n > 0) {
      const time = times[n],
        slot = slots[n];
      const words = this.timeWords;
      // Sift down with a hole from the root.
      let i = 0;
      const half = n >> 1;
      while (i < half) {
        let child = 2 * i + 1;
        const right = child + 1;
        if (right < n) {
          // Which child comes first is a coin toss for the branch predictor. Times are never
          // negative (the schema admits no negative duration, and rates are positive), so their
          // high words (sign bit cleared, for -0) order them like the doubles do; where they
          // differ, the earlier child is picked by arithmetic, without a branch.
          const hl = words[2 * child + HI] & 0x7fffffff,
            hr = words[2 * right + HI] & 0x7fffffff;
          if (hl !== hr) child += (hr - hl) >>> 31;
          else {
            const lt = times[child],
              rt = times[right];
            if (rt < lt || (rt === lt && keys[slots[right]] < keys[slots[child]])) child = right;
          }
        }
        const ct = times[child];
        if (time < ct || (time === ct && keys[slot] < keys[slots[child]])) break;
        times[i] = ct;
        slots[i] = slots[child];
        i = child;
      }
      times[i] = time;
      slots[i] = slot;
    } else times[0] = EMPTY;
    return top;
  }

  /**
   * Calls `visit(word, arg)` for every pending event, in no particular order: for a caller that
   * must know what the future still refers to (see trace/callReuse.ts). Off the hot path.
   */
  forEachPending(visit: (word: number, arg: number) => void): void {
    for (let i = 0; i < this.count; i++) {
      const slot = this.slots[i];
      visit(this.words[slot], this.args[slot]);
    }
  }

  private grow(): void {
    const old = this.times.length;
    const capacity = old * 2;
    const grow64 = (a: Float64Array) => {
      const b = new Float64Array(capacity);
      b.set(a);
      return b;
    };
    const grow32 = (a: Int32Array) => {
      const b = new Int32Array(capacity);
      b.set(a);
      return b;
    };
    this.times = grow64(this.times);
    this.timeWords = new Int32Array(this.times.buffer);
    this.slots = grow32(this.slots);
    this.keys = grow64(this.keys);
    this.words = grow32(this.words);
    this.args = grow32(this.args);
    // Every old slot is in use (that is why we grow); the new ones are free.
    this.free = new Int32Array(capacity);
    for (let i = 0; i < old; i++) this.free[i] = capacity - 1 - i;
    this.freeCount = old;
  }
}

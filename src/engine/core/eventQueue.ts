/**
 * The engine's future event list: a binary min-heap ordered by (time, priority, sequence).
 *
 * Ties in time are broken by priority (lower first), then by the order events were scheduled,
 * so a run never depends on the heap's internal layout. Entries live in parallel typed arrays
 * (no object per event): time, an ordering key that folds priority and sequence into one exact
 * double, and two 32-bit words of payload the engine interprets (what happens, to whom).
 */

/** Sequence numbers fit below 2^44, priorities below 2^9: the key stays an exact double. */
const SEQ_SPAN = 2 ** 44;
export const MAX_PRIORITY = 511;

export class EventQueue {
  private times: Float64Array;
  private keys: Float64Array;
  private words: Int32Array;
  private args: Int32Array;
  private count = 0;
  private seq = 0;

  /** Payload of the event most recently returned by `pop()`. */
  word = 0;
  arg = 0;

  constructor(initialCapacity = 1024) {
    const capacity = Math.max(16, initialCapacity);
    this.times = new Float64Array(capacity);
    this.keys = new Float64Array(capacity);
    this.words = new Int32Array(capacity);
    this.args = new Int32Array(capacity);
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
    return this.count > 0 ? this.times[0] : Infinity;
  }

  /** Schedules an event. `priority` orders events at the same time (0 first). */
  push(time: number, priority: number, word: number, arg: number): void {
    if (this.count === this.times.length) this.grow();
    const key = priority * SEQ_SPAN + this.seq++;
    // Sift up with a hole: move parents down until the new entry's place is found.
    let i = this.count++;
    const times = this.times, keys = this.keys, words = this.words, args = this.args;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent];
      if (pt < time || (pt === time && keys[parent] < key)) break;
      times[i] = pt; keys[i] = keys[parent]; words[i] = words[parent]; args[i] = args[parent];
      i = parent;
    }
    times[i] = time; keys[i] = key; words[i] = word; args[i] = arg;
  }

  /**
   * Removes the earliest event and returns its time; its payload is left in `word` and `arg`.
   * Returns Infinity (and leaves the payload alone) when the queue is empty.
   */
  pop(): number {
    if (this.count === 0) return Infinity;
    const times = this.times, keys = this.keys, words = this.words, args = this.args;
    const top = times[0];
    this.word = words[0];
    this.arg = args[0];
    const n = --this.count;
    if (n > 0) {
      const time = times[n], key = keys[n], word = words[n], arg = args[n];
      // Sift down with a hole from the root.
      let i = 0;
      const half = n >> 1;
      while (i < half) {
        let child = 2 * i + 1;
        let ct = times[child];
        const right = child + 1;
        if (right < n) {
          const rt = times[right];
          if (rt < ct || (rt === ct && keys[right] < keys[child])) { child = right; ct = rt; }
        }
        if (time < ct || (time === ct && key < keys[child])) break;
        times[i] = ct; keys[i] = keys[child]; words[i] = words[child]; args[i] = args[child];
        i = child;
      }
      times[i] = time; keys[i] = key; words[i] = word; args[i] = arg;
    }
    return top;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const grow64 = (a: Float64Array) => { const b = new Float64Array(capacity); b.set(a); return b; };
    const grow32 = (a: Int32Array) => { const b = new Int32Array(capacity); b.set(a); return b; };
    this.times = grow64(this.times);
    this.keys = grow64(this.keys);
    this.words = grow32(this.words);
    this.args = grow32(this.args);
  }
}

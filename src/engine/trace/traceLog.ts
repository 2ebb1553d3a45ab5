/**
 * The record of a run: every event as one row (time, type, node, a, b), kept in fixed-size
 * chunks of typed arrays (20 bytes a row). Chunks are never copied as the log grows, and a
 * finished chunk can be handed elsewhere as is (to the UI thread, to a file).
 *
 * The trace hash is a 64-bit digest of every row in order, folded in lazily (and only once
 * per row) when asked for, so recording stays a handful of stores.
 */
import { TRACE_TYPE_NAMES } from './eventTypes.ts';

/** One trace row as an object; for export and tests, not for the hot path. */
export interface TraceEvent {
  readonly t: number;
  readonly type: string;
  readonly node: number;
  readonly a: number;
  readonly b: number;
}

/** Rows per chunk (a power of two, so a row's chunk is an index shift away). */
export const CHUNK_BITS = 16;
export const CHUNK_ROWS = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_ROWS - 1;

/** A block of consecutive rows: times, and three words per row (type | node << 8, a, b). */
export interface TraceChunk {
  readonly times: Float64Array;
  readonly words: Int32Array;
  /** The same memory as `times`, seen as 32-bit words (for hashing the exact bits). */
  readonly timeBits: Int32Array;
}

export class TraceLog {
  private readonly chunks: TraceChunk[] = [];
  private times: Float64Array = new Float64Array(0);
  private words: Int32Array = new Int32Array(0);
  /** Rows used in the current (last) chunk; CHUNK_ROWS forces a new chunk on the next record. */
  private pos = CHUNK_ROWS;
  private n = 0;
  // Two independent 32-bit lanes (FNV-1a style and a murmur-style mix) give a 64-bit hash.
  private hashed = 0;
  private h1 = 0x811c9dc5;
  private h2 = 0x12345678;

  get length(): number {
    return this.n;
  }

  /** Appends one row. `node` may be -1 (no node). */
  record(time: number, type: number, node: number, a: number, b: number): void {
    let pos = this.pos;
    if (pos === CHUNK_ROWS) {
      this.addChunk();
      pos = 0;
    }
    this.times[pos] = time;
    const w = pos * 3;
    const words = this.words;
    words[w] = type | (node << 8);
    words[w + 1] = a;
    words[w + 2] = b;
    this.pos = pos + 1;
    this.n++;
  }

  /** The hash of every row so far, as 16 hex digits. */
  hash(): string {
    let h1 = this.h1, h2 = this.h2;
    // Chunk by chunk, so the inner loop runs over local typed arrays.
    for (let start = this.hashed; start < this.n;) {
      const chunk = this.chunks[start >>> CHUNK_BITS];
      const timeBits = chunk.timeBits, words = chunk.words;
      const first = start & CHUNK_MASK;
      const last = Math.min(CHUNK_ROWS, this.n - (start - first));
      for (let p = first; p < last; p++) {
        const lo = timeBits[2 * p], hi = timeBits[2 * p + 1];
        const head = words[3 * p], a = words[3 * p + 1], b = words[3 * p + 2];
        h1 = Math.imul(h1 ^ lo, 0x01000193);
        h1 = Math.imul(h1 ^ hi, 0x01000193);
        h1 = Math.imul(h1 ^ head, 0x01000193);
        h1 = Math.imul(h1 ^ a, 0x01000193);
        h1 = Math.imul(h1 ^ b, 0x01000193);
        h2 = Math.imul(h2 ^ lo, 0xcc9e2d51); h2 = (h2 << 13) | (h2 >>> 19);
        h2 = Math.imul(h2 ^ hi, 0x1b873593); h2 = (h2 << 15) | (h2 >>> 17);
        h2 = Math.imul(h2 ^ head, 0xcc9e2d51); h2 = (h2 << 13) | (h2 >>> 19);
        h2 = Math.imul(h2 ^ a, 0x1b873593); h2 = (h2 << 15) | (h2 >>> 17);
        h2 = (Math.imul(h2 ^ b, 0xcc9e2d51) + 0x6b43a9b5) | 0;
      }
      start += last - first;
    }
    this.h1 = h1;
    this.h2 = h2;
    this.hashed = this.n;
    return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
  }

  time(i: number): number { return this.chunks[i >>> CHUNK_BITS].times[i & CHUNK_MASK]; }
  type(i: number): number { return this.chunks[i >>> CHUNK_BITS].words[(i & CHUNK_MASK) * 3] & 255; }
  node(i: number): number { return this.chunks[i >>> CHUNK_BITS].words[(i & CHUNK_MASK) * 3] >> 8; }
  a(i: number): number { return this.chunks[i >>> CHUNK_BITS].words[(i & CHUNK_MASK) * 3 + 1]; }
  b(i: number): number { return this.chunks[i >>> CHUNK_BITS].words[(i & CHUNK_MASK) * 3 + 2]; }

  /** Row i as an object (type by name). */
  event(i: number): TraceEvent {
    return { t: this.time(i), type: TRACE_TYPE_NAMES[this.type(i)] ?? String(this.type(i)), node: this.node(i), a: this.a(i), b: this.b(i) };
  }

  /** Index of the first row at or after time t (binary search; rows are in time order). */
  indexAt(t: number): number {
    let lo = 0, hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.time(mid) < t) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /** The chunks holding rows [0, length); the last one may be partly filled. */
  get chunkList(): readonly TraceChunk[] {
    return this.chunks;
  }

  /** Bytes held by the rows (allocated chunks, not just the used part). */
  get byteSize(): number {
    return this.chunks.length * CHUNK_ROWS * 20;
  }

  private addChunk(): void {
    const times = new Float64Array(CHUNK_ROWS);
    const chunk = { times, words: new Int32Array(CHUNK_ROWS * 3), timeBits: new Int32Array(times.buffer) };
    this.chunks.push(chunk);
    this.times = chunk.times;
    this.words = chunk.words;
  }
}

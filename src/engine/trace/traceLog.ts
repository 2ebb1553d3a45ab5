/**
 * The record of a run: every event as one row (time, type, node, a, b), kept in fixed-size
 * chunks of typed arrays (20 bytes a row). Chunks are never copied as the log grows, and a
 * finished chunk can be handed elsewhere as is (to the UI thread, to a file).
 *
 * The trace hash is a 64-bit digest of every row in order, folded in only once per row: when
 * asked for, and (for a log whose hash will be wanted, like the engine's) as each chunk fills,
 * while its rows are still in the CPU's cache rather than read back from memory at the end.
 * Recording itself stays a handful of stores.
 */
import { CALL_IN_A, TRACE_TYPE_NAMES } from './eventTypes.ts';
import { addSpareChunks, giveSpareChunks, takeSpareChunk } from './spareMemory.ts';
import { partitionPoint } from '../core/search.ts';

/** One trace row as an object; for export and tests, not for the hot path. */
export interface TraceEvent {
  readonly t: number;
  readonly type: string;
  readonly node: number;
  readonly a: number;
  readonly b: number;
}

/** Rows copied out of a log: `times[i]` and `words[3i..3i+2]` (type | node << 8, a, b). */
export interface TraceRows {
  readonly times: Float64Array;
  readonly words: Int32Array;
}

/**
 * Rows per chunk (a power of two, so a row's chunk is an index shift away). 4096 rows are 80 kB:
 * a chunk just filled is still in the CPU's L2 cache when it is hashed, and a small allocation
 * reuses memory the allocator already holds. With 65,536 rows (1.3 MB) the M/M/1 benchmark ran
 * about 9 % slower. The hash does not depend on the chunk size (see `fold`).
 */
export const CHUNK_BITS = 12;
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
  /** Rows before the current chunk (so the length is `before + pos`, one store less per row). */
  private before = -CHUNK_ROWS;
  /** Rows already folded into `lanes`. */
  private hashed = 0;
  /** Rows before this one were discarded (see `discardBefore`); a multiple of CHUNK_ROWS. */
  private kept = 0;
  /** FNV-1a accumulators: four over the times' bits, four over the rows' words (see `hash`). */
  private readonly lanes = LANE_SEEDS.slice();
  /** A run that reuses call rows: each slot's call id (see `translateCalls`); undefined: rows name calls by id already. */
  private callIds: (() => Int32Array) | undefined;
  /** Rows whose calls are named by id (see `translateCalls`). */
  private settled = 0;

  /**
   * @param clock where `recordNow` reads the time of its rows: the engine's clock (one cell, see
   *   `Runtime.clock`), so the engine passes only small integers when it records
   * @param foldAsFilled fold each chunk into the hash as soon as it is full (for a log whose hash
   *   will be asked for: hashing a chunk just written is faster than reading it back later)
   * @param keeps keep the rows (false: a summary-only run's log, which counts its rows and writes
   *   each into one chunk that is overwritten as it fills, so its memory stays one chunk whatever
   *   the run's length; it has no rows to read and no hash, see `hash`)
   */
  constructor(
    private readonly clock: Float64Array = new Float64Array(1),
    private readonly foldAsFilled = false,
    readonly keeps = true,
  ) {}

  get length(): number {
    return this.before + this.pos;
  }

  /** Appends one row at `time`. `node` may be -1 (no node). */
  record(time: number, type: number, node: number, a: number, b: number): void {
    let pos = this.pos;
    if (pos === CHUNK_ROWS) pos = this.addChunk();
    this.times[pos] = time;
    const w = pos * 3;
    const words = this.words;
    words[w] = type | (node << 8);
    words[w + 1] = a;
    words[w + 2] = b;
    this.pos = pos + 1;
  }

  /**
   * Appends one row at the clock's time: `record` for the engine's hot path. A time passed as an
   * argument to a call V8 does not inline is boxed in a fresh heap number, and the engine records
   * several rows an event; small integers are passed as they are.
   */
  recordNow(type: number, node: number, a: number, b: number): void {
    let pos = this.pos;
    if (pos === CHUNK_ROWS) pos = this.addChunk();
    this.times[pos] = this.clock[0];
    const w = pos * 3;
    const words = this.words;
    words[w] = type | (node << 8);
    words[w + 1] = a;
    words[w + 2] = b;
    this.pos = pos + 1;
  }

  /**
   * From now on, rows are recorded with a call's table slot where a call goes (`CALL_IN_A`): a run
   * whose call table reuses the rows of finished calls (trace/callTable.ts). `settle` replaces
   * each slot by the call's id (`ids()[slot]`), before the rows are hashed or copied out, and the
   * table asks for it before it hands a slot to another call; the rows are then those of a run
   * that never reused a row. Reading a row with `a(i)` before it is settled gives the slot.
   */
  translateCalls(ids: () => Int32Array): void {
    this.settle();
    this.callIds = ids;
    this.settled = this.length;
  }

  /** Names by id the calls of the rows recorded since the last time (see `translateCalls`). */
  settle(): void {
    const n = this.length;
    if (this.callIds === undefined || this.settled >= n) return;
    const ids = this.callIds();
    for (let start = this.settled; start < n;) {
      const chunk = this.chunks[start >>> CHUNK_BITS];
      const first = start & CHUNK_MASK;
      const last = Math.min(CHUNK_ROWS, n - (start - first));
      const words = chunk.words;
      for (let w = first * 3, end = last * 3; w < end; w += 3) {
        if (CALL_IN_A[words[w] & 255] === 1 && words[w + 1] >= 0) words[w + 1] = ids[words[w + 1]];
      }
      start += last - first;
    }
    this.settled = n;
  }

  /** The hash of every row so far, as 16 hex digits (a log that does not keep its rows has none: this throws). */
  hash(): string {
    if (!this.keeps) throw new Error('TraceLog.hash: this log keeps no rows (a summary-only run), so it has no hash');
    const n = this.length;
    this.fold(n);
    const lanes = this.lanes;
    // Fold the eight lanes and the row count into two 32-bit halves (murmur3's finaliser).
    let h1 = n | 0,
      h2 = Math.imul(n, 0x9e3779b1);
    for (let k = 0; k < 8; k++) {
      h1 = fmix32(h1 ^ lanes[k]);
      h2 = fmix32((h2 + lanes[k]) ^ (k << 24));
    }
    return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
  }

  /** Folds rows [hashed, n) into the lanes. */
  private fold(n: number): void {
    // Two streams per chunk, each a flat run of 32-bit words: the times' bits (2 per row) and the
    // rows' words (3 per row). Chunk sizes in words are multiples of 4, so a word's lane (its
    // index mod 4) is the same whether it is hashed now or in a later call.
    if (this.settled < n) this.settle();
    const lanes = this.lanes;
    for (let start = this.hashed; start < n;) {
      const chunk = this.chunks[start >>> CHUNK_BITS];
      const first = start & CHUNK_MASK;
      const last = Math.min(CHUNK_ROWS, n - (start - first));
      mixWords(chunk.timeBits, 2 * first, 2 * last, lanes, 0);
      mixWords(chunk.words, 3 * first, 3 * last, lanes, 4);
      start += last - first;
    }
    this.hashed = n;
  }

  time(i: number): number {
    return this.chunks[i >>> CHUNK_BITS].times[i & CHUNK_MASK];
  }
  type(i: number): number {
    return this.chunks[i >>> CHUNK_BITS].words[(i & CHUNK_MASK) * 3] & 255;
  }
  node(i: number): number {
    return this.chunks[i >>> CHUNK_BITS].words[(i & CHUNK_MASK) * 3] >> 8;
  }
  a(i: number): number {
    return this.chunks[i >>> CHUNK_BITS].words[(i & CHUNK_MASK) * 3 + 1];
  }
  b(i: number): number {
    return this.chunks[i >>> CHUNK_BITS].words[(i & CHUNK_MASK) * 3 + 2];
  }

  /** Row i as an object (type by name). */
  event(i: number): TraceEvent {
    return {
      t: this.time(i),
      type: TRACE_TYPE_NAMES[this.type(i)] ?? String(this.type(i)),
      node: this.node(i),
      a: this.a(i),
      b: this.b(i),
    };
  }

  /** Copies rows [from, to) out as two flat arrays, e.g. to send them to another thread. */
  exportRows(from: number, to: number): TraceRows {
    const count = Math.max(0, to - from);
    if (this.settled < to) this.settle();
    const times = new Float64Array(count);
    const words = new Int32Array(count * 3);
    for (let i = 0; i < count;) {
      const row = from + i;
      const chunk = this.chunks[row >>> CHUNK_BITS];
      const first = row & CHUNK_MASK;
      const take = Math.min(CHUNK_ROWS - first, count - i);
      times.set(chunk.times.subarray(first, first + take), i);
      words.set(chunk.words.subarray(first * 3, (first + take) * 3), i * 3);
      i += take;
    }
    return { times, words };
  }

  /** Appends rows exported by another log (the same rows, so the same hash). */
  appendRows(rows: TraceRows): void {
    const { times, words } = rows;
    for (let i = 0; i < times.length; i++) this.record(times[i], words[3 * i] & 255, words[3 * i] >> 8, words[3 * i + 1], words[3 * i + 2]);
  }

  /** Index of the first row at or after time t among the rows kept (binary search; rows are in time order). */
  indexAt(t: number): number {
    return partitionPoint(this.kept, this.length, (row) => this.time(row) < t);
  }

  /** The first row still held: rows before it were discarded (0 unless `discardBefore` was called). */
  get first(): number {
    return this.kept;
  }

  /**
   * Forgets the whole chunks of rows before `row` (a bounded window for a long run: the rows keep
   * their numbers, the hash stays that of every row) and hands them to the next log that grows.
   * Reading a row before `first` afterwards is an error of the caller (it reads an empty chunk).
   */
  discardBefore(row: number): void {
    const upTo = Math.max(0, Math.min(row, this.length)) >>> CHUNK_BITS;
    const from = this.kept >>> CHUNK_BITS;
    if (upTo <= from) return;
    this.fold(Math.max(this.hashed, upTo << CHUNK_BITS)); // the hash reads each row once, before it goes
    addSpareChunks(this.chunks.slice(from, upTo));
    this.chunks.fill(DISCARDED, from, upTo);
    this.kept = upTo << CHUNK_BITS;
  }

  /** The chunks holding rows [0, length) (those before `first` empty); the last one may be partly filled. */
  get chunkList(): readonly TraceChunk[] {
    return this.chunks;
  }

  /** Bytes held by the rows (allocated chunks, not just the used part). */
  get byteSize(): number {
    return (this.chunks.length - (this.kept >>> CHUNK_BITS)) * CHUNK_ROWS * 20;
  }

  /**
   * Empties the log and hands its chunks to the next log that grows (see spareMemory.ts): for a
   * log that nothing will read again. It starts over empty, its hash that of no rows.
   */
  release(): void {
    giveSpareChunks(this.chunks.filter((chunk) => chunk !== DISCARDED));
    this.chunks.length = 0;
    this.times = new Float64Array(0);
    this.words = new Int32Array(0);
    this.pos = CHUNK_ROWS;
    this.before = -CHUNK_ROWS;
    this.hashed = 0;
    this.kept = 0;
    this.callIds = undefined;
    this.settled = 0;
    this.lanes.set(LANE_SEEDS);
  }

  /** Starts a new chunk and returns the position of its first row (0). */
  private addChunk(): number {
    // A log that keeps no rows writes the next ones over its one chunk (the hot path stays the same stores).
    if (!this.keeps && this.chunks.length > 0) {
      this.before += CHUNK_ROWS;
      this.pos = 0;
      return 0;
    }
    if (this.foldAsFilled) this.fold(this.length);
    const chunk = takeSpareChunk() ?? newChunk();
    this.chunks.push(chunk);
    this.times = chunk.times;
    this.words = chunk.words;
    this.before += CHUNK_ROWS;
    this.pos = 0;
    return 0;
  }
}

/** What stands for a discarded chunk: no rows (reading one gives undefined). */
const DISCARDED: TraceChunk = { times: new Float64Array(0), words: new Int32Array(0), timeBits: new Int32Array(0) };

function newChunk(): TraceChunk {
  const times = new Float64Array(CHUNK_ROWS);
  return { times, words: new Int32Array(CHUNK_ROWS * 3), timeBits: new Int32Array(times.buffer) };
}

/** The lanes' starting values: FNV-1a's offset basis, made different per lane. */
const LANE_SEEDS = Int32Array.from({ length: 8 }, (_, k) => 0x811c9dc5 ^ Math.imul(k + 1, 0x9e3779b1));

/**
 * Words per call of `mixBlock`. A loop over a whole chunk (~200k words) ran long enough for V8 to
 * compile it mid-loop (on-stack replacement) before the code after the loop had ever run; that
 * code then deoptimised at the end of every call, and the next chunk was hashed in the
 * interpreter until the next replacement. Short calls are optimised as a whole function.
 */
const BLOCK_WORDS = 1024;
const FNV_PRIME = 0x01000193;

/** Folds words[from, to) into four FNV-1a lanes (lanes[base + index mod 4]). */
function mixWords(words: Int32Array, from: number, to: number, lanes: Int32Array, base: number): void {
  let i = from;
  // Words before the first multiple of 4 (only when continuing a partly hashed chunk).
  for (; i < to && (i & 3) !== 0; i++) mixOne(words[i], lanes, base + (i & 3));
  const end = i + ((to - i) & ~3);
  while (i < end) {
    const stop = Math.min(end, i + BLOCK_WORDS);
    mixBlock(words, i, stop, lanes, base);
    i = stop;
  }
  for (; i < to; i++) mixOne(words[i], lanes, base + (i & 3));
}

function mixOne(word: number, lanes: Int32Array, lane: number): void {
  lanes[lane] = Math.imul(lanes[lane] ^ word, FNV_PRIME);
}

/**
 * Folds words[from, to) (from a multiple of 4, to − from too) into the four lanes. Four
 * independent multiply chains run side by side in the CPU, where one chain would wait on each
 * multiply.
 */
function mixBlock(words: Int32Array, from: number, to: number, lanes: Int32Array, base: number): void {
  let a = lanes[base],
    b = lanes[base + 1],
    c = lanes[base + 2],
    d = lanes[base + 3];
  for (let i = from; i < to; i += 4) {
    a = Math.imul(a ^ words[i], FNV_PRIME);
    b = Math.imul(b ^ words[i + 1], FNV_PRIME);
    c = Math.imul(c ^ words[i + 2], FNV_PRIME);
    d = Math.imul(d ^ words[i + 3], FNV_PRIME);
  }
  lanes[base] = a;
  lanes[base + 1] = b;
  lanes[base + 2] = c;
  lanes[base + 3] = d;
}

function fmix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

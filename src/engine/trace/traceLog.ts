/**
 * The record of a run: every event as one row of parallel typed arrays (21 bytes a row), and a
 * running 64-bit hash of all rows so two runs can be compared by one string.
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

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

export class TraceLog {
  private times: Float64Array;
  private types: Uint8Array;
  private nodes: Int32Array;
  private as: Int32Array;
  private bs: Int32Array;
  private n = 0;
  // Two independent 32-bit lanes (FNV-1a style and a murmur-style mix) give a 64-bit hash.
  private h1 = 0x811c9dc5;
  private h2 = 0x12345678;

  constructor(initialCapacity = 4096) {
    this.times = new Float64Array(initialCapacity);
    this.types = new Uint8Array(initialCapacity);
    this.nodes = new Int32Array(initialCapacity);
    this.as = new Int32Array(initialCapacity);
    this.bs = new Int32Array(initialCapacity);
  }

  get length(): number {
    return this.n;
  }

  /** Appends one row and folds it into the hash. */
  record(time: number, type: number, node: number, a: number, b: number): void {
    const i = this.n;
    if (i === this.times.length) this.grow();
    this.times[i] = time;
    this.types[i] = type;
    this.nodes[i] = node;
    this.as[i] = a;
    this.bs[i] = b;
    this.n = i + 1;
    f64[0] = time;
    let h1 = this.h1, h2 = this.h2;
    h1 = Math.imul(h1 ^ u32[0], 0x01000193);
    h1 = Math.imul(h1 ^ u32[1], 0x01000193);
    h1 = Math.imul(h1 ^ (type | (node << 8)), 0x01000193);
    h1 = Math.imul(h1 ^ a, 0x01000193);
    h1 = Math.imul(h1 ^ b, 0x01000193);
    h2 = Math.imul(h2 ^ u32[0], 0xcc9e2d51); h2 = (h2 << 13) | (h2 >>> 19);
    h2 = Math.imul(h2 ^ u32[1], 0x1b873593); h2 = (h2 << 15) | (h2 >>> 17);
    h2 = Math.imul(h2 ^ (type | (node << 8)), 0xcc9e2d51); h2 = (h2 << 13) | (h2 >>> 19);
    h2 = Math.imul(h2 ^ a, 0x1b873593); h2 = (h2 << 15) | (h2 >>> 17);
    h2 = (Math.imul(h2 ^ b, 0xcc9e2d51) + 0x6b43a9b5) | 0;
    this.h1 = h1;
    this.h2 = h2;
  }

  /** The hash of every row so far, as 16 hex digits. */
  hash(): string {
    return (this.h1 >>> 0).toString(16).padStart(8, '0') + (this.h2 >>> 0).toString(16).padStart(8, '0');
  }

  time(i: number): number { return this.times[i]; }
  type(i: number): number { return this.types[i]; }
  node(i: number): number { return this.nodes[i]; }
  a(i: number): number { return this.as[i]; }
  b(i: number): number { return this.bs[i]; }

  /** Row i as an object (type by name). */
  event(i: number): TraceEvent {
    return { t: this.times[i], type: TRACE_TYPE_NAMES[this.types[i]] ?? String(this.types[i]), node: this.nodes[i], a: this.as[i], b: this.bs[i] };
  }

  /** Index of the first row at or after time t (binary search; rows are in time order). */
  indexAt(t: number): number {
    let lo = 0, hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.times[mid] < t) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /** Bytes held by the rows (capacity, not just the used part). */
  get byteSize(): number {
    return this.times.byteLength + this.types.byteLength + this.nodes.byteLength + this.as.byteLength + this.bs.byteLength;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const t = new Float64Array(capacity); t.set(this.times); this.times = t;
    const y = new Uint8Array(capacity); y.set(this.types); this.types = y;
    const nd = new Int32Array(capacity); nd.set(this.nodes); this.nodes = nd;
    const a = new Int32Array(capacity); a.set(this.as); this.as = a;
    const b = new Int32Array(capacity); b.set(this.bs); this.bs = b;
  }
}

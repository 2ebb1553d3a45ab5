/**
 * The big arrays of runs that are over, kept for the next run: trace chunks and call-table
 * columns. A run records a few hundred bytes per request into memory it allocates as it goes;
 * fresh memory costs a page fault per 4 KiB and the zeroing the allocator owes it, and V8 answers
 * every 64 MB of fresh array memory with a garbage collection. A re-run (the page re-simulates a
 * scenario after every edit) writes the same amount again, so the worker hands the run it replaces
 * here (`Simulation.release`) and the new run writes into memory that is already mapped.
 *
 * Results never depend on what is here: a trace reads only the rows it wrote, and a call
 * column is zeroed where its last run used it before a new run gets it (the call table relies
 * on unwritten cells being zero). Only `Simulation.release` puts memory here, and only the
 * caller knows that nothing reads the old run any more, so nothing is recycled behind anyone's back.
 */
import type { TraceChunk } from './traceLog.ts';

/** Chunks kept at most (4,096 rows of 20 bytes each: 160 MiB); a release beyond that leaves the rest to the collector. */
export const MAX_SPARE_CHUNKS = 2048;
/** Bytes of call-table columns kept at most. */
export const MAX_SPARE_COLUMN_BYTES = 192 * 1024 * 1024;

export type Column = Int32Array | Uint8Array | Float64Array;

const chunks: TraceChunk[] = [];
/** Spare columns by kind and length ("Int32Array:262144"), each with how many of its cells were used. */
const columns = new Map<string, { readonly column: Column; readonly used: number }[]>();
let columnBytes = 0;
/** Every column in `columns`: one given twice must not go to two tables. */
let kept = new WeakSet<Column>();
/** Columns taken without zeroing: how far their old values reach (they are still there, past the new run's rows). */
let dirtyUpTo = new WeakMap<Column, number>();

/** A chunk a finished run no longer needs (its rows are stale: a trace overwrites before it reads), or undefined. */
export function takeSpareChunk(): TraceChunk | undefined {
  return chunks.pop();
}

/** Keeps `list`'s chunks for later runs (up to MAX_SPARE_CHUNKS). */
export function giveSpareChunks(list: readonly TraceChunk[]): void {
  for (const chunk of list) {
    if (chunks.length >= MAX_SPARE_CHUNKS) return;
    chunks.push(chunk);
  }
}

/**
 * A zeroed column of `length` cells made by `kind`: a spare one if there is one (zeroed over the
 * cells its last run used, the rest never written), else a new one. With `zeroed` false a spare
 * one keeps its old values: for a column whose every cell is written before it is read.
 */
export function takeColumn<T extends Column>(kind: { new (length: number): T; readonly name: string }, length: number, zeroed = true): T {
  const spare = columns.get(`${kind.name}:${length}`)?.pop();
  if (spare === undefined) return new kind(length);
  columnBytes -= spare.column.byteLength;
  kept.delete(spare.column);
  if (zeroed) spare.column.fill(0, 0, spare.used);
  else dirtyUpTo.set(spare.column, spare.used);
  return spare.column as T;
}

/** Keeps a column whose first `used` cells may have been written, for a later `takeColumn` of its kind and length. */
export function giveColumn(column: Column, used: number): void {
  if (column.length === 0 || kept.has(column) || columnBytes + column.byteLength > MAX_SPARE_COLUMN_BYTES) return;
  kept.add(column);
  const key = `${column.constructor.name}:${column.length}`;
  let list = columns.get(key);
  if (list === undefined) columns.set(key, (list = []));
  list.push({ column, used: Math.min(Math.max(used, dirtyUpTo.get(column) ?? 0), column.length) });
  dirtyUpTo.delete(column);
  columnBytes += column.byteLength;
}

/** Bytes held here now. */
export function spareBytes(): number {
  let bytes = columnBytes;
  for (const chunk of chunks) bytes += chunk.times.byteLength + chunk.words.byteLength;
  return bytes;
}

/** Lets the collector have everything kept here (for a page that is done simulating, and for tests). */
export function dropSpareMemory(): void {
  chunks.length = 0;
  columns.clear();
  columnBytes = 0;
  kept = new WeakSet();
  dirtyUpTo = new WeakMap();
}

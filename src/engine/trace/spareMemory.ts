/**
 * The big arrays of runs that are over, kept for the next run: trace chunks and call-table
 * columns. A run records a few hundred bytes per request into memory it allocates as it goes;
 * fresh memory costs a page fault per 4 KiB and the zeroing the allocator owes it, and V8 starts
 * garbage collections as array memory grows. A re-run (the page re-simulates a scenario after
 * every edit) writes about as much again, so the worker hands the run it replaces here
 * (`Simulation.release`) and the new run writes into memory that is already mapped.
 *
 * What comes here: a released run's chunks and columns, and the columns a call table outgrew
 * (a re-run grows through the same sizes; nothing holds a column across the `add` that grows it).
 * Only the caller of `release` knows that nothing reads a run any more, so nothing in use is
 * recycled behind anyone's back.
 *
 * What stays here: no more than one released run's memory. A release first lets the collector
 * have whatever the run before it left and no run took since (a column of a size no run asked
 * for, after an edit changed the expected number of calls), so a long session of edits never
 * piles up dead memory.
 *
 * Results never depend on what is here: a trace reads only the rows it wrote, and a call
 * column is zeroed as far as any earlier run wrote it before a new run gets it (the call table
 * relies on unwritten cells being zero), unless every cell of it is written before it is read.
 */
import type { TraceChunk } from './traceLog.ts';

/** Chunks kept at most (4,096 rows of 20 bytes each: 160 MiB); a release beyond that leaves the rest to the collector. */
export const MAX_SPARE_CHUNKS = 2048;
/** Bytes of call-table columns kept at most. */
export const MAX_SPARE_COLUMN_BYTES = 192 * 1024 * 1024;

export type Column = Int32Array | Uint8Array | Float64Array;

interface SpareColumn {
  readonly column: Column;
  /** How far its cells may have been written (by any run so far). */
  readonly used: number;
  /** The release round it came in (see `generation`). */
  readonly generation: number;
}

const chunks: TraceChunk[] = [];
/** Spare columns by kind and length ("Int32Array:262144"). */
const columns = new Map<string, SpareColumn[]>();
let columnBytes = 0;
/** Every column in `columns`: one given twice must not go to two tables. */
const kept = new WeakSet<Column>();
/**
 * Columns taken without zeroing: how far old values reach in them (still there past the new run's
 * rows). Kept across `dropSpareMemory`, since such a column may be in use and come back later.
 */
const dirtyUpTo = new WeakMap<Column, number>();
/** Counts call-table releases; a spare column carries the count when it came (see `giveReleasedColumns`). */
let generation = 0;

/** A chunk a finished run no longer needs (its rows are stale: a trace overwrites before it reads), or undefined. */
export function takeSpareChunk(): TraceChunk | undefined {
  return chunks.pop();
}

/**
 * Keeps a released trace's chunks for later runs, instead of the spare ones no run took since
 * the last release (up to MAX_SPARE_CHUNKS).
 */
export function giveSpareChunks(list: readonly TraceChunk[]): void {
  chunks.length = 0;
  for (const chunk of list) {
    if (chunks.length >= MAX_SPARE_CHUNKS) return;
    chunks.push(chunk);
  }
}

/** Adds chunks a log discarded (see `TraceLog.discardBefore`) to the spare ones, up to MAX_SPARE_CHUNKS. */
export function addSpareChunks(list: readonly TraceChunk[]): void {
  for (const chunk of list) {
    if (chunks.length >= MAX_SPARE_CHUNKS) return;
    chunks.push(chunk);
  }
}

/**
 * A zeroed column of `length` cells made by `kind`: a spare one if there is one (zeroed as far as
 * any earlier run wrote it, the rest never written), else a new one. With `zeroed` false a spare
 * one keeps its old values: for a column whose every cell is written before it is read.
 */
export function takeColumn<T extends Column>(kind: { new (length: number): T; readonly name: string }, length: number, zeroed = true): T {
  const spare = columns.get(`${kind.name}:${length}`)?.pop();
  if (spare === undefined) return new kind(length);
  columnBytes -= spare.column.byteLength;
  kept.delete(spare.column);
  if (zeroed) {
    spare.column.fill(0, 0, spare.used);
    dirtyUpTo.delete(spare.column);
  } else dirtyUpTo.set(spare.column, spare.used);
  return spare.column as T;
}

/** Keeps a column whose first `used` cells may have been written, for a later `takeColumn` of its kind and length. */
export function giveColumn(column: Column, used: number): void {
  if (column.length === 0 || kept.has(column) || columnBytes + column.byteLength > MAX_SPARE_COLUMN_BYTES) return;
  kept.add(column);
  const key = `${column.constructor.name}:${column.length}`;
  let list = columns.get(key);
  if (list === undefined) columns.set(key, (list = []));
  list.push({ column, used: Math.min(Math.max(used, dirtyUpTo.get(column) ?? 0), column.length), generation });
  columnBytes += column.byteLength;
}

/**
 * Keeps a released call table's columns (`used` of their cells in use) for later runs, and lets
 * the collector have the spare ones that came before the last release and that no run took since
 * (their sizes are not what runs ask for now).
 */
export function giveReleasedColumns(list: readonly Column[], used: number): void {
  for (const [key, spares] of columns) {
    const fresh: SpareColumn[] = [];
    for (const spare of spares) {
      if (spare.generation >= generation) fresh.push(spare);
      else {
        columnBytes -= spare.column.byteLength;
        kept.delete(spare.column);
      }
    }
    if (fresh.length === 0) columns.delete(key);
    else columns.set(key, fresh);
  }
  for (const column of list) giveColumn(column, used);
  generation++;
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
  for (const list of columns.values()) for (const spare of list) kept.delete(spare.column);
  columns.clear();
  columnBytes = 0;
}

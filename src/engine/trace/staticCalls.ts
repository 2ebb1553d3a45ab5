/**
 * The fixed columns of calls, as a worker hands them to the page (`CallTable.exportStatic`,
 * `takeStatic`), and how a table that reuses rows finds them for the calls made since a given id.
 */
/**
 * What `staticOfNew` reads of a call table (callTable.ts): its columns by row, the rows handed out
 * and each row's first attempt. Declared here, not imported, so this file and callTable.ts (which
 * uses it) form no import cycle.
 */
export interface CallRows {
  readonly id: Int32Array;
  readonly parent: Int32Array;
  readonly root: Int32Array;
  readonly previous: Int32Array;
  readonly caller: Int32Array;
  readonly callee: Int32Array;
  readonly link: Int32Array;
  readonly flags: Uint8Array;
  readonly op: Int32Array;
  readonly rowsHandedOut: number;
  firstOf(row: number): number;
}

/** The parent of a row that holds no call (a reusing table's free row, see `CallTable.reuseRows`). */
export const FREE = -2;

/** The fixed columns of a range of calls (see `CallTable.exportStatic`). */
export interface StaticCalls {
  readonly parent: Int32Array;
  readonly root: Int32Array;
  readonly caller: Int32Array;
  readonly callee: Int32Array;
  readonly link: Int32Array;
  /** 1 when a timeout watches the call. */
  readonly timeoutFlag: Uint8Array;
  /** The attempt before this one of the same call (a retry), or −1. */
  readonly previous: Int32Array;
  /** The first attempt of the resilient call this attempt belongs to (see engine/policies), or −1 for a plain call. */
  readonly first: Int32Array;
}

/**
 * The fixed columns of calls [from, from + count) of a table that reuses rows, naming calls by id.
 * Since its last collection the table handed rows to calls in ascending order (its free list
 * is), so each of those calls is found by its id; and the calls it names (parent, root, attempts)
 * still hold their rows, since a call's parent and attempts are held while it is.
 */
export function staticOfNew(table: CallRows, from: number, count: number): StaticCalls {
  const slots = new Int32Array(count);
  const { id, parent: parents, root: roots, previous: previousOf, caller: callers, callee: callees, link: links, flags, op } = table;
  for (let x = 0, rows = table.rowsHandedOut; x < rows; x++) {
    if (parents[x] !== FREE && id[x] >= from) slots[id[x] - from] = x;
  }
  const out = {
    parent: new Int32Array(count),
    root: new Int32Array(count),
    caller: new Int32Array(count),
    callee: new Int32Array(count),
    link: new Int32Array(count),
    timeoutFlag: new Uint8Array(count),
    previous: new Int32Array(count),
    first: new Int32Array(count),
  };
  // Plain loops: a typed array's `from` with a mapping function cost more than the run's collections.
  for (let i = 0; i < count; i++) {
    const x = slots[i],
      p = parents[x],
      before = previousOf[x];
    out.parent[i] = p < 0 ? p : id[p];
    out.root[i] = id[roots[x]];
    out.caller[i] = callers[x];
    out.callee[i] = callees[x];
    out.link[i] = links[x];
    out.timeoutFlag[i] = flags[x] & 1;
    out.previous[i] = before < 0 ? before : id[before];
    out.first[i] = op[x] < 0 ? -1 : id[table.firstOf(x)];
  }
  return out;
}

/** One block of the blocks' calls, in order. */
export function joinStatic(parts: readonly StaticCalls[]): StaticCalls {
  if (parts.length === 1) return parts[0];
  const count = parts.reduce((sum, p) => sum + p.parent.length, 0);
  const out = {
    parent: new Int32Array(count),
    root: new Int32Array(count),
    caller: new Int32Array(count),
    callee: new Int32Array(count),
    link: new Int32Array(count),
    timeoutFlag: new Uint8Array(count),
    previous: new Int32Array(count),
    first: new Int32Array(count),
  };
  let at = 0;
  for (const p of parts) {
    for (const key of Object.keys(out) as (keyof StaticCalls)[]) out[key].set(p[key], at);
    at += p.parent.length;
  }
  return out;
}

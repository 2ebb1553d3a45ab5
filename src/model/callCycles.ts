/**
 * Circles of synchronous calls (a calls b, which calls … a): each caller waits for the next, so
 * a circle can hold every worker. Found by a depth-first search that keeps its own stack, so a
 * chain of any length is walked without running out of the JavaScript call stack.
 */

/** One circle: the service it was found from, and how to name it in a sentence. */
export interface CallCycle {
  /** The service the circle was found from (where the warning points). */
  readonly first: string;
  /** Services in the circle. */
  readonly length: number;
  /** `a → b → a`; for a long circle its first and last few services and how many there are. */
  readonly text: string;
}

/** Circles up to this many services are named in full. */
const NAMED_IN_FULL = 12;

/**
 * Each elementary cycle closed by a back edge of a depth-first search (in the graph's order),
 * reported once, by the service the search met first. Linear in the graph's size: a long
 * circle is named by its ends, not spelt out.
 */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): CallCycle[] {
  const cycles: CallCycle[] = [];
  const done = new Set<string>();
  // The path from the search's root: each service with the position on the path (while on it).
  const path: string[] = [];
  const onPath = new Map<string, number>();
  // For each service on the path, the next of its callees to look at.
  const nextCallee: number[] = [];
  for (const root of graph.keys()) {
    if (done.has(root)) continue;
    onPath.set(root, 0);
    path.push(root);
    nextCallee.push(0);
    while (path.length > 0) {
      const top = path.length - 1;
      const id = path[top];
      const callees = graph.get(id) ?? [];
      if (nextCallee[top] === callees.length) {
        path.pop();
        nextCallee.pop();
        onPath.delete(id);
        done.add(id);
        continue;
      }
      const next = callees[nextCallee[top]++];
      const at = onPath.get(next);
      if (at !== undefined) cycles.push(describe(path, at));
      else if (!done.has(next) && graph.has(next)) {
        onPath.set(next, path.length);
        path.push(next);
        nextCallee.push(0);
      }
    }
  }
  return cycles;
}

/** The circle `path[from..]` (back to `path[from]`). */
function describe(path: readonly string[], from: number): CallCycle {
  const length = path.length - from;
  const first = path[from];
  if (length <= NAMED_IN_FULL) return { first, length, text: [...path.slice(from), first].join(' → ') };
  const head = path.slice(from, from + 4);
  const tail = path.slice(path.length - 2);
  return { first, length, text: `${[...head, '…', ...tail, first].join(' → ')}; ${length.toLocaleString('en')} services` };
}

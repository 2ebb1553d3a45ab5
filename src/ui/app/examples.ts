/**
 * The shipped example scenarios, offered in the playground's Examples menu. The menu needs only
 * their ids and titles; each document is fetched when a person picks it (one small chunk per
 * example), so the first page load carries none of them (bench: bundle_initial_kib).
 */
import type { DocumentInput } from '../../store/document/commands.ts';
import type { Opening } from './openSystem.ts';

/** One entry of the Examples menu: the file's name (without `.json`) and what it shows. */
export interface ExampleEntry {
  readonly id: string;
  readonly title: string;
}

export const EXAMPLES: readonly ExampleEntry[] = [
  { id: 'checkout', title: 'Checkout: orders → payments and inventory' },
  { id: 'order-flow', title: 'Order flow: pay synchronously, notify through a queue' },
  { id: 'competing-consumers', title: 'Competing consumers: three instances of one service on a queue, idempotent' },
  { id: 'stream', title: 'Order events on a stream: two consumer groups, a crash and a rebalance' },
  { id: 'discovery', title: 'Discovery: a registry, heartbeats and a stale cache after a crash' },
  { id: 'gateway', title: 'API gateway: routes, bad tokens (401) and a per-client rate limit (429)' },
  { id: 'graphql-vs-rest', title: 'One page, two ways: three REST round trips vs one GraphQL query' },
  { id: 'slow-instance', title: 'One slow instance of three: load balancing without outlier ejection' },
  { id: 'mm1', title: 'M/M/1 queue (queueing theory)' },
  { id: 'reference', title: 'Reference system: 20 nodes, faults' },
  { id: 'cascade-unprotected', title: 'Cascade: a slow service 3 hops down, no protection' },
  { id: 'cascade-protected', title: 'Cascade: the same with timeouts, a breaker and a fallback' },
  { id: 'contention', title: 'Contention: 20 callers retry one write (no jitter: try full)' },
];

// Lazy (Vite's default for a glob): a loader per file, each its own chunk, fetched on first use.
const LOADERS = import.meta.glob<unknown>('../../../simulations/examples/*.json', { import: 'default' });

/** The loader of example `id`'s document, or undefined if no such file ships. */
function loaderOf(id: string): (() => Promise<unknown>) | undefined {
  return LOADERS[`../../../simulations/examples/${id}.json`];
}

/** Whether example `id` ships with the site (every menu entry must). */
export function hasExample(id: string): boolean {
  return loaderOf(id) !== undefined;
}

/**
 * Example `id`'s document, as written in its file (validation happens where every document is
 * opened). Rejects for an id that does not ship.
 */
export async function loadExample(id: string): Promise<DocumentInput> {
  const load = loaderOf(id);
  if (!load) throw new Error(`no example named ${id}`);
  return (await load()) as DocumentInput;
}

/** How opening example `id` is spoken of (see openSystem.ts), by its menu title. */
export function exampleOpening(id: string, document: DocumentInput): Opening {
  const title = EXAMPLES.find((x) => x.id === id)?.title ?? id;
  return {
    origin: 'example',
    document,
    what: `Opening the example "${title}"`,
    verb: 'open the example',
    done: `Opened the example "${title}" (Undo brings the previous system back).`,
  };
}

/** The shipped example scenarios, offered in the playground's Examples menu. */
import mm1 from '../../../simulations/examples/mm1.json';
import checkout from '../../../simulations/examples/checkout.json';
import reference from '../../../simulations/examples/reference.json';
import cascadeUnprotected from '../../../simulations/examples/cascade-unprotected.json';
import cascadeProtected from '../../../simulations/examples/cascade-protected.json';
import contention from '../../../simulations/examples/contention.json';
import orderFlow from '../../../simulations/examples/order-flow.json';
import stream from '../../../simulations/examples/stream.json';
import type { DocumentInput } from '../../store/document/commands.ts';

export const EXAMPLES: readonly { readonly id: string; readonly title: string; readonly document: DocumentInput }[] = [
  { id: 'checkout', title: 'Checkout: orders → payments and inventory', document: checkout as unknown as DocumentInput },
  { id: 'order-flow', title: 'Order flow: pay synchronously, notify through a queue', document: orderFlow as unknown as DocumentInput },
  { id: 'stream', title: 'Order events on a stream: two consumer groups, a crash and a rebalance', document: stream as unknown as DocumentInput },
  { id: 'mm1', title: 'M/M/1 queue (queueing theory)', document: mm1 as unknown as DocumentInput },
  { id: 'reference', title: 'Reference system: 20 nodes, faults', document: reference as unknown as DocumentInput },
  { id: 'cascade-unprotected', title: 'Cascade: a slow service 3 hops down, no protection', document: cascadeUnprotected as unknown as DocumentInput },
  { id: 'cascade-protected', title: 'Cascade: the same with timeouts, a breaker and a fallback', document: cascadeProtected as unknown as DocumentInput },
  { id: 'contention', title: 'Contention: 20 callers retry one write (no jitter: try full)', document: contention as unknown as DocumentInput },
];

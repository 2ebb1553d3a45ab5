/** The shipped example scenarios, offered in the playground's Examples menu. */
import mm1 from '../../../simulations/examples/mm1.json';
import checkout from '../../../simulations/examples/checkout.json';
import reference from '../../../simulations/examples/reference.json';
import type { DocumentInput } from '../../store/document/commands.ts';

export const EXAMPLES: readonly { readonly id: string; readonly title: string; readonly document: DocumentInput }[] = [
  { id: 'checkout', title: 'Checkout: orders → payments and inventory', document: checkout as unknown as DocumentInput },
  { id: 'mm1', title: 'M/M/1 queue (queueing theory)', document: mm1 as unknown as DocumentInput },
  { id: 'reference', title: 'Reference system: 20 nodes, faults', document: reference as unknown as DocumentInput },
];

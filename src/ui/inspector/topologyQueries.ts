/** Questions the inspector asks of the document's topology. */
import type { DocumentInput } from '../../store/document/commands.ts';

/** The services `nodeId` has a link to (the only ones it can call or target), in link order. */
export function linkedServices(doc: DocumentInput, nodeId: string): string[] {
  const services = new Set(doc.nodes.filter((n) => n.kind === 'service').map((n) => n.id));
  return (doc.links ?? []).filter((l) => l.from === nodeId && services.has(l.to)).map((l) => l.to);
}

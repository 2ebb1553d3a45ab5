/**
 * The diagram as the canvas shows it, as plain geometry for the image export
 * (persistence/svgDiagram.ts): each node's box and what it says (its name and one-line summary),
 * each link from the point where the canvas's edge leaves its source to where it enters its target
 * (overlay/geometry.ts's handlePoint, what the edges and the message overlay use), with its label
 * and the faults in force on it at the playhead.
 */
import type { LinkFaultView } from '../../engine/replay/linkFaults.ts';
import type { DocumentInput, NodeInput } from '../../store/document/commands.ts';
import {
  clientSummary,
  gatewaySummary,
  loadBalancerSummary,
  queueSummary,
  registrySummary,
  serviceSummary,
  streamSummary,
  topicSummary,
} from '../kinds/summaries.ts';
import { handlePoint, linkGoesDown, type FlowNodeLike } from '../overlay/geometry.ts';
import type { Diagram, DiagramEdge, DiagramNode } from '../persistence/svgDiagram.ts';
import type { DocumentFlowEdge } from './flowElements.ts';

/** The line a node's box shows under its name. */
function summaryOf(node: NodeInput, doc: Pick<DocumentInput, 'nodes' | 'links'>): string {
  switch (node.kind) {
    case 'client':
      return clientSummary(node);
    case 'service':
      return serviceSummary(node);
    case 'queue':
      return queueSummary(node);
    case 'topic':
      return topicSummary(doc, node.id);
    case 'stream':
      return streamSummary(node);
    case 'registry':
      return registrySummary(node);
    case 'gateway':
      return gatewaySummary(node);
    case 'loadBalancer':
      return loadBalancerSummary(node);
    default:
      return '';
  }
}

/**
 * The geometry of `doc` as drawn: `nodeAt` gives React Flow's internal node (position, measured
 * size, handles) by id; `faultOf` the faults in force on a link.
 */
export function diagramOf(
  doc: Pick<DocumentInput, 'nodes' | 'links'>,
  edges: readonly DocumentFlowEdge[],
  nodeAt: (id: string) => FlowNodeLike | undefined,
  faultOf: (linkId: string) => LinkFaultView | undefined,
): Omit<Diagram, 'caption'> {
  const nodes: DiagramNode[] = [];
  for (const node of doc.nodes) {
    const flow = nodeAt(node.id);
    const width = flow?.measured?.width,
      height = flow?.measured?.height;
    if (!flow || !width || !height) continue; // not drawn yet
    const { x, y } = flow.internals.positionAbsolute;
    nodes.push({ id: node.id, x, y, width, height, title: node.label ?? node.id, subtitle: summaryOf(node, doc) });
  }
  const ends = new Float64Array(4);
  const links: DiagramEdge[] = [];
  for (const edge of edges) {
    const from = nodeAt(edge.source),
      to = nodeAt(edge.target);
    if (!from || !to) continue;
    const down = linkGoesDown(from, to);
    handlePoint(from, 'source', ends, 0, down);
    handlePoint(to, 'target', ends, 2, down);
    links.push({
      id: edge.id,
      source: { x: ends[0], y: ends[1] },
      target: { x: ends[2], y: ends[3] },
      down,
      label: edge.data?.label,
      dashed: edge.data?.line === 'dashed',
      fault: faultOf(edge.id),
    });
  }
  return { nodes, edges: links };
}

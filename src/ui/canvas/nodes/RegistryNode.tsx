/**
 * A service registry on the canvas: services link to it to register their instances, callers to
 * look them up; it only answers, so it has no output handle. During a run its box lists its
 * entries at the playhead (RegistrySlot).
 */
import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { RegistryIcon } from '../../kinds/icons.tsx';
import { registrySummary } from '../../kinds/summaries.ts';
import { RegistrySlot } from '../../playback/KindSlots.tsx';
import type { DocumentFlowNode } from '../flowElements.ts';
import { NodeBox } from './NodeBox.tsx';

/** React Flow node component for `registry` nodes. */
export const RegistryNode = memo(function RegistryNode({ id, data, selected }: NodeProps<DocumentFlowNode>) {
  const node = data.node;
  if (node.kind !== 'registry') return null;
  return (
    <NodeBox
      nodeId={id}
      kind="registry"
      kindLabel="Registry"
      name={node.label ?? id}
      summary={registrySummary(node)}
      icon={RegistryIcon}
      selected={selected}
      accepts
      sends={false}
    >
      <RegistrySlot nodeId={id} />
    </NodeBox>
  );
});

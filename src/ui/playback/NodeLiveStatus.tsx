/**
 * A node's state at the playhead, shown inside its box on the canvas (busy workers / pool, line,
 * errors, crashed). Placeholder: being built (see issue #3).
 */
export function NodeLiveStatus({ nodeId }: { nodeId: string }) {
  return <div className="node-live" data-node={nodeId} />;
}

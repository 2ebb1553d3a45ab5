/**
 * The one overlay that draws every message in flight, rendered inside <ReactFlow>. Placeholder:
 * being built (see issue #3).
 */
export function MessageOverlay() {
  return null;
}

/** What an empty canvas says, so a newcomer knows the first step without reading anything. */
export function EmptyHint() {
  return (
    <div className="canvas-empty-hint" role="note">
      <p>
        <strong>Drag a Client and a Service here from the palette, then connect them</strong>
      </p>
      <p>Drag from the dot on a node’s right edge to another node. Then press Play.</p>
    </div>
  );
}

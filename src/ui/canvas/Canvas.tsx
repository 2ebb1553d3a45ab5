/** Placeholder: being built (see issue #3). */
export function Canvas() {
  return <div className="placeholder">Canvas</div>;
}

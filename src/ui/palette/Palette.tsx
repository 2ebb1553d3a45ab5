/** Placeholder: being built (see issue #3). */
export function Palette() {
  return <div className="placeholder">Palette</div>;
}

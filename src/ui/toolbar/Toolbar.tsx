/** Placeholder: being built (see issue #3). */
export function Toolbar() {
  return <div className="placeholder">Toolbar</div>;
}

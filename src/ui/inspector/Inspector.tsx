/** Placeholder: being built (see issue #3). */
export function Inspector() {
  return <div className="placeholder">Inspector</div>;
}

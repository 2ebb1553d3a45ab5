/** Placeholder: being built (see issue #3). */
export function PlaybackBar() {
  return <div className="placeholder">PlaybackBar</div>;
}

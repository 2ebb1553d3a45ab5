/**
 * The share link in a text field, selected, for copying by hand when the clipboard is not
 * available (an insecure origin, a refused permission, an old browser).
 */
import { useRef } from 'react';
import { Dialog } from './Dialog.tsx';

export function CopyLinkDialog({ url, onClose }: { url: string; onClose: () => void }) {
  const field = useRef<HTMLInputElement>(null);
  return (
    <Dialog title="Copy share link" onClose={onClose} initialFocus={field}>
      <p>The browser did not let the page copy. Copy the link with Ctrl+C (⌘C on a Mac):</p>
      <label className="dialog-field">
        <span>Share link</span>
        <input ref={field} type="text" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onClose}>
          Done
        </button>
      </div>
    </Dialog>
  );
}

/**
 * The status line: the latest notice (import errors, "Link copied"…), dismissable. Both live
 * regions are always in the page, so a screen reader announces a notice when it appears: errors
 * assertively (role="alert"), the rest politely (role="status"). An information notice fades
 * after a few seconds; an error stays until dismissed.
 */
import { useEffect } from 'react';
import { useStores, useUi } from '../app/stores.tsx';
import { CloseIcon } from './icons.tsx';

/** How long an information notice stays. */
export const INFO_NOTICE_MS = 6000;

export function NoticeBar() {
  const { ui } = useStores();
  const notice = useUi((s) => s.notice);
  useEffect(() => {
    if (notice?.tone !== 'info') return;
    const timer = setTimeout(() => {
      if (ui.getState().notice === notice) ui.getState().dismissNotice();
    }, INFO_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice, ui]);

  const content = (tone: 'info' | 'error') =>
    notice?.tone === tone && (
      <>
        <span className="notice-text">{notice.text}</span>
        <button type="button" className="notice-dismiss icon-only" aria-label="Dismiss" onClick={() => ui.getState().dismissNotice()}>
          <CloseIcon />
        </button>
      </>
    );
  return (
    <div className="notice-bar">
      <div role="status" className={notice?.tone === 'info' ? 'notice notice-info' : 'notice'}>
        {content('info')}
      </div>
      <div role="alert" className={notice?.tone === 'error' ? 'notice notice-error' : 'notice'}>
        {content('error')}
      </div>
    </div>
  );
}

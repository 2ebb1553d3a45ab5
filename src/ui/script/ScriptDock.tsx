/**
 * Where the Script panel lives: beside the canvas on a wide screen (a resizable panel of the
 * workspace), over it on a narrow one (a drawer the width of the screen). Its content, with Monaco
 * and the editor's language workers, is a chunk of its own fetched when the panel first opens, and
 * only then: not with the first page, nor when the page is idle (unlike the `deferred` components,
 * which are preloaded), since few visits open it and it is by far the largest chunk.
 */
import { lazy, Suspense } from 'react';
import { closePanel } from '../app/panelFocus.ts';
import { useStores } from '../app/stores.tsx';
import { CloseIcon } from '../toolbar/icons.tsx';

const ScriptPanel = lazy(() => import('./ScriptPanel.tsx').then((m) => ({ default: m.ScriptPanel })));

export function ScriptDock() {
  const { ui } = useStores();
  return (
    <section className="script-dock" aria-label="Script" data-testid="script-dock">
      <div className="dock-bar">
        <span className="dock-title">Script</span>
        <button
          type="button"
          className="dock-toggle"
          aria-label="Close the script panel"
          title="Close the script panel"
          onClick={() => closePanel(ui, 'scriptOpen')}
        >
          <CloseIcon />
        </button>
      </div>
      <div className="script-dock-body">
        <Suspense
          fallback={
            <p className="script-loading" role="status">
              Loading the editor…
            </p>
          }
        >
          <ScriptPanel />
        </Suspense>
      </div>
    </section>
  );
}

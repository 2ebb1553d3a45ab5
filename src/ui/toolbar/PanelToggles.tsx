/** Show or hide the palette (left), the Script panel and the inspector (right), for more room on the canvas. */
import { opens } from '../app/panelFocus.ts';
import { useStores, useUi } from '../app/stores.tsx';
import { InspectorPanelIcon, PalettePanelIcon, ScriptPanelIcon } from './icons.tsx';

export function PanelToggles() {
  const { ui } = useStores();
  const paletteOpen = useUi((s) => s.paletteOpen);
  const inspectorOpen = useUi((s) => s.inspectorOpen);
  const scriptOpen = useUi((s) => s.scriptOpen);
  return (
    <div className="toolbar-group" role="group" aria-label="Panels">
      <button
        type="button"
        className="toolbar-button icon-only"
        aria-label="Palette panel"
        aria-pressed={paletteOpen}
        {...opens('paletteOpen')}
        title={paletteOpen ? 'Hide the palette' : 'Show the palette'}
        onClick={() => ui.getState().togglePalette()}
      >
        <PalettePanelIcon />
      </button>
      <button
        type="button"
        className="toolbar-button icon-only"
        aria-label="Script panel"
        aria-pressed={scriptOpen}
        {...opens('scriptOpen')}
        title={scriptOpen ? 'Hide the script panel' : 'Show the script panel: the system as JSON, and simulation scripts'}
        onClick={() => ui.getState().toggleScript()}
      >
        <ScriptPanelIcon />
      </button>
      <button
        type="button"
        className="toolbar-button icon-only"
        aria-label="Inspector panel"
        aria-pressed={inspectorOpen}
        {...opens('inspectorOpen')}
        title={inspectorOpen ? 'Hide the inspector' : 'Show the inspector'}
        onClick={() => ui.getState().toggleInspector()}
      >
        <InspectorPanelIcon />
      </button>
    </div>
  );
}

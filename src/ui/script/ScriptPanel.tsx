/**
 * The Script panel's content (its own chunk, with Monaco: fetched when the panel first opens).
 * Two tabs over one editor: "System (JSON)", the document as text, bound to the canvas both ways
 * (useSystemModel), and "Script (TypeScript)", a simulation script against the typed API
 * (useScriptModel), with Run (or Ctrl/Cmd+Enter), Stop, a seed, and the output pane under it.
 * Each tab keeps its own text model (and undo stack, cursor and scroll) for the page's life.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { editor } from 'monaco-editor';
import type { ScriptItem, ScriptResult } from '../../script/output.ts';
import { openSystem } from '../app/openSystem.ts';
import { useStores, useUi } from '../app/stores.tsx';
import type { DocumentInput } from '../../store/document/commands.ts';
import { setUpMonaco } from './monaco.ts';
import { OutputPane } from './OutputPane.tsx';
import { useScriptModel } from './useScriptModel.ts';
import { useScriptRun } from './useScriptRun.ts';
import { useSystemModel } from './useSystemModel.ts';
import './script.css';

export type ScriptTab = 'system' | 'script';

/** The tab shown last, so the panel reopens on it. */
let lastTab: ScriptTab = 'script';
/** The last request to show the Script tab (ui store's `scriptTabRequest`) the panel followed. */
let followedTabRequest = 0;

export function ScriptPanel() {
  const stores = useStores();
  const monaco = useMemo(() => setUpMonaco(), []);
  const theme = useUi((s) => s.theme);
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<editor.IStandaloneCodeEditor | undefined>(undefined);
  const [tab, setTab] = useState<ScriptTab>(lastTab);
  const [seed, setSeed] = useState(1);
  const [ready, setReady] = useState(false);
  const system = useSystemModel(monaco, stores, editorRef);
  const script = useScriptModel(stores);
  const publish = useCallback((result: ScriptResult) => stores.ui.getState().setScriptResult(result), [stores]);
  const runner = useScriptRun(monaco, script.model, publish);
  const runNow = () => {
    script.flush();
    runner.run(script.model.getValue(), seed);
  };
  const runRef = useRef(runNow);
  runRef.current = runNow;
  const tabRef = useRef(tab);
  tabRef.current = tab;

  useEffect(() => {
    if (!host.current) return;
    const created = monaco.editor.create(host.current, {
      model: tabRef.current === 'script' ? script.model : system.ensure(),
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      tabSize: 2,
      scrollBeyondLastLine: false,
      fixedOverflowWidgets: true,
      wordWrap: 'on',
      renderLineHighlight: 'line',
      ariaLabel: 'Script editor',
    });
    editorRef.current = created;
    created.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => {
      if (tabRef.current === 'script') runRef.current();
    });
    setReady(true);
    return () => {
      created.dispose();
      editorRef.current = undefined;
    };
    // Made once, with the panel: a tab shown later brings its own model (see show).
  }, [monaco, script.model]);

  useEffect(() => {
    monaco.editor.setTheme(theme === 'dark' ? 'vs-dark' : 'vs');
  }, [monaco, theme]);

  // Each tab's cursor and scroll, kept while the other shows.
  const views = useRef(new Map<ScriptTab, editor.ICodeEditorViewState | null>());
  const show = (next: ScriptTab) => {
    const shown = editorRef.current;
    if (next === tab || !shown) {
      setTab(next);
      return;
    }
    views.current.set(tab, shown.saveViewState());
    shown.setModel(next === 'script' ? script.model : system.ensure());
    const view = views.current.get(next);
    if (view) shown.restoreViewState(view);
    lastTab = next;
    setTab(next);
  };

  // A lesson's "Open in the Script panel" asks for the Script tab, whichever tab shows (also when it opens the panel).
  const tabRequest = useUi((s) => s.scriptTabRequest);
  const showRef = useRef(show);
  showRef.current = show;
  useEffect(() => {
    if (!ready || tabRequest === followedTabRequest) return;
    followedTabRequest = tabRequest;
    showRef.current('script');
  }, [ready, tabRequest]);

  const goTo = (line: number, column: number) => {
    const shown = editorRef.current;
    if (!shown) return;
    if (tab !== 'script') show('script');
    shown.setPosition({ lineNumber: line, column });
    shown.revealPositionInCenter({ lineNumber: line, column });
    shown.focus();
  };

  const openItem = (item: Extract<ScriptItem, { kind: 'open' }>) => {
    // The script comes along: opening what it built must not lose the script that built it.
    const own = stores.document.getState().document.script;
    const document = { ...(item.scenario as DocumentInput), ...(own === undefined ? {} : { script: own }) };
    const name = item.title ?? item.scenario.name ?? 'the system';
    openSystem(stores, {
      origin: 'script',
      document,
      what: `Opening "${name}" from the script`,
      verb: 'open it',
      done: `Opened "${name}" from the script. Undo brings the previous system back.`,
    });
  };

  return (
    <div className="script-panel" data-editor-ready={ready ? 'true' : undefined}>
      <div className="script-tabs" role="tablist" aria-label="Script panel">
        <button
          type="button"
          role="tab"
          id="script-tab-system"
          aria-selected={tab === 'system'}
          aria-controls="script-editor"
          className="script-tab"
          onClick={() => show('system')}
        >
          System (JSON)
        </button>
        <button
          type="button"
          role="tab"
          id="script-tab-script"
          aria-selected={tab === 'script'}
          aria-controls="script-editor"
          className="script-tab"
          onClick={() => show('script')}
        >
          Script (TypeScript)
        </button>
      </div>
      {tab === 'script' && (
        <div className="script-runbar">
          <button
            type="button"
            className="toolbar-button script-run"
            onClick={runNow}
            aria-keyshortcuts="Control+Enter Meta+Enter"
            title="Run the script (Ctrl/Cmd+Enter)"
          >
            Run
          </button>
          <button type="button" className="toolbar-button" onClick={runner.stop} disabled={!runner.running} title="Stop the running script">
            Stop
          </button>
          <label className="script-seed">
            Seed{' '}
            <input
              type="number"
              min={0}
              step={1}
              value={seed}
              onChange={(e) => setSeed(Math.max(0, Math.floor(Number(e.target.value) || 0)))}
            />
          </label>
          {runner.running && (
            <span className="script-muted" role="status">
              Running…
            </span>
          )}
        </div>
      )}
      {tab === 'system' && (
        <p className={`script-status${system.status?.tone === 'error' ? ' is-error' : ''}`} role="status" data-testid="system-status">
          {system.status?.text ?? 'The system as JSON: a valid edit applies to the canvas; Ctrl+Space completes, hovering explains.'}
        </p>
      )}
      <div
        className="script-editor"
        id="script-editor"
        role="tabpanel"
        aria-labelledby={tab === 'script' ? 'script-tab-script' : 'script-tab-system'}
        ref={host}
      />
      {tab === 'script' && <OutputPane result={runner.result} running={runner.running} onGoTo={goTo} onOpen={openItem} />}
    </div>
  );
}

/**
 * What a script run published, in order, under the editor: tables, charts, checks (passed or
 * failed, with their detail), log lines, systems offered for the canvas (each with a button that
 * opens it), and why the run stopped early, if it did: the error's kind and message, its place in
 * the script as a link that moves the editor's cursor there, and for an invalid system the same
 * problem list an import shows. Plain rendering of a ScriptResult; what the buttons do is the
 * caller's.
 */
import type { ScriptCell, ScriptError, ScriptItem, ScriptResult } from '../../script/output.ts';
import { ScriptChart } from './ScriptChart.tsx';

export interface OutputPaneProps {
  /** The last result (undefined: nothing run yet). */
  readonly result: ScriptResult | undefined;
  /** A run is in progress. */
  readonly running: boolean;
  /** Moves the editor's cursor to a place in the script (1-based). */
  readonly onGoTo: (line: number, column: number) => void;
  /** Puts an offered system on the canvas. */
  readonly onOpen: (item: Extract<ScriptItem, { kind: 'open' }>) => void;
}

const ERROR_KIND: Record<ScriptError['kind'], string> = {
  syntax: 'Syntax error',
  runtime: 'Runtime error',
  time: 'Time limit',
  memory: 'Memory limit',
  'invalid-system': 'Invalid system',
  refused: 'Refused',
  cancelled: 'Stopped',
};

export function OutputPane({ result, running, onGoTo, onOpen }: OutputPaneProps) {
  if (!result) {
    return (
      <div className="script-output is-empty" aria-live="polite">
        <p className="script-muted">{running ? 'Running…' : 'Run the script to see its tables, charts and checks here.'}</p>
      </div>
    );
  }
  const checks = result.items.filter((i) => i.kind === 'check');
  const failed = checks.filter((c) => !c.passed).length;
  return (
    <div className="script-output" aria-live="polite" data-testid="script-output">
      <p className="script-muted">
        {running ? 'Running… (the last result below)' : `Ran in ${Math.round(result.elapsedMs)} ms`}
        {checks.length > 0 && `: ${checks.length - failed} of ${checks.length} checks passed`}
      </p>
      {result.items.map((item, i) => (
        <Item key={i} item={item} onOpen={onOpen} />
      ))}
      {result.error && <ErrorView error={result.error} onGoTo={onGoTo} />}
    </div>
  );
}

function Item({ item, onOpen }: { readonly item: ScriptItem; readonly onOpen: OutputPaneProps['onOpen'] }) {
  switch (item.kind) {
    case 'table':
      return <ScriptTable table={item} />;
    case 'chart':
      return <ScriptChart chart={item} />;
    case 'check':
      return (
        <div className={item.passed ? 'script-check is-passed' : 'script-check is-failed'} data-testid="script-check">
          <span className="script-check-mark" aria-hidden="true">
            {item.passed ? '✓' : '✗'}
          </span>
          <span>
            <strong>{item.passed ? 'Passed' : 'Failed'}:</strong> {item.name}
            {item.detail && <span className="script-muted"> — {item.detail}</span>}
          </span>
        </div>
      );
    case 'log':
      return <pre className="script-log">{item.text}</pre>;
    case 'open':
      return (
        <div className="script-open">
          <span>
            {item.title ?? item.scenario.name ?? 'A system'} ({item.scenario.nodes.length} nodes)
          </span>
          <button type="button" className="toolbar-button" onClick={() => onOpen(item)}>
            Open on the canvas
          </button>
        </div>
      );
  }
}

function ScriptTable({ table }: { readonly table: Extract<ScriptItem, { kind: 'table' }> }) {
  return (
    <div className="script-table-wrap">
      <table className="script-table">
        {table.title && <caption>{table.title}</caption>}
        <thead>
          <tr>
            {table.columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r}>
              {table.columns.map((_, c) => (
                <td key={c}>{cellText(row[c])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A cell as text: numbers to at most 4 significant decimals, null as an empty cell. */
export function cellText(cell: ScriptCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isInteger(cell) ? String(cell) : String(Number(cell.toFixed(4)));
  return String(cell);
}

function ErrorView({ error, onGoTo }: { readonly error: ScriptError; readonly onGoTo: OutputPaneProps['onGoTo'] }) {
  const where = error.line !== undefined ? `line ${error.line}${error.column !== undefined ? `, column ${error.column}` : ''}` : undefined;
  return (
    <div className="script-error" role="alert" data-testid="script-error">
      <strong>{ERROR_KIND[error.kind]}</strong>
      {where && (
        <>
          {' '}
          at{' '}
          <button type="button" className="script-link" onClick={() => onGoTo(error.line ?? 1, error.column ?? 1)}>
            {where}
          </button>
        </>
      )}
      : {error.message}
      {error.problems && error.problems.length > 0 && (
        <ul className="script-problems">
          {error.problems.map((p, i) => (
            <li key={i}>{p}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

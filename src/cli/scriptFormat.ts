/** The plain-text form of a script's output (`npm run sim -- script FILE`): tables, charts as tables, checks, logs. */
import type { ScriptCell, ScriptError, ScriptItem } from '../script/output.ts';

/** A number as a person reads it in a table: whole numbers as they are, others to 4 significant digits. */
function cellText(cell: ScriptCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number')
    return Number.isInteger(cell) || !Number.isFinite(cell) ? String(cell) : String(Number(cell.toPrecision(4)));
  return String(cell);
}

/** Columns two spaces apart: text left-aligned, numbers right-aligned. */
function textTable(columns: readonly string[], rows: readonly (readonly ScriptCell[])[]): string[] {
  const texts = rows.map((row) => columns.map((_, i) => cellText(row[i] ?? null)));
  const widths = columns.map((c, i) => Math.max(c.length, ...texts.map((r) => r[i].length)));
  const numeric = columns.map(
    (_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number' || r[i] === null || r[i] === undefined),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...texts.map(line)];
}

/** One published item as lines of text. */
export function formatItem(item: ScriptItem): string[] {
  switch (item.kind) {
    case 'table':
      return ['', ...(item.title ? [item.title] : []), ...textTable(item.columns, item.rows)];
    case 'chart': {
      // A chart in a terminal: its points as a table, one column per series, one row per x.
      const xs = [...new Set(item.series.flatMap((s) => s.points.map((p) => p[0])))].sort((a, b) => a - b);
      const columns = [item.xLabel ?? 'x', ...item.series.map((s) => s.name)];
      const rows = xs.map((x) => [x, ...item.series.map((s) => s.points.find((p) => p[0] === x)?.[1] ?? null)]);
      return ['', `${item.title ?? 'Chart'}${item.yLabel ? ` (${item.yLabel})` : ''}`, ...textTable(columns, rows)];
    }
    case 'check':
      return [`${item.passed ? 'PASS' : 'FAIL'}  ${item.name}${item.detail ? `: ${item.detail}` : ''}`];
    case 'log':
      return [item.text];
    case 'open':
      return [
        `(a system to open${item.title ? `, "${item.title}"` : ''}: ${item.scenario.nodes.length} nodes, ${item.scenario.links.length} links; open the script in the page to see it)`,
      ];
  }
}

/** Why a script stopped, as the CLI prints it: `FILE:LINE:COLUMN: message`, then any problems. */
export function formatScriptError(file: string, error: ScriptError): string[] {
  const where = error.line === undefined ? file : `${file}:${error.line}${error.column === undefined ? '' : `:${error.column}`}`;
  const what: Record<ScriptError['kind'], string> = {
    syntax: 'syntax error',
    runtime: 'error',
    time: 'stopped',
    memory: 'stopped',
    'invalid-system': 'invalid system',
    refused: 'refused',
    cancelled: 'cancelled',
  };
  return [`${where}: ${what[error.kind]}: ${error.message}`, ...(error.problems ?? []).map((p) => `  ${p}`)];
}

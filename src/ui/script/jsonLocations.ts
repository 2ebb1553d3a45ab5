/**
 * Where each value of a JSON text lies, by the path a problem names (`nodes[2].serviceTime.mean`,
 * see model/problems.ts `formatPath`), so an import problem can be drawn as an editor marker on
 * the text it is about. Pure and DOM-free; reads only valid JSON (the text parsed already).
 */

/** A span of the text: [start, end) offsets. */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
}

/**
 * Every value's span by its path ('' is the whole document). A member's span covers its key too
 * (`"mean": 5`), so a marker on a missing or wrong field underlines the field as written.
 */
export function jsonLocations(text: string): Map<string, TextSpan> {
  const spans = new Map<string, TextSpan>();
  let i = 0;
  const space = () => {
    while (i < text.length && ' \t\n\r\uFEFF'.includes(text[i])) i++;
  };
  const string = (): string => {
    const start = i;
    i++; // opening quote
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string, from?: number): void => {
    space();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      space();
      while (i < text.length && text[i] !== '}') {
        space();
        const keyStart = i;
        const key = string();
        space();
        i++; // colon
        value(path === '' ? key : `${path}.${key}`, keyStart);
        space();
        if (text[i] === ',') i++;
        space();
      }
      i++;
    } else if (c === '[') {
      i++;
      space();
      for (let index = 0; i < text.length && text[i] !== ']'; index++) {
        value(`${path}[${index}]`);
        space();
        if (text[i] === ',') i++;
        space();
      }
      i++;
    } else if (c === '"') {
      string();
    } else {
      while (i < text.length && !',}] \t\n\r'.includes(text[i])) i++;
    }
    spans.set(path, { start: from ?? start, end: i });
  };
  value('');
  return spans;
}

/**
 * The span a problem at `path` is drawn on: the value at that path, else at the nearest enclosing
 * path that exists (a missing field is reported on the object that lacks it).
 */
export function spanOfPath(spans: ReadonlyMap<string, TextSpan>, path: string): TextSpan | undefined {
  for (let p = path; ; p = parentPath(p)) {
    const span = spans.get(p);
    if (span) return span;
    if (p === '') return undefined;
  }
}

/** `nodes[2].mean` → `nodes[2]` → `nodes` → ''. */
export function parentPath(path: string): string {
  const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
  return cut <= 0 ? '' : path.slice(0, cut);
}

/** 1-based line and column of `offset` in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1,
    lineStart = 0;
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text[k] === '\n') {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

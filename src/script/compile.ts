/**
 * A script's TypeScript turned into JavaScript for the sandbox (sucrase: types removed, lines kept,
 * the same in the page and in Node), and positions in that JavaScript mapped back to the script's
 * own line and column through sucrase's source map.
 */
import { transform } from 'sucrase';

/** The file name a script runs under: error positions name it. */
export const SCRIPT_FILE = 'script.ts';

/** A compiled script, or where its syntax is wrong. */
export type Compiled =
  | { readonly ok: true; readonly code: string; readonly map: PositionMap }
  | { readonly ok: false; readonly message: string; readonly line?: number; readonly column?: number };

/** Maps a 1-based (line, column) of the compiled code to the script's own. */
export type PositionMap = (line: number, column: number) => { line: number; column: number };

export function compileScript(source: string): Compiled {
  try {
    const result = transform(source, {
      transforms: ['typescript'],
      disableESTransforms: true,
      filePath: SCRIPT_FILE,
      sourceMapOptions: { compiledFilename: 'script.js' },
    });
    return { ok: true, code: result.code, map: positionMap(result.sourceMap?.mappings ?? '') };
  } catch (error) {
    // Sucrase ends its messages with "(line:column)", both 1-based.
    const message = (error as Error).message;
    const at = /\((\d+):(\d+)\)\s*$/.exec(message);
    return {
      ok: false,
      message: message.replace(/^Error transforming [^:]*: /, '').replace(/\s*\(\d+:\d+\)\s*$/, ''),
      ...(at && { line: Number(at[1]), column: Number(at[2]) }),
    };
  }
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Segments per generated line: [generated column, original line, original column], 0-based. */
function decodeMappings(mappings: string): [number, number, number][][] {
  const lines: [number, number, number][][] = [];
  let srcLine = 0,
    srcCol = 0;
  for (const text of mappings.split(';')) {
    const segments: [number, number, number][] = [];
    let genCol = 0;
    for (const segment of text.split(',')) {
      if (segment === '') continue;
      const values: number[] = [];
      let shift = 0,
        value = 0;
      for (const ch of segment) {
        const digit = BASE64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          shift = 0;
          value = 0;
        }
      }
      genCol += values[0];
      if (values.length >= 4) {
        srcLine += values[2];
        srcCol += values[3];
        segments.push([genCol, srcLine, srcCol]);
      }
    }
    lines.push(segments);
  }
  return lines;
}

function positionMap(mappings: string): PositionMap {
  const lines = decodeMappings(mappings);
  return (line, column) => {
    const segments = lines[line - 1] ?? [];
    let best: [number, number, number] | undefined;
    for (const s of segments) if (s[0] <= column - 1) best = s;
    // Sucrase keeps lines; within one, the nearest token at or before the column, plus the offset.
    if (!best) return { line, column };
    return { line: best[1] + 1, column: best[2] + (column - 1 - best[0]) + 1 };
  };
}

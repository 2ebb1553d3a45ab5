/**
 * The TypeScript declarations of the script API, as text for the editor's TypeScript support
 * (Monaco `addExtraLib`): `crosstalkApi.d.txt`, which `npm run script:types` generates from
 * `src/script/api/types.ts` (the model's and the engine's own types, flattened), so they cannot
 * drift; `npm test` fails when it is stale. Imported as text by Vite (the page, vitest).
 */
import declarations from './crosstalkApi.d.txt?raw';

export const API_DECLARATIONS: string = declarations;

/** The file name the declarations are registered under in the editor. */
export const API_DECLARATIONS_FILE = 'file:///crosstalk.d.ts';

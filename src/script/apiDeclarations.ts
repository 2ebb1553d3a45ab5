/**
 * The TypeScript declarations of the script API, as text for the editor's TypeScript support
 * (Monaco `addExtraLib`). PLACEHOLDER until the script runtime lands (issue 22): it will be
 * generated from the model's own types, so it cannot drift from them.
 */
export const API_DECLARATIONS = `declare function check(name: string, passed: boolean, detail?: string): void;\n`;

/** The file name the declarations are registered under in the editor. */
export const API_DECLARATIONS_FILE = 'file:///crosstalk.d.ts';

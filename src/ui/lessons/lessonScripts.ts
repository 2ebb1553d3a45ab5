/**
 * The script files of lessons' script tasks (simulations/lessons/scripts/*.ts) as text, bundled
 * with the lesson panel (which alone imports this): a step's starter is put in the Script tab
 * as it is, never compiled here.
 */
const FILES = import.meta.glob<string>('../../../simulations/lessons/scripts/*.ts', { query: '?raw', import: 'default', eager: true });

/** The text of lesson script `name` (a file name in simulations/lessons/scripts/), or undefined if there is none. */
export function lessonScript(name: string): string | undefined {
  return FILES[`../../../simulations/lessons/scripts/${name}`];
}

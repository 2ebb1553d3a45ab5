/**
 * English for counts and names, written once so every sentence agrees: "1 worker", "2 workers",
 * "api's line", "shoppers' requests". Names are ids people chose; most that end in s are plurals
 * (shoppers, payments), which take the apostrophe alone.
 */

/** The word for `n` of a thing: `one` for exactly 1, else `many` (default: `one` + s). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}

/** The possessive of a name: "api's", "shoppers'". */
export function possessive(name: string): string {
  return /s$/i.test(name) ? `${name}'` : `${name}'s`;
}

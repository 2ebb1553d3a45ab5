/** The scenario document: types, schema, validation, versions. No behaviour. */
export * from './scenario.ts';
export * from './duration.ts';
export * from './distribution.ts';
export * from './protocols.ts';
export * from './problems.ts';
export * from './problemCounts.ts';
export * from './migrate.ts';
export * from './validate.ts';
export * from './references.ts';
export * from './runLength.ts';
export { MAX_RATE } from './primitives.ts';
export { burstsRate, closedRate, MIN_USER_CYCLE_MS } from './rateCap.ts';
export { plural, possessive } from './words.ts';

/**
 * What the scenario schema says about a field, looked up by its path in the document: its
 * one-line description (`.meta({ description })`) and its default. The inspector takes both from
 * here so the explanations and placeholders cannot drift from what the engine validates.
 *
 * The walk follows the document alongside the schema: at a union (a node is a client or a service,
 * a workload has five patterns) the value in the document picks the branch, so
 * `nodes[2].workload.every` finds the bursts pattern's `every`.
 */
import { z } from 'zod';
import { DurationSchema, ScenarioSchema, ServiceNodeSchema } from '../../model/index.ts';

/** A path into the document: `['nodes', 2, 'workers']`. */
export type FieldPath = readonly (string | number)[];

type Schema = z.core.$ZodType;
interface Def {
  readonly type: string;
  readonly innerType?: Schema;
  readonly in?: Schema;
  readonly shape?: Record<string, Schema>;
  readonly element?: Schema;
  readonly items?: readonly Schema[];
  readonly options?: readonly Schema[];
  readonly discriminator?: string;
  readonly values?: readonly unknown[];
  readonly defaultValue?: unknown;
}

const defOf = (schema: Schema): Def => schema._zod.def as unknown as Def;

/**
 * Descriptions that belong to a reusable building block (any duration, any id) rather than to a
 * field: they say how to write a value, not what the field means, so a field's own text wins.
 */
const GENERIC_DESCRIPTIONS = new Set(
  [z.globalRegistry.get(DurationSchema)?.description, z.globalRegistry.get(ServiceNodeSchema.shape.id)?.description].filter(
    (d): d is string => d !== undefined,
  ),
);

/** The schema, then what it wraps (optional, default, nullable, a transform's input…), outside in. */
function layers(schema: Schema, value: unknown): Schema[] {
  const out: Schema[] = [];
  for (let s: Schema | undefined = schema; s;) {
    out.push(s);
    const def = defOf(s);
    if (def.type === 'union') {
      const picked = pickOption(def, value);
      if (picked) out.push(...layers(picked, value));
      break;
    }
    s = def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
  }
  return out;
}

/** The branch of a union the value belongs to (by discriminator, else the first object branch that fits). */
function pickOption(def: Def, value: unknown): Schema | undefined {
  const options = def.options ?? [];
  const record = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  if (def.discriminator && record) {
    const wanted = record[def.discriminator];
    const match = options.find((o) => {
      const field = defOf(o).shape?.[def.discriminator as string];
      return field !== undefined && layers(field, undefined).some((l) => defOf(l).values?.includes(wanted));
    });
    if (match) return match;
  }
  if (record) {
    // A plain union (a call step is a call or a parallel group; a distribution is a bare duration or
    // an object): the branch whose object has every key the value has.
    const keys = Object.keys(record);
    const match = options.find((o) => {
      const shape = layers(o, record)
        .map((l) => defOf(l).shape)
        .find((s) => s !== undefined);
      return shape !== undefined && keys.every((k) => k in shape);
    });
    if (match) return match;
  }
  return undefined;
}

/** The schema of `key` inside `schema` (whose value is `value`). */
function childSchema(schema: Schema, value: unknown, key: string | number): Schema | undefined {
  for (const layer of layers(schema, value)) {
    const def = defOf(layer);
    if (def.type === 'object' && typeof key === 'string') return def.shape?.[key];
    if (def.type === 'array' && typeof key === 'number') return def.element;
    if (def.type === 'tuple' && typeof key === 'number') return def.items?.[key];
  }
  return undefined;
}

function child(value: unknown, key: string | number): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string | number, unknown>)[key] : undefined;
}

/** The schema at `path` in `document`, with the value there (undefined if the schema has no such field). */
export function schemaAt(document: unknown, path: FieldPath): { schema: Schema; value: unknown } | undefined {
  let schema: Schema = ScenarioSchema;
  let value: unknown = document;
  for (const key of path) {
    const next = childSchema(schema, value, key);
    if (!next) return undefined;
    schema = next;
    value = child(value, key);
  }
  return { schema, value };
}

/**
 * The schema's description of the field at `path` (the outermost one: a field's own words before
 * its type's), or `fallback` when the schema has none or only a generic one.
 */
export function describeAt(document: unknown, path: FieldPath, fallback?: string): string | undefined {
  const found = schemaAt(document, path);
  if (!found) return fallback;
  for (const layer of layers(found.schema, found.value)) {
    const description = z.globalRegistry.get(layer)?.description;
    if (description === undefined) continue;
    return GENERIC_DESCRIPTIONS.has(description) && fallback !== undefined ? fallback : description;
  }
  return fallback;
}

/** The schema's default for the field at `path`, if it has one. */
export function defaultAt(document: unknown, path: FieldPath): unknown {
  const found = schemaAt(document, path);
  if (!found) return undefined;
  for (const layer of layers(found.schema, undefined)) {
    const def = defOf(layer);
    if (def.type === 'default') return def.defaultValue;
  }
  return undefined;
}

/**
 * The description of the variant the value at `path` is (a distribution's kind, a workload's
 * pattern, a fault's kind): the innermost description along the way. `value` stands in for the
 * document's value there, e.g. the default when the field is absent.
 */
export function describeVariant(document: unknown, path: FieldPath, value?: unknown): string | undefined {
  const found = schemaAt(document, path);
  if (!found) return undefined;
  let description: string | undefined;
  for (const layer of layers(found.schema, value ?? found.value)) {
    description = z.globalRegistry.get(layer)?.description ?? description;
  }
  return description;
}

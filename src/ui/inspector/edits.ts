/**
 * What an inspector field edits, as data: a property of a node, a link, a fault or the scenario's
 * settings. From that the inspector derives the property's path in the document (to find its
 * problems and its description) and the command that sets it.
 */
import { linkId } from '../../model/index.ts';
import type { DocumentCommand, DocumentInput, FaultInput } from '../../store/document/commands.ts';
import type { FieldPath } from './schemaInfo.ts';

export type EditTarget =
  | { readonly kind: 'node'; readonly id: string }
  | { readonly kind: 'link'; readonly id: string }
  | { readonly kind: 'fault'; readonly index: number }
  | { readonly kind: 'settings' };

/** Where the target sits in the document (`['nodes', 2]`, `[]` for settings), or undefined if gone. */
export function targetPath(doc: DocumentInput, target: EditTarget): FieldPath | undefined {
  switch (target.kind) {
    case 'node': {
      const index = doc.nodes.findIndex((n) => n.id === target.id);
      return index < 0 ? undefined : ['nodes', index];
    }
    case 'link': {
      const index = (doc.links ?? []).findIndex((l) => linkId(l) === target.id);
      return index < 0 ? undefined : ['links', index];
    }
    case 'fault':
      return doc.faults?.[target.index] === undefined ? undefined : ['faults', target.index];
    case 'settings':
      return [];
  }
}

/** The target's properties as they are in the document. */
export function targetValue(doc: DocumentInput, target: EditTarget): Record<string, unknown> | undefined {
  const path = targetPath(doc, target);
  if (!path) return undefined;
  let value: unknown = doc;
  for (const key of path) value = (value as Record<string | number, unknown>)[key];
  return value as Record<string, unknown>;
}

/** The command that sets `field` of `target` to `value` in the document itself (undefined removes it). */
export function directCommand(doc: DocumentInput, target: EditTarget, field: string, value: unknown): DocumentCommand {
  const patch = { [field]: value };
  switch (target.kind) {
    case 'node':
      return { type: 'updateNode', id: target.id, patch };
    case 'link':
      return { type: 'updateLink', id: target.id, patch };
    case 'settings':
      return { type: 'updateSettings', patch };
    case 'fault': {
      const fault = { ...(doc.faults?.[target.index] as Record<string, unknown>) };
      if (value === undefined) delete fault[field];
      else fault[field] = value;
      return { type: 'updateFault', index: target.index, fault: fault as FaultInput };
    }
  }
}

/** Structural equality of plain data (what the document holds). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>,
    rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)].filter((k) => ra[k] !== undefined || rb[k] !== undefined));
  for (const key of keys) if (!sameValue(ra[key], rb[key])) return false;
  return true;
}

/** Whether problem path `path` lies at or under `scope` (`nodes[2].serviceTime` covers `nodes[2].serviceTime.max`). */
export function isWithin(path: string, scope: string): boolean {
  if (scope === '') return true;
  return path === scope || path.startsWith(`${scope}.`) || path.startsWith(`${scope}[`);
}

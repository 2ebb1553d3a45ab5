/**
 * What the reference checks read of a document: the whole of a valid one, or a best-effort
 * reading of one that failed the schema (so that references are still checked and every
 * problem shows at once).
 */
import type { CallStep } from './scenario.ts';
import { parseDuration } from './duration.ts';

/** The parts of a document the reference checks read; a malformed document gives a partial view. */
export interface ReferenceView {
  readonly nodes: readonly LooseNode[];
  readonly links: readonly ({
    id?: string;
    from: string;
    to: string;
    kind?: string;
    polling?: unknown;
    content?: string;
    keys?: unknown;
    partitionBy?: unknown;
    group?: unknown;
    startFrom?: unknown;
    connections?: unknown;
    protocol?: unknown;
    stream?: unknown;
    dedupe?: unknown;
    loadBalancing?: unknown;
    outlierEjection?: unknown;
    healthCheck?: unknown;
    discovery?: unknown;
    fallback?: { kind: string; to?: string };
  } & { readonly [policy in (typeof CALL_POLICY_FIELDS)[number]]?: unknown })[];
  readonly faults: readonly LooseFault[];
  readonly changes?: readonly LooseChange[];
}
export type LooseChange =
  | { kind: 'service'; target: string; calls?: readonly CallStep[]; replicas?: unknown }
  | { kind: 'client'; target: string; at: number; setsRate: boolean; newTarget?: string; newPattern?: string }
  | { kind: 'link'; link: string; sets: readonly string[] }
  | { kind: 'stream'; target: string; group?: string }
  | { kind: 'other' };
export type LooseNode =
  | {
      id: string;
      kind: 'client';
      target: string;
      workload: { start?: number; stop?: number; pattern?: string };
      path?: unknown;
      tokens?: unknown;
    }
  | { id: string; kind: 'service'; calls: readonly CallStep[]; replicas?: unknown }
  | { id: string; kind: 'queue' }
  | { id: string; kind: 'topic' }
  | { id: string; kind: 'stream' }
  | { id: string; kind: 'registry' }
  | { id: string; kind: 'gateway'; routes: readonly { prefix?: unknown; to?: unknown; aggregate?: unknown }[] }
  | { id: string; kind: 'loadBalancer'; to?: unknown }
  | { id: string; kind: 'other' };
export type LooseFault =
  | { kind: 'latency' | 'loss'; link: string }
  | { kind: 'partition'; between: readonly [string, string] }
  | { kind: 'crash' | 'slow' | 'errors'; target: string; instance?: unknown }
  | { kind: 'other' };

const list = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? value.map((v) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {})) : [];
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
/** A fallback's kind and target service, if it names one. */
const looseFallback = (value: unknown) =>
  value && typeof value === 'object' && text((value as Record<string, unknown>).kind) !== undefined
    ? { kind: (value as Record<string, unknown>).kind as string, to: text((value as Record<string, unknown>).to) }
    : undefined;
const looseCall = (c: Record<string, unknown>) => ({ to: text(c.to) ?? '', fallback: looseFallback(c.fallback) });
const callPlan = (value: unknown) =>
  list(value).map((step) =>
    Array.isArray(step.parallel) ? { parallel: list(step.parallel).map(looseCall) } : looseCall(step),
  ) as CallStep[];

/**
 * A best-effort reading of a document that failed the schema: elements whose ids are not text
 * are left out (their shape problems are already reported), so references to the rest still get checked.
 */
export function looseView(doc: Record<string, unknown>): ReferenceView {
  const nodes: LooseNode[] = list(doc.nodes).map((n) => {
    const id = text(n.id) ?? '';
    if (n.kind === 'client' && text(n.target) !== undefined) {
      const pattern = n.workload && typeof n.workload === 'object' ? text((n.workload as Record<string, unknown>).pattern) : undefined;
      return { id, kind: 'client', target: n.target as string, workload: { pattern }, path: n.path, tokens: n.tokens };
    }
    if (n.kind === 'service') return { id, kind: 'service', calls: callPlan(n.calls), replicas: n.replicas };
    if (n.kind === 'queue' || n.kind === 'topic' || n.kind === 'stream' || n.kind === 'registry') return { id, kind: n.kind };
    if (n.kind === 'gateway') return { id, kind: 'gateway', routes: list(n.routes) };
    if (n.kind === 'loadBalancer') return { id, kind: 'loadBalancer', to: n.to };
    return { id, kind: 'other' };
  });
  // A link whose read fields already have their types is used as it is: a huge file of such links costs no copies.
  // Otherwise field by field, in one object literal: a spread (of the link, or of its policies) is many times slower.
  const links = list(doc.links).map((l): ReferenceView['links'][number] =>
    isPlainLink(l)
      ? l
      : {
          id: text(l.id),
          from: text(l.from) ?? '',
          to: text(l.to) ?? '',
          kind: text(l.kind),
          polling: l.polling,
          content: text(l.content),
          keys: l.keys,
          partitionBy: l.partitionBy,
          group: l.group,
          startFrom: l.startFrom,
          connections: l.connections,
          protocol: l.protocol,
          stream: l.stream,
          dedupe: l.dedupe,
          loadBalancing: l.loadBalancing,
          outlierEjection: l.outlierEjection,
          healthCheck: l.healthCheck,
          discovery: l.discovery,
          timeout: l.timeout,
          deadline: l.deadline,
          propagateDeadline: l.propagateDeadline,
          retry: l.retry,
          breaker: l.breaker,
          bulkhead: l.bulkhead,
          fallback: looseFallback(l.fallback),
        },
  );
  const faults: LooseFault[] = list(doc.faults).map((f) => {
    if ((f.kind === 'latency' || f.kind === 'loss') && text(f.link) !== undefined) return { kind: f.kind, link: f.link as string };
    if (f.kind === 'partition' && Array.isArray(f.between) && f.between.length === 2 && f.between.every((x) => typeof x === 'string'))
      return { kind: 'partition', between: f.between as [string, string] };
    if ((f.kind === 'crash' || f.kind === 'slow' || f.kind === 'errors') && text(f.target) !== undefined)
      return { kind: f.kind, target: f.target as string, instance: f.instance };
    return { kind: 'other' };
  });
  const changes = looseChanges(doc.changes);
  return { nodes, links, faults, changes };
}

/** Whether a link's fields read as text (and its fallback) already have the types the reference checks expect. */
function isPlainLink(l: Record<string, unknown>): l is Record<string, unknown> & ReferenceView['links'][number] {
  const optionalText = (v: unknown) => v === undefined || typeof v === 'string';
  const fallback = l.fallback as Record<string, unknown> | undefined;
  return (
    typeof l.from === 'string' &&
    typeof l.to === 'string' &&
    optionalText(l.id) &&
    optionalText(l.kind) &&
    optionalText(l.content) &&
    (fallback === undefined ||
      (typeof fallback === 'object' && fallback !== null && typeof fallback.kind === 'string' && optionalText(fallback.to)))
  );
}

/** What the reference checks read of the changes (of a valid document, or a best-effort reading of an invalid one). */
export function looseChanges(value: unknown): LooseChange[] {
  return list(value).map((c): LooseChange => {
    const set = c.set && typeof c.set === 'object' ? (c.set as Record<string, unknown>) : {};
    if (c.kind === 'service' && text(c.target) !== undefined) {
      return {
        kind: 'service',
        target: c.target as string,
        calls: Array.isArray(set.calls) ? callPlan(set.calls) : undefined,
        replicas: set.replicas,
      };
    }
    if (c.kind === 'client' && text(c.target) !== undefined) {
      const workload = set.workload && typeof set.workload === 'object' ? (set.workload as Record<string, unknown>) : undefined;
      return {
        kind: 'client',
        target: c.target as string,
        at: typeof c.at === 'number' ? c.at : typeof c.at === 'string' ? (parseDuration(c.at) ?? 0) : 0,
        setsRate: set.rate !== undefined,
        newTarget: text(set.target),
        newPattern: workload ? (text(workload.pattern) ?? '') : undefined,
      };
    }
    if (c.kind === 'link' && text(c.link) !== undefined)
      return { kind: 'link', link: c.link as string, sets: Object.keys(set).filter((k) => set[k] !== undefined) };
    if (c.kind === 'stream' && text(c.target) !== undefined) return { kind: 'stream', target: c.target as string, group: text(c.group) };
    return { kind: 'other' };
  });
}

/** The call policies a link may set (CallPolicies and LinkGuards). */
export const CALL_POLICY_FIELDS = ['timeout', 'deadline', 'propagateDeadline', 'retry', 'fallback', 'breaker', 'bulkhead'] as const;

/**
 * Floods of problems: a generated or damaged file can have a million (every link naming nodes
 * that do not exist). Keeping each one costs more than finding it, and nobody reads past the
 * first hundred, so validation keeps the first `MAX_KEPT_PROBLEMS` in full and only counts the
 * rest, by kind: the sentence with its quoted names and list indices left out
 * (`no node has the id "…"`), so counts stay exact while memory stays small.
 */
import type { Problem } from './problems.ts';

/** Problems (and, apart, warnings) a validation keeps in full; the rest are counted by kind. */
export const MAX_KEPT_PROBLEMS = 10_000;

/** How many problems of one kind there are (or were left out). */
export interface ProblemTally {
  /** The message with its quoted names as "…" and its list indices as […]. */
  readonly kind: string;
  readonly count: number;
}

/** The kind of a problem's message: `no node has the id "b7"` → `no node has the id "…"`. */
export function problemKind(message: string): string {
  return message.replace(/"(?:[^"\\]|\\.)*"/g, '"…"').replace(/\[\d+\]/g, '[…]');
}

/** Collects problems: the first `limit` in full, the rest as counts by kind. */
export class ProblemList {
  readonly kept: Problem[] = [];
  private readonly left = new Map<string, number>();

  constructor(private readonly limit = MAX_KEPT_PROBLEMS) {}

  /** Adds a problem; `kind`, if given, must be `problemKind(message)` (known in advance, it saves the work on a flood). */
  add(path: string, message: string, severity: Problem['severity'], kind?: string): void {
    if (this.kept.length < this.limit) this.kept.push({ path, message, severity });
    else this.count(kind ?? problemKind(message));
  }

  /** Whether problems added now are only counted (the first `limit` are kept already). */
  get full(): boolean {
    return this.kept.length >= this.limit;
  }

  /** Counts a problem of `kind` (`problemKind` of its message) that is not kept: the list is `full`. */
  count(kind: string): void {
    this.left.set(kind, (this.left.get(kind) ?? 0) + 1);
  }

  /** Every problem, kept or counted. */
  get total(): number {
    let n = this.kept.length;
    for (const count of this.left.values()) n += count;
    return n;
  }

  /** The problems left out, by kind (most first), or undefined if none were. */
  omitted(): ProblemTally[] | undefined {
    return this.left.size === 0 ? undefined : tallies(this.left);
  }
}

/** What to show of a list of problems: the first `shown` in full, and the rest counted by kind. */
export interface ProblemSummary {
  readonly shown: readonly Problem[];
  /** How many problems there are in all. */
  readonly total: number;
  /** The problems not shown, by kind, most first. */
  readonly more: readonly ProblemTally[];
}

/** Readers see this many problems in full (the CLI, the page's import): the rest are counted. */
export const SHOWN_PROBLEMS = 100;

/** The first `shown` of `problems`; the rest (and any `omitted` already) counted by kind. */
export function summarizeProblems(
  problems: readonly Problem[],
  omitted: readonly ProblemTally[] = [],
  shown = SHOWN_PROBLEMS,
): ProblemSummary {
  const counts = new Map<string, number>();
  for (let i = shown; i < problems.length; i++) {
    const kind = problemKind(problems[i].message);
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  for (const t of omitted) counts.set(t.kind, (counts.get(t.kind) ?? 0) + t.count);
  const more = tallies(counts);
  return { shown: problems.slice(0, shown), total: Math.min(shown, problems.length) + more.reduce((n, t) => n + t.count, 0), more };
}

/** Kinds named in `describeMore`; the rest are counted together. */
const NAMED_KINDS = 10;

/** `… and 1,246,594 more: 1,246,000 × no node has the id "…", 594 × …` (empty if there are none). */
export function describeMore(summary: ProblemSummary): string {
  if (summary.more.length === 0) return '';
  const rest = summary.total - summary.shown.length;
  const named = summary.more.slice(0, NAMED_KINDS).map((t) => `${t.count.toLocaleString('en')} × ${t.kind}`);
  const others = summary.more.slice(NAMED_KINDS);
  if (others.length > 0) named.push(`${others.reduce((n, t) => n + t.count, 0).toLocaleString('en')} of ${others.length} other kinds`);
  return `… and ${rest.toLocaleString('en')} more: ${named.join(', ')}`;
}

/** Counts by kind, most first (first met first among equals: the sort is stable). */
function tallies(counts: ReadonlyMap<string, number>): ProblemTally[] {
  return [...counts].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count);
}

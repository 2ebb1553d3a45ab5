/**
 * Turning schema issues into plain sentences with a path, e.g.
 * `nodes[2].serviceTime.mean: must be greater than 0`. Never a stack trace.
 */
import type { z } from 'zod';

export interface Problem {
  /** Where, as a JavaScript-like path: `nodes[2].serviceTime.mean` (empty for the whole document). */
  readonly path: string;
  /** A plain sentence. */
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

/** `['nodes', 2, 'serviceTime']` → `nodes[2].serviceTime`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** Renders a problem the way the CLI and the UI show it. */
export function describeProblem(problem: Problem): string {
  const where = problem.path === '' ? '(document)' : problem.path;
  return `${problem.severity === 'warning' ? 'warning: ' : ''}${where}: ${problem.message}`;
}

type Issue = z.core.$ZodIssue;

/** Flattens zod issues to problems, choosing the most telling branch of each failed union. */
export function problemsFromIssues(issues: readonly Issue[], input: unknown): Problem[] {
  const out: Problem[] = [];
  for (const issue of issues) collect(issue, [], input, out);
  // A union can report the same thing from two branches; keep each sentence once.
  const seen = new Set<string>();
  return out.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// Recursive over a union's branches: as deep as the schema nests unions, however deep the document.
function collect(issue: Issue, prefix: readonly PropertyKey[], input: unknown, out: Problem[]): void {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const branch = bestBranch(issue.errors);
    if (branch) {
      for (const inner of branch) collect(inner, path, input, out);
      return;
    }
  }
  if (issue.code === 'unrecognized_keys') {
    for (const key of issue.keys)
      out.push({ path: formatPath([...path, key]), message: 'is not a known property (check the spelling)', severity: 'error' });
    return;
  }
  out.push({ path: formatPath(path), message: sentence(issue, valueAt(input, path)), severity: 'error' });
}

/**
 * The branch of a union that got furthest: the one whose issues are deepest, then the fewest.
 * A branch that failed only on its own type (wrong kind of value altogether) is the least telling.
 */
function bestBranch(branches: readonly (readonly Issue[])[]): readonly Issue[] | undefined {
  let best: readonly Issue[] | undefined;
  let bestScore = -Infinity;
  for (const branch of branches) {
    if (branch.length === 0) continue;
    // A loop, not Math.max(...): a branch can hold more issues than a call takes arguments.
    let depth = -Infinity;
    for (const i of branch) depth = Math.max(depth, i.path.length + (i.code === 'invalid_type' || i.code === 'invalid_union' ? 0 : 0.5));
    const score = depth * 100 - branch.length;
    if (score > bestScore) {
      bestScore = score;
      best = branch;
    }
  }
  return best;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 30 ? `${value.slice(0, 30)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  // JSON.parse turns 1e999 into Infinity: say so rather than print "number Infinity".
  if (typeof value === 'number' && !Number.isFinite(value))
    return Number.isNaN(value) ? 'a value that is not a number' : 'a number too large to represent';
  return `${typeof value} ${String(value)}`;
}

const TYPE_NAMES: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  tuple: 'a list',
  literal: 'a fixed value',
};

function sentence(issue: Issue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      if (value === undefined) return 'is required';
      if (typeof value === 'number' && !Number.isFinite(value)) return `must be a finite number (got ${describeValue(value)})`;
      if (issue.message && !issue.message.startsWith('Invalid input')) return issue.message;
      return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected} (got ${describeValue(value)})`;
    case 'too_small': {
      if (issue.message && !issue.message.startsWith('Too small')) return issue.message;
      const min = String(issue.minimum);
      if (issue.origin === 'array') return `must have at least ${min} item${min === '1' ? '' : 's'}`;
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'must not be empty' : `must be at least ${min} characters`;
      return issue.inclusive ? `must be at least ${min}` : `must be greater than ${min}`;
    }
    case 'too_big': {
      if (issue.message && !issue.message.startsWith('Too big')) return issue.message;
      const max = String(issue.maximum);
      if (issue.origin === 'array') return `must have at most ${max} items`;
      if (issue.origin === 'string') return `must be at most ${max} characters`;
      return issue.inclusive ? `must be at most ${max}` : `must be less than ${max}`;
    }
    case 'invalid_value':
      if (issue.values.length === 1) return `must be ${JSON.stringify(issue.values[0])} (got ${describeValue(value)})`;
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')} (got ${describeValue(value)})`;
    case 'invalid_union': {
      const note = (issue as { note?: string }).note;
      if (note === 'No matching discriminator') {
        const options = (issue as { options?: unknown[] }).options ?? [];
        if (value === undefined) return `is required: one of ${options.map((o) => JSON.stringify(o)).join(', ')}`;
        return `must be one of ${options.map((o) => JSON.stringify(o)).join(', ')} (got ${describeValue(value)})`;
      }
      return issue.message && !issue.message.startsWith('Invalid input') ? issue.message : 'is not any of the allowed shapes';
    }
    default:
      return issue.message;
  }
}

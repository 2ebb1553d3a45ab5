/**
 * Protection presets for a link, applied as one edit (one undo step; a change at the playhead
 * during a run): no protection, timeouts only, timeouts and retries, or everything. Values are for
 * watching the patterns act within a minute of simulated time; the inspector shows every one of
 * them afterwards, to adjust.
 */
import type { DocumentCommand, DocumentInput, LinkInput } from './commands.ts';
import { changeTime } from './editAtPlayhead.ts';

export const LINK_PRESETS = ['none', 'timeouts', 'retries', 'full'] as const;
export type LinkPreset = (typeof LINK_PRESETS)[number];

export const LINK_PRESET_LABELS: Readonly<Record<LinkPreset, string>> = {
  none: 'No protection',
  timeouts: 'Timeouts only',
  retries: 'Timeouts + retries',
  full: 'Full: timeouts, retries, breaker, bulkhead, fallback',
};

/** The policy fields a preset sets (undefined: removed). */
const POLICY_FIELDS = ['timeout', 'deadline', 'propagateDeadline', 'retry', 'fallback', 'breaker', 'bulkhead'] as const;

function presetValues(preset: LinkPreset): Partial<Record<(typeof POLICY_FIELDS)[number], unknown>> {
  const timeout = '1s';
  const retry = { maxAttempts: 3, backoff: 'exponential', base: '100ms', multiplier: 2, cap: '2s', jitter: 'full' };
  switch (preset) {
    case 'none':
      return {};
    case 'timeouts':
      return { timeout };
    case 'retries':
      return { timeout, retry };
    case 'full':
      return {
        timeout,
        deadline: '3s',
        retry: { ...retry, budget: { percent: 20, window: '10s', minPerSecond: 1 } },
        breaker: { failureRateThreshold: 50, minimumNumberOfCalls: 20, windowSize: 20, waitInOpen: '5s', permittedInHalfOpen: 5 },
        bulkhead: { maxConcurrent: 25 },
        fallback: { kind: 'cache' },
      };
  }
}

/** The command that applies `preset` to link `id` (at `time` ms: a change at the playhead if > 0). */
export function presetCommand(doc: DocumentInput, id: string, preset: LinkPreset, time: number): DocumentCommand {
  const values = presetValues(preset);
  const at = changeTime(time);
  if (at > 0) {
    const set = Object.fromEntries(POLICY_FIELDS.map((f) => [f, f === 'propagateDeadline' ? (values[f] ?? false) : (values[f] ?? null)]));
    return { type: 'addChange', change: { kind: 'link', link: id, at, set } as NonNullable<DocumentInput['changes']>[number] };
  }
  const patch: Partial<Record<keyof LinkInput, unknown>> = {};
  for (const f of POLICY_FIELDS) patch[f] = values[f];
  return { type: 'updateLink', id, patch };
}

/** Which preset a link's settings are exactly, if any (what the preset menu shows). */
export function presetOf(settings: Readonly<Record<string, unknown>>): LinkPreset | undefined {
  const value = (f: string) => (settings[f] === false || settings[f] === null ? undefined : settings[f]);
  return LINK_PRESETS.find((p) => POLICY_FIELDS.every((f) => JSON.stringify(value(f)) === JSON.stringify(presetValues(p)[f])));
}

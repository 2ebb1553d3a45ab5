/**
 * The behaviour pin file (test/engine/pins/behaviour.json) and the comparison of a group's fresh
 * pins with it, worded so a failure names each scenario and what moved.
 */
import type { BehaviourPin } from './behaviourDigest.ts';

/** The pin file: scenario key → its pin. */
export interface PinFile {
  readonly about?: string;
  readonly pins: Readonly<Record<string, BehaviourPin>>;
}

/** What each digest is, for messages. */
const FIELDS: readonly (readonly [keyof BehaviourPin, string])[] = [
  ['trace', 'trace hash'],
  ['report', 'report'],
  ['calls', 'call table (observable columns)'],
  ['callState', 'call table (bookkeeping: flags, plan progress, active list)'],
  ['ops', 'operation table'],
];

/** Most problems listed one by one; the rest are counted. */
const MAX_LISTED = 30;

/**
 * The differences between the pins of group `name` (keys starting with `${name}/`) in `pinned`
 * and `now`, one readable line each, naming the scenario; empty when every pin holds.
 */
export function comparePins(
  name: string,
  pinned: Readonly<Record<string, BehaviourPin>>,
  now: Readonly<Record<string, BehaviourPin>>,
): string[] {
  const problems: string[] = [];
  for (const [key, pin] of Object.entries(now)) {
    const old = pinned[key];
    if (!old) {
      problems.push(`${key}: not pinned (a new scenario? re-pin with UPDATE_PINS=1 and say why in the commit)`);
      continue;
    }
    if (old.input !== pin.input) {
      problems.push(
        `${key}: the scenario itself changed (document digest ${old.input} → ${pin.input}: ` +
          'an edited file or a changed generator), so its behaviour cannot be compared with the pin',
      );
      continue;
    }
    const fields = FIELDS.filter(([field]) => old[field] !== pin[field]);
    if (fields.length === 0) continue;
    const moved = fields.map(([field, label]) => `${label} ${old[field]} → ${pin[field]}`).join('; ');
    // The bookkeeping alone moves when flag bits are renumbered: say so, it may be intended.
    const what =
      fields.length === 1 && fields[0][0] === 'callState'
        ? 'only the call bookkeeping changed (a renumbering of flag bits? if not, a behaviour change)'
        : 'behaviour changed';
    problems.push(`${key}: ${what}: ${moved}`);
  }
  for (const key of Object.keys(pinned)) {
    if (key.startsWith(`${name}/`) && !(key in now)) problems.push(`${key}: pinned, but no longer among the scenarios (removed? re-pin)`);
  }
  if (problems.length <= MAX_LISTED) return problems;
  return [...problems.slice(0, MAX_LISTED), `… and ${problems.length - MAX_LISTED} more in ${name}`];
}

/**
 * The edits made to a node or link during a run (scheduled changes), each with the time it takes
 * effect and a button to take it back (undoable like any edit).
 */
import { callsOf, formatDuration, parseDuration, type CallStep } from '../../../model/index.ts';
import { useDocument, useStores } from '../../app/stores.tsx';
import { formatDurationText, formatPercentText } from '../fieldText.ts';
import type { SettingsRef } from '../useEffectiveSettings.ts';

function describeSetting(key: string, value: unknown): string {
  if (key === 'errorRate' || key === 'loss') return `${key} ${formatPercentText(value)} %`;
  if (key === 'queueCapacity' && value === null) return 'queueCapacity no limit';
  if (key === 'timeout' || key === 'maxQueueTime')
    return value === null ? `${key} none` : `${key} ${typeof value === 'number' ? formatDurationText(value) : String(value)}`;
  if (key === 'startupTime' && typeof value === 'number') return `startupTime ${formatDurationText(value)}`;
  if (key === 'calls' && Array.isArray(value)) return `calls ${describePlan(value as readonly CallStep[])}`;
  if (key === 'workload' && value !== null && typeof value === 'object' && 'pattern' in value) {
    const { pattern, ...params } = value as Record<string, unknown>;
    const parts = Object.entries(params).map(([k, v]) => describeSetting(k, v));
    return `workload ${String(pattern)}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
  }
  if (value !== null && typeof value === 'object' && 'dist' in value) {
    const { dist, ...params } = value as Record<string, unknown>;
    return `${key} ${String(dist)} (${Object.entries(params)
      .map(([k, v]) => `${k} ${typeof v === 'number' ? formatDurationText(v) : String(v)}`)
      .join(', ')})`;
  }
  if (value === null) return `${key} none`;
  if (typeof value === 'object' && !Array.isArray(value)) {
    return `${key} (${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => describeSetting(k, v))
      .join(', ')})`;
  }
  return `${key} ${String(value)}`;
}

/** "b, then c ‖ d" (none: "none"). */
function describePlan(steps: readonly CallStep[]): string {
  return steps.length === 0
    ? 'none'
    : steps
        .map((step) =>
          callsOf(step)
            .map((c) => c.to)
            .join(' ‖ '),
        )
        .join(', then ');
}

/** "group billing reads again from the start" and the like. */
function describeSeek(group: string, offsets: unknown): string {
  if (offsets === 'earliest') return `group ${group} reads again from the start`;
  if (offsets === 'latest') return `group ${group} skips to the end`;
  if (offsets !== null && typeof offsets === 'object' && 'offset' in offsets)
    return `group ${group} reads from offset ${String(offsets.offset)}`;
  if (offsets !== null && typeof offsets === 'object' && 'time' in offsets) {
    const t = typeof offsets.time === 'number' || typeof offsets.time === 'string' ? parseDuration(offsets.time) : undefined;
    return `group ${group} reads from what came at ${t === undefined ? String(offsets.time) : formatDuration(t)} on`;
  }
  return `group ${group} moves`;
}

export function ChangesList({ target }: { readonly target: SettingsRef }) {
  const stores = useStores();
  const changes = useDocument((s) => s.document.changes);
  const mine = (changes ?? [])
    .map((change, index) => ({ change, index }))
    .filter(({ change }) =>
      'link' in target ? change.kind === 'link' && change.link === target.link : change.kind !== 'link' && change.target === target.node,
    );
  if (mine.length === 0) return null;
  return (
    <section className="inspector-changes" aria-label="Changes during the run">
      <h3 className="inspector-subheading">Changes during the run</h3>
      <ul>
        {mine.map(({ change, index }) => {
          const at = parseDuration(change.at);
          const text = `At ${at === undefined ? String(change.at) : formatDuration(at)}: ${
            change.kind === 'stream'
              ? describeSeek(change.group, change.set.offsets)
              : Object.entries(change.set)
                  .map(([k, v]) => describeSetting(k, v))
                  .join(', ')
          }`;
          return (
            <li key={index}>
              <span>{text}</span>
              <button
                type="button"
                className="inspector-small"
                aria-label={`Remove change: ${text}`}
                onClick={() => stores.document.getState().dispatch({ type: 'removeChange', index })}
              >
                Remove
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

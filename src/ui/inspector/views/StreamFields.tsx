/**
 * A stream's properties: how many partitions its log is split into, how long it keeps a message,
 * how long a consumer group pauses while it rebalances, and after how many failed deliveries a
 * group skips a message; then who appends to it and its consumer groups (the links on the canvas
 * decide both: a link's `group` names the group its consumer joins), with buttons that move a
 * group's offsets at the playhead (a replay, or a skip). Each field is explained and validated by
 * the schema.
 */
import type { NodeInput } from '../../../store/document/commands.ts';
import { changeTime } from '../../../store/document/editAtPlayhead.ts';
import { useDocument, useStores } from '../../app/stores.tsx';
import { DurationField } from '../fields/DurationField.tsx';
import { NumberField } from '../fields/NumberField.tsx';
import { ReadOnlyField } from '../fields/ReadOnlyField.tsx';
import { TextInputField } from '../fields/TextInputField.tsx';
import { formatDurationText, parseDurationText, type ParseResult } from '../fieldText.ts';
import { streamParties } from '../topologyQueries.ts';
import { playheadTime, useCommitter } from '../useFieldValidation.ts';

type Stream = Extract<NodeInput, { kind: 'stream' }>;

/** A retention as typed: a duration, or nothing / "keep all" / "forever" for none (null: kept for the whole run). */
export function parseRetentionText(text: string): ParseResult {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === '' || trimmed === 'keep all' || trimmed === 'forever' || trimmed === 'none') return { ok: true, value: null };
  const parsed = parseDurationText(text);
  return parsed.ok ? parsed : { ok: false, error: `${parsed.error}, or empty to keep everything` };
}

/** The fields of stream `node` (at `index` in the document), showing `effective` settings. */
export function StreamFields({
  node,
  index,
  effective,
}: {
  readonly node: Stream;
  readonly index: number;
  readonly effective: Record<string, unknown>;
}) {
  const doc = useDocument((s) => s.document);
  const commitTo = useCommitter({ kind: 'node', id: node.id });
  const path = ['nodes', index];
  const { producers, groups } = streamParties(doc, node.id);
  return (
    <>
      <NumberField
        label="Partitions"
        unit="logs"
        path={[...path, 'partitions']}
        value={effective.partitions}
        commit={commitTo('partitions')}
      />
      <TextInputField
        label="Retention"
        path={[...path, 'retention']}
        value={effective.retention}
        placeholder="keep all"
        unit="ms / s"
        format={formatDurationText}
        parse={parseRetentionText}
        commit={commitTo('retention')}
      />
      <DurationField
        label="Rebalance pause"
        path={[...path, 'rebalancePause']}
        value={effective.rebalancePause}
        commit={commitTo('rebalancePause')}
      />
      <NumberField
        label="Max deliveries"
        unit="deliveries"
        path={[...path, 'maxDeliveries']}
        value={effective.maxDeliveries}
        placeholder="retried forever"
        commit={commitTo('maxDeliveries')}
      />
      <ReadOnlyField
        label="Producers"
        value={producers.join(', ') || 'none'}
        description={
          producers.length === 0
            ? 'Nothing appends to it yet: connect a client or a service to it on the canvas.'
            : "They append to it and move on: it confirms at once, unless it is down. A link's keys choose the partitions."
        }
      />
      <ReadOnlyField
        label="Consumer groups"
        value={groups.map((g) => `${g.name} (${g.members.join(', ')})`).join('; ') || 'none'}
        description={
          groups.length === 0
            ? 'Nobody reads it: its logs only grow. Connect it to a service on the canvas.'
            : "Every group reads every message; within a group each partition has one owner at a time (set a consumer link's group to share one)."
        }
      />
      {groups.length > 0 && <GroupSeeks stream={node.id} groups={groups.map((g) => g.name)} />}
    </>
  );
}

/** Per consumer group: move its offsets at the playhead, back to the start (a replay) or to the end (skip the backlog). */
function GroupSeeks({ stream, groups }: { readonly stream: string; readonly groups: readonly string[] }) {
  const stores = useStores();
  const seek = (group: string, offsets: 'earliest' | 'latest') => {
    // An action at the playhead, in a lesson too (not a setting: see editTime), never past it.
    const at = changeTime(playheadTime(stores));
    stores.document.getState().dispatch({ type: 'addChange', change: { kind: 'stream', target: stream, group, at, set: { offsets } } });
  };
  return (
    <section className="inspector-seeks" aria-label="Move a group's offsets">
      <h3 className="inspector-subheading">Replay or skip, at the playhead</h3>
      <p className="inspector-description">
        A group moved back reads those messages again (each one processed twice); moved to the end, it never reads its backlog.
      </p>
      <ul>
        {groups.map((group) => (
          <li key={group}>
            <span>{group}</span>
            <button
              type="button"
              className="inspector-small"
              onClick={() => seek(group, 'earliest')}
              aria-label={`Replay group ${group} from the start`}
            >
              Replay from start
            </button>
            <button
              type="button"
              className="inspector-small"
              onClick={() => seek(group, 'latest')}
              aria-label={`Skip group ${group} to the end`}
            >
              Skip to end
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

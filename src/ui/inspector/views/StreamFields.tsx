/**
 * A stream's properties: how many partitions its log is split into, how long it keeps a message,
 * how long a consumer group pauses while it rebalances, and after how many failed deliveries a
 * group skips a message; then who appends to it and its consumer groups (the links on the canvas
 * decide both: a link's `group` names the group its consumer joins). Each field is explained and
 * validated by the schema.
 */
import type { NodeInput } from '../../../store/document/commands.ts';
import { useDocument } from '../../app/stores.tsx';
import { DurationField } from '../fields/DurationField.tsx';
import { NumberField } from '../fields/NumberField.tsx';
import { ReadOnlyField } from '../fields/ReadOnlyField.tsx';
import { TextInputField } from '../fields/TextInputField.tsx';
import { formatDurationText, parseDurationText, type ParseResult } from '../fieldText.ts';
import { streamParties } from '../topologyQueries.ts';
import { useCommitter } from '../useFieldValidation.ts';

type Stream = Extract<NodeInput, { kind: 'stream' }>;

/** A retention as typed: a duration, or nothing / "keep all" / "forever" for none (null: kept for the whole run). */
export function parseRetentionText(text: string): ParseResult {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === '' || trimmed === 'keep all' || trimmed === 'forever' || trimmed === 'none') return { ok: true, value: null };
  const parsed = parseDurationText(text);
  return parsed.ok ? parsed : { ok: false, error: `${parsed.error}, or empty to keep everything` };
}

/** The fields of stream `node` (at `index` in the document), showing `effective` settings. */
export function StreamFields({ node, index, effective }: {
  readonly node: Stream; readonly index: number; readonly effective: Record<string, unknown>;
}) {
  const doc = useDocument((s) => s.document);
  const commitTo = useCommitter({ kind: 'node', id: node.id });
  const path = ['nodes', index];
  const { producers, groups } = streamParties(doc, node.id);
  return (
    <>
      <NumberField label="Partitions" unit="logs" path={[...path, 'partitions']} value={effective.partitions} commit={commitTo('partitions')} />
      <TextInputField label="Retention" path={[...path, 'retention']} value={effective.retention} placeholder="keep all" unit="ms / s"
        format={formatDurationText} parse={parseRetentionText} commit={commitTo('retention')} />
      <DurationField label="Rebalance pause" path={[...path, 'rebalancePause']} value={effective.rebalancePause} commit={commitTo('rebalancePause')} />
      <NumberField label="Max deliveries" unit="deliveries" path={[...path, 'maxDeliveries']} value={effective.maxDeliveries}
        placeholder="retried forever" commit={commitTo('maxDeliveries')} />
      <ReadOnlyField label="Producers" value={producers.join(', ') || 'none'}
        description={producers.length === 0
          ? 'Nothing appends to it yet: connect a client or a service to it on the canvas.'
          : 'They append to it and move on: it confirms at once, unless it is down. A link\'s keys choose the partitions.'} />
      <ReadOnlyField label="Consumer groups" value={groups.map((g) => `${g.name} (${g.members.join(', ')})`).join('; ') || 'none'}
        description={groups.length === 0
          ? 'Nobody reads it: its logs only grow. Connect it to a service on the canvas.'
          : 'Every group reads every message; within a group each partition has one owner at a time (set a consumer link\'s group to share one).'} />
    </>
  );
}

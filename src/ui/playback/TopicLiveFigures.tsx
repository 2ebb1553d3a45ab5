/**
 * A topic's figures in its box on the canvas: the publishes it fanned out (each copied to every
 * subscription), how many queues subscribe in this run, and — once there are any — the publishes
 * it refused. A topic keeps nothing, so there is no depth: what its copies became is for each
 * subscription's queue to show.
 */
import { formatCount as count } from './format.ts';
import { MODE, type TopicStatus } from './nodeStatus.ts';

/** The figures of a topic's status (see the file comment). */
export function TopicFigures({ status }: { status: TopicStatus }) {
  const down = status.mode === MODE.crashed;
  return (
    <>
      <span className="node-live-figure tone-ok" title="Publishes confirmed and copied to every subscription">
        <span data-testid="fanned-out">{count(status.fannedOut)}</span> fanned out
      </span>
      <span className="node-live-figure" title="Queues subscribed to it: each gets its own copy of every publish">
        <span data-testid="subscriptions">{count(status.subscriptions)}</span>{' '}
        {status.subscriptions === 1 ? 'subscription' : 'subscriptions'}
      </span>
      {status.refused > 0 && (
        <span
          className="node-live-figure tone-warn"
          title={down ? 'Publishes refused while the topic is down' : 'Publishes refused: the topic was down, or they came too late'}
        >
          <span data-testid="refused">{count(status.refused)}</span> refused
        </span>
      )}
    </>
  );
}

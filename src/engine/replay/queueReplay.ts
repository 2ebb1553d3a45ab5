/**
 * How long the oldest ready message of each queue has waited, at any instant, from the trace
 * (features/queue/queueBroker.ts): the in-order pass keeps each queue's ready messages in order
 * (stored at the back, delivered or dropped from the front, a requeued one back at the front),
 * and records when the message at the front was stored each time the front changes; a query is
 * a binary search.
 */
import { TraceType } from '../trace/eventTypes.ts';
import { Series } from './linkReplay.ts';
import type { RunTopology } from './topology.ts';

interface QueueLine {
  /** Publish calls of the ready messages, oldest first (a deque as an array and a head index). */
  readonly ready: number[];
  head: number;
  /** When the front message was stored (NaN: none ready), after each change of the front. */
  readonly front: Series;
}

export class QueueReplay {
  private readonly queues: (QueueLine | undefined)[];
  /** A publish call → when its queue stored it. */
  private readonly storedAt = new Map<number, number>();
  private row = 0;

  constructor(
    topology: RunTopology,
    private readonly parentOf: (c: number) => number,
  ) {
    this.queues = topology.nodeKinds.map((k) => {
      if (k !== 'queue') return undefined;
      const front = new Series();
      front.push(-Infinity, -1, NaN);
      return { ready: [], head: 0, front };
    });
  }

  /** Folds the next trace row (in order, once each). */
  onRow(t: number, type: number, node: number, a: number): void {
    const row = this.row++;
    if (type < TraceType.STORE || type > TraceType.DROP_HEAD) return;
    const q = this.queues[node];
    if (!q) return;
    const before = q.head < q.ready.length ? q.ready[q.head] : -1;
    switch (type) {
      case TraceType.STORE:
        this.storedAt.set(a, t);
        q.ready.push(a);
        break;
      case TraceType.DELIVER:
      case TraceType.DROP_HEAD:
        q.head++;
        break;
      case TraceType.REQUEUE: {
        // Back at the front: the delivery's parent is the publish that brought the message.
        const publish = this.parentOf(a);
        if (q.head > 0) q.ready[--q.head] = publish;
        else q.ready.unshift(publish);
        break;
      }
      default:
        return;
    }
    // Keep the array from growing without end: drop what was delivered long ago.
    if (q.head > 4096 && q.head * 2 > q.ready.length) {
      q.ready.splice(0, q.head);
      q.head = 0;
    }
    const after = q.head < q.ready.length ? q.ready[q.head] : -1;
    if (after !== before) q.front.push(t, row, after < 0 ? NaN : (this.storedAt.get(after) as number));
  }

  /** How long queue `node`'s oldest ready message has waited at t (ms; 0 with none ready); undefined if it is not a queue. */
  oldestAgeAt(node: number, t: number): number | undefined {
    const q = this.queues[node];
    if (!q) return undefined;
    const stored = q.front.valueAt(t, NaN);
    return Number.isNaN(stored) ? 0 : t - stored;
  }
}

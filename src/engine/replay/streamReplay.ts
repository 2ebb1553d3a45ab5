/**
 * Where each event stream's partitions stand at any instant, read from its trace rows
 * (features/stream/eventStream.ts): a partition's end offset and first retained offset, and each
 * consumer group's committed offset and lag in it. The in-order pass folds every row once into
 * append-only series; a query is a binary search per partition and group.
 */
import { TraceType } from '../trace/eventTypes.ts';
import { groupOfPacked, partitionOfPacked } from '../trace/rows.ts';
import { Series } from './linkReplay.ts';
import type { RunTopology } from './topology.ts';

/** One partition at an instant: its offsets, and per group (the topology's order) committed and lag. */
export interface PartitionView {
  readonly end: number;
  readonly first: number;
  readonly committed: readonly number[];
  readonly lag: readonly number[];
}

interface StreamSeries {
  readonly partitions: number;
  readonly groups: number;
  readonly end: Series[];
  readonly first: Series[];
  /** committed[group * partitions + partition]. */
  readonly committed: Series[];
  /** Per message (append order): its partition. */
  partitionOf: Int32Array;
  appended: number;
  /** Per group: whether it starts at the latest message, and when it started (−Infinity: at once; Infinity: not yet). */
  readonly latest: readonly boolean[];
  readonly startedAt: number[];
}

export class StreamReplay {
  private readonly streams: (StreamSeries | undefined)[];
  /** A delivery in flight → its partition. */
  private readonly deliveries = new Map<number, number>();
  private row = 0;

  constructor(
    private readonly topology: RunTopology,
    private readonly callLink: (c: number) => number,
  ) {
    this.streams = (topology.streams ?? []).map((s) => {
      if (!s) return undefined;
      const series = (n: number) =>
        Array.from({ length: n }, () => {
          const x = new Series();
          x.push(-Infinity, -1, 0);
          return x;
        });
      return {
        partitions: s.partitions,
        groups: s.groups.length,
        end: series(s.partitions),
        first: series(s.partitions),
        committed: series(s.partitions * s.groups.length),
        partitionOf: new Int32Array(256),
        appended: 0,
        latest: s.latest,
        startedAt: s.startsAtOnce.map((now) => (now ? -Infinity : Infinity)),
      };
    });
  }

  /** Folds the next trace row (in order, once each). */
  onRow(t: number, type: number, node: number, a: number, b: number): void {
    const row = this.row++;
    if (type < TraceType.STREAM_APPEND || type > TraceType.STREAM_SEEK) return; // (their codes are consecutive)
    const s = this.streams[node];
    if (!s) return;
    switch (type) {
      case TraceType.STREAM_APPEND: {
        // The key's partition (b is the key; without one, the message's number), or round robin's whatever the key.
        const p = (this.topology.spreadLinks?.[this.callLink(a)] === true ? s.appended : b) % s.partitions;
        if (s.appended === s.partitionOf.length) {
          const g = new Int32Array(s.partitionOf.length * 2);
          g.set(s.partitionOf);
          s.partitionOf = g;
        }
        s.partitionOf[s.appended++] = p;
        s.end[p].push(t, row, s.end[p].lastValue + 1);
        break;
      }
      case TraceType.STREAM_DELIVER:
        this.deliveries.set(a, s.partitionOf[b]);
        break;
      case TraceType.STREAM_COMMIT:
      case TraceType.STREAM_SKIP: {
        const p = this.deliveries.get(a);
        const group = this.topology.linkGroups?.[this.callLink(a)] ?? -1;
        if (p !== undefined && group >= 0) s.committed[group * s.partitions + p].push(t, row, b);
        break;
      }
      case TraceType.STREAM_LOST:
      case TraceType.STREAM_SEEK: {
        const group = groupOfPacked(a),
          p = partitionOfPacked(a);
        // A seek before the group's first live member starts it there (see eventStream.ts seekGroup).
        if (s.startedAt[group] === Infinity) s.startedAt[group] = t;
        s.committed[group * s.partitions + p].push(t, row, b);
        break;
      }
      case TraceType.STREAM_REBALANCE:
        // A group's first assignment with a live member sets where it starts reading (see eventStream.ts assign).
        if (b > 0 && s.startedAt[a] === Infinity) {
          s.startedAt[a] = t;
          for (let p = 0; p < s.partitions; p++)
            s.committed[a * s.partitions + p].push(t, row, s.latest[a] ? s.end[p].lastValue : s.first[p].lastValue);
        }
        break;
      case TraceType.STREAM_EXPIRE:
        s.first[a].push(t, row, s.first[a].lastValue + b);
        break;
      default:
        break;
    }
  }

  /** Stream `node`'s partitions at t; undefined if it is not a stream. */
  partitionsAt(node: number, t: number): PartitionView[] | undefined {
    const s = this.streams[node];
    if (!s) return undefined;
    return Array.from({ length: s.partitions }, (_, p) => {
      const end = s.end[p].valueAt(t, 0),
        first = s.first[p].valueAt(t, 0);
      // A group that has not started yet has everything retained still to read.
      const committed = Array.from({ length: s.groups }, (_, g) =>
        t < s.startedAt[g] ? first : s.committed[g * s.partitions + p].valueAt(t, 0),
      );
      return { end, first, committed, lag: committed.map((c) => end - c) };
    });
  }
}

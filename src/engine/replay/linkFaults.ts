/**
 * What the fault schedule does to each link at any instant, read from the trace's FAULT_START and
 * FAULT_END rows: cut (a partition, per direction), extra latency, packet loss. The faults'
 * settings come with the run's topology (`linkFaults`, by fault index, as the rows give it); they
 * combine as the engine combines them (faults/faults.ts): latencies add up, loss chances combine as
 * independent chances, a direction stays cut while any partition covering it holds.
 *
 * Each link keeps a series of its states (a few entries per fault), so a query is a binary search,
 * and the series survive a long run's window (they are not rows).
 */
import { TraceType } from '../trace/eventTypes.ts';
import { Series } from './series.ts';
import type { RunTopology, TopologyLinkFault } from './topology.ts';

/** A link's faults at one instant. */
export interface LinkFaultView {
  /** Messages from the link's `from` to its `to` (requests) are lost: a partition. */
  readonly cutForward: boolean;
  /** Messages from its `to` back to its `from` (replies) are lost. */
  readonly cutBackward: boolean;
  /** Extra one-way delay of every message, ms (0: none). */
  readonly addedLatency: number;
  /** The chance that the faults lose a message (0: no loss fault), besides the link's own loss. */
  readonly lossRate: number;
  /** The faults in force on it, by their index in the schedule, in order. */
  readonly faults: readonly number[];
}

export class LinkFaultReplay {
  /** Per link: its states over time (value: index into `views`; −1: no fault). */
  private readonly series: Series[];
  private readonly views: LinkFaultView[] = [];
  /** Per link: the faults in force now, as the in-order pass has folded them. */
  private readonly active: number[][];

  constructor(private readonly topology: RunTopology) {
    this.series = topology.linkIds.map(() => new Series());
    this.active = topology.linkIds.map(() => []);
  }

  /** Whether the run has any fault on a link (otherwise nothing here will ever be in force). */
  get any(): boolean {
    return (this.topology.linkFaults ?? []).some((effects) => effects !== null && effects.length > 0);
  }

  /** Folds trace row `row` (in order, once each). */
  onRow(t: number, row: number, type: number, a: number): void {
    if (type !== TraceType.FAULT_START && type !== TraceType.FAULT_END) return;
    const effects = this.topology.linkFaults?.[a];
    if (!effects) return;
    for (const effect of effects) {
      const active = this.active[effect.link];
      const at = active.indexOf(a);
      if (type === TraceType.FAULT_START && at < 0) active.push(a);
      else if (type === TraceType.FAULT_END && at >= 0) active.splice(at, 1);
      else continue;
      this.series[effect.link].push(t, row, this.viewOf(effect.link, active));
    }
  }

  /** Link l's faults at t (after every row at or before t); undefined when none is in force. */
  at(l: number, t: number): LinkFaultView | undefined {
    const s = this.series[l];
    if (!s) return undefined;
    const v = s.valueAt(t, -1);
    return v < 0 ? undefined : this.views[v];
  }

  /** The combined view of `active` faults on link l, stored; its index (−1 when none). */
  private viewOf(l: number, active: readonly number[]): number {
    if (active.length === 0) return -1;
    const faults = [...active].sort((x, y) => x - y);
    let cutForward = false,
      cutBackward = false,
      addedLatency = 0,
      delivered = 1,
      lossy = false;
    for (const f of faults) {
      const effect = (this.topology.linkFaults?.[f] ?? []).find((e) => e.link === l) as TopologyLinkFault;
      cutForward ||= effect.cutForward;
      cutBackward ||= effect.cutBackward;
      addedLatency += effect.addedLatency;
      if (effect.lossRate > 0) {
        delivered *= 1 - effect.lossRate;
        lossy = true;
      }
    }
    this.views.push({ cutForward, cutBackward, addedLatency, lossRate: lossy ? 1 - delivered : 0, faults });
    return this.views.length - 1;
  }
}

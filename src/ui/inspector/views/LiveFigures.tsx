/**
 * What a node is doing at the playhead, while a run is being watched: its mode, busy workers,
 * waiting line and counts so far (services: totals over their instances, with how many serve and
 * how many a caller ejects), what it has sent and how that ended (clients), or
 * its depth, messages in flight and what became of the messages so far (queues), or the
 * publishes it took, fanned out and refused (topics), or what its logs hold and its groups
 * committed, with each consumer group's lag summed over the partitions (streams), or the calls it
 * answered and refused (registries; a gateway's and a load balancer's are a service's).
 * The numbers come from the live state refreshed once per frame; this re-renders only when one
 * of them changes.
 */
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { SERVICE_MODE_NAMES } from '../../../engine/trace/eventTypes.ts';
import { formatDuration } from '../../../model/index.ts';
import { useDocument, useLive } from '../../app/stores.tsx';
import type { LiveState } from '../../playback/liveState.ts';
import { instancesOf } from '../../playback/instances.ts';
import { poolSchedule, serviceTotals, type PoolSchedule, type ServiceTotals } from '../../playback/nodeStatus.ts';

type Figures = Readonly<Record<string, number | string>>;

function figuresOf(live: LiveState, nodeId: string, schedule: PoolSchedule): Figures | undefined {
  const index = live.nodeIndex.get(nodeId);
  if (index === undefined || !live.state || !live.topology) return undefined;
  const n = live.state.nodes[index];
  const time = formatDuration(live.state.time);
  const kind = live.topology.nodeKinds[index];
  if (kind === 'client') {
    return { time, Sent: n.sent, Completed: n.completed, Failed: n.failed, 'Timed out': n.timedOut, Rejected: n.rejected, Lost: n.dropped };
  }
  if (kind === 'queue') {
    // A queue's NodeState read as a broker's (see the engine's trace replay). Published is what it
    // stored: its arrivals are every publish that reached it, the refused ones (shown apart) included.
    return {
      time,
      Mode: SERVICE_MODE_NAMES[n.mode] ?? String(n.mode),
      'Ready (depth)': n.line,
      'In flight (unacked)': n.busy,
      Published: n.arrivals - n.rejected,
      Acknowledged: n.ok,
      'Dead-lettered': n.errors,
      'Dropped (full)': n.dropped,
      'Publishes refused': n.rejected,
    };
  }
  if (kind === 'topic') {
    // A topic's NodeState read as a fan-out's: arrivals are publishes, ok those copied to every subscription.
    return {
      time,
      Mode: SERVICE_MODE_NAMES[n.mode] ?? String(n.mode),
      Published: n.arrivals - n.rejected,
      'Fanned out': n.ok,
      'Publishes refused': n.rejected,
    };
  }
  if (kind === 'stream') {
    // A stream's NodeState read as a log's (see the engine's streamFold.ts): totals over partitions and groups.
    return {
      time,
      Mode: SERVICE_MODE_NAMES[n.mode] ?? String(n.mode),
      'In its logs': n.line,
      'In flight (uncommitted)': n.busy,
      Published: n.arrivals - n.rejected,
      Committed: n.ok,
      Skipped: n.errors,
      'Expired (retention)': n.dropped,
      'Publishes refused': n.rejected,
      ...groupLags(live, index),
    };
  }
  if (kind === 'registry') {
    // A registry's NodeState: arrivals are the calls it got (heartbeats, deregistrations, lookups), those refused while down among them.
    return {
      time,
      Mode: SERVICE_MODE_NAMES[n.mode] ?? String(n.mode),
      'Calls answered': n.arrivals - n.rejected,
      'Calls refused (down)': n.rejected,
    };
  }
  // A gateway or a load balancer is a service at heart (its own pool and line); the requests refused at a gateway's door are among its
  // rejected.
  if (kind !== 'service' && kind !== 'gateway' && kind !== 'loadBalancer') return undefined;
  // Totals over the service's instances (just itself without replicas), and how many of them serve.
  const t = serviceTotals(live, index, schedule) as ServiceTotals;
  return {
    time,
    Mode: SERVICE_MODE_NAMES[t.mode] ?? String(t.mode),
    ...(t.instances > 1 && { 'Instances serving': `${t.up} / ${t.instances}`, ...ejectedFigure(live, index) }),
    'Busy workers': `${t.busy} / ${t.pool}`,
    'Waiting in line': t.line,
    Arrived: t.arrivals,
    Succeeded: t.ok,
    Failed: t.errors,
    Rejected: t.rejected,
    'Lost in a crash': t.dropped,
  };
}

/** How many of service `index`'s instances some caller ejects at the playhead (outlier ejection), once any is. */
function ejectedFigure(live: LiveState, index: number): Figures {
  const topology = live.topology as NonNullable<LiveState['topology']>;
  const ejected = instancesOf(topology, index).filter((i) => (live.ejectedBy?.[i]?.length ?? 0) > 0).length;
  return ejected > 0 ? { 'Instances ejected': ejected } : {};
}

/** Each consumer group's lag over all partitions of stream `index` ("Lag (billing)": 12), from the replay's per-partition view. */
function groupLags(live: LiveState, index: number): Figures {
  const view = live.partitions?.[index];
  const groups = live.topology?.streams?.[index]?.groups;
  if (!view || !groups) return {};
  return Object.fromEntries(groups.map((name, g) => [`Lag (${name})`, view.reduce((sum, p) => sum + (p.lag[g] ?? 0), 0)]));
}

/** The "At the playhead" figures of node `nodeId`, during a run (nothing before one, or for a kind without figures). */
export function LiveFigures({ nodeId }: { readonly nodeId: string }) {
  const doc = useDocument((s) => s.document);
  const schedule = useMemo(() => poolSchedule(doc, nodeId), [doc, nodeId]);
  const figures = useLive(useShallow((live: LiveState) => figuresOf(live, nodeId, schedule)));
  if (!figures) return null;
  const { time, ...rest } = figures;
  return (
    <section className="inspector-live" aria-label="At the playhead">
      <h3 className="inspector-subheading">
        At the playhead <span className="inspector-muted">({time})</span>
      </h3>
      <dl className="inspector-figures">
        {Object.entries(rest).map(([name, value]) => (
          <div key={name} className={name === 'Mode' && value === 'crashed' ? 'is-crashed' : undefined}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** The readable report printed by `npm run sim` (without --json). */
import { formatDuration } from '../model/index.ts';
import type { LatencySummary, RunReport } from '../engine/index.ts';

const ms = (value: number) => formatDuration(Math.round(value * 1000) / 1000);
const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
const pad = (text: string, width: number) => text.padEnd(width);

function latencyLine(l: LatencySummary): string {
  if (l.count === 0) return 'no completed requests';
  return `mean ${ms(l.mean)}  p50 ${ms(l.p50)}  p95 ${ms(l.p95)}  p99 ${ms(l.p99)}  max ${ms(l.max)}`;
}

export function formatReport(name: string, report: RunReport): string {
  const lines: string[] = [];
  lines.push(`${name} — simulated ${formatDuration(report.until)} with seed ${report.seed}`);
  const hash =
    report.traceHash === undefined ? 'not kept (--trace FILE keeps them and gives their hash)' : `trace hash ${report.traceHash}`;
  lines.push(`${report.events.toLocaleString('en')} engine events, ${report.traceEvents.toLocaleString('en')} trace events, ${hash}`);
  lines.push('');
  lines.push('Clients');
  for (const [id, c] of Object.entries(report.clients)) {
    lines.push(
      `  ${pad(id, 16)} sent ${c.sent}  completed ${c.completed}  failed ${c.failed}  timed out ${c.timedOut}  rejected ${c.rejected}  dropped ${c.dropped}  in flight ${c.inFlight}`,
    );
    lines.push(`  ${pad('', 16)} ${c.throughput.toFixed(1)} req/s; latency ${latencyLine(c.latency)}`);
  }
  lines.push('');
  lines.push('Services');
  for (const [id, s] of Object.entries(report.nodes)) {
    lines.push(
      `  ${pad(id, 16)} ${s.mode}; ok ${s.ok}  errors ${s.errors}  rejected ${s.rejected}  lost in crashes ${s.dropped}; ${s.throughput.toFixed(1)} req/s`,
    );
    lines.push(
      `  ${pad('', 16)} utilisation ${pct(s.utilization)}; waiting line mean ${s.meanLine.toFixed(2)}, max ${s.maxLine}; mean wait ${ms(s.meanWait)}`,
    );
    lines.push(`  ${pad('', 16)} time in service ${latencyLine(s.latency)}`);
    if (s.gateway) {
      const g = s.gateway;
      lines.push(
        `  ${pad('', 16)} gateway: ${g.requests} requests; routed ${Object.entries(g.routed)
          .map(([p, n]) => `${p} ${n}`)
          .join(
            ', ',
          )}; refused 401 ${g.unauthenticated + g.expired + g.forged} (no token ${g.unauthenticated}, expired ${g.expired}, forged ${g.forged}), 429 ${g.rateLimited}, 404 ${g.noRoute}`,
      );
    }
    for (const x of s.instances ?? []) {
      lines.push(
        `  ${pad(`  ${x.instance}`, 16)} ${x.mode}; ok ${x.ok}  errors ${x.errors}  rejected ${x.rejected}  lost in crashes ${x.dropped}; utilisation ${pct(x.utilization)}; p99 ${x.latency.count > 0 ? ms(x.latency.p99) : '–'}`,
      );
    }
  }
  const queues = Object.entries(report.queues ?? {});
  if (queues.length > 0) {
    lines.push('');
    lines.push('Queues');
    // Published is what a queue stored; what it refused is counted apart (the two make every publish that arrived).
    for (const [id, q] of queues) {
      lines.push(
        `  ${pad(id, 16)} ${q.mode}; published ${q.published}  refused ${q.rejected}  acked ${q.acked}  dead-lettered ${q.deadLettered}  dropped ${q.dropped}`,
      );
      lines.push(
        `  ${pad('', 16)} delivered ${q.delivered} (${q.redelivered} redeliveries, ${q.lateAcks} acks too late); now ${q.ready} ready, ${q.inFlight} in flight; deepest ${q.maxDepth}`,
      );
      lines.push(
        `  ${pad('', 16)} processed ${q.effects} times: ${q.duplicates} duplicate effects${q.deduplicated ? `, ${q.deduplicated} repeats skipped by an idempotent consumer` : ''}`,
      );
    }
  }
  const topics = Object.entries(report.topics ?? {});
  if (topics.length > 0) {
    lines.push('');
    lines.push('Topics');
    for (const [id, t] of topics)
      lines.push(
        `  ${pad(id, 16)} ${t.mode}; published ${t.published}  refused ${t.rejected}  copies sent ${t.copies} to ${t.subscriptions} subscriptions`,
      );
  }
  const streams = Object.entries(report.streams ?? {});
  if (streams.length > 0) {
    lines.push('');
    lines.push('Streams');
    for (const [id, s] of streams) {
      lines.push(
        `  ${pad(id, 16)} ${s.mode}; published ${s.published}  refused ${s.rejected}  committed ${s.committed}  skipped ${s.skipped}  expired ${s.expired} (${s.expiredUnread} unread)`,
      );
      lines.push(
        `  ${pad('', 16)} delivered ${s.delivered} (${s.redelivered} redeliveries); processed ${s.effects} times: ${s.duplicates} duplicate effects;${s.outOfOrder ? ` ${s.outOfOrder} out of order for their key;` : ''} ${s.rebalances} rebalances; now ${s.retained} in the logs, ${s.inFlight} in flight`,
      );
      if (s.rewound + s.skippedAhead > 0)
        lines.push(`  ${pad('', 16)} offsets moved by changes: ${s.rewound} messages to read again, ${s.skippedAhead} skipped`);
      s.partitions.forEach((p, i) => {
        const groups = Object.keys(p.committed)
          .map((g) => `${g} committed ${p.committed[g]} lag ${p.lag[g]}`)
          .join('; ');
        lines.push(`  ${pad('', 16)} partition ${i}: offsets ${p.start}..${p.end}; ${groups}`);
      });
    }
  }
  const registries = Object.entries(report.registries ?? {});
  if (registries.length > 0) {
    lines.push('');
    lines.push('Registries');
    for (const [id, r] of registries) {
      lines.push(
        `  ${pad(id, 16)} ${r.mode}; heartbeats ${r.heartbeats}  registrations ${r.registrations}  expired ${r.expirations}  deregistered ${r.deregistrations}  lookups ${r.lookups}  refused ${r.refused}`,
      );
      lines.push(
        `  ${pad('', 16)} entries: ${r.entries.map((e) => `${e.instance} ${e.state} (last heartbeat ${ms(e.lastHeartbeat)})`).join(', ') || 'none'}`,
      );
    }
  }
  lines.push('');
  lines.push('Links');
  for (const [id, l] of Object.entries(report.links)) {
    const extras = [
      l.lost ? `lost ${l.lost}` : '',
      l.timeouts ? `timeouts ${l.timeouts}` : '',
      l.lateReplies ? `late replies ${l.lateReplies} (wasted ${ms(l.wastedWorkMs)} of work)` : '',
      l.polls ? `polls ${l.polls}` : '',
    ]
      .filter(Boolean)
      .join('  ');
    lines.push(
      `  ${pad(id, 24)} ${l.protocol}; calls ${l.calls}  ok ${l.ok}  errors ${l.errors}  rejected ${l.rejected}${extras ? `  ${extras}` : ''}`,
    );
    if (l.latency.count > 0) lines.push(`  ${pad('', 24)} round trip ${latencyLine(l.latency)}`);
    if (l.discovery)
      lines.push(
        `  ${pad('', 24)} discovery: ${l.discovery.lookups} lookups; ${l.discovery.staleRoutes} calls to an instance that was down (stale cache); cached now: ${l.discovery.cached.join(', ') || 'none'}`,
      );
    if (l.healthChecks)
      lines.push(
        `  ${pad('', 24)} health checks: ${l.healthChecks.probes} probes; marked unhealthy ${l.healthChecks.markedUnhealthy}×; unhealthy now: ${l.healthChecks.unhealthy.join(', ') || 'none'}`,
      );
    if (l.instances)
      lines.push(
        `  ${pad('', 24)} sent to ${l.instances.map((x) => `${x.instance} ${x.routed}${x.ejections ? ` (ejected ${x.ejections}×)` : ''}`).join(', ')}`,
      );
  }
  return lines.join('\n');
}

/**
 * The final comparisons, once the trace is replayed: the engine's call table against the replay
 * (every call ended as the trace says), and the run report against the replay (every counter and
 * latency summary agrees with what the trace shows).
 */
import { CallStatus, CALL_STATUS_NAMES, SERVICE_MODE_NAMES, type LatencySummary, type RunReport } from '../../../src/engine/index.ts';
import { Caller, newLatencyTally, record, type LatencyTally } from './replayState.ts';
import type { ClientReplay } from './scenarioModel.ts';
import type { TraceReplay } from './traceReplay.ts';

/** Each call's status and end time in the call table are what the replay saw happen to it. */
export function checkCallTable(r: TraceReplay): void {
  const { calls, nodeIds, nCalls, until, stats } = r;
  const { caller, replyStatus, timeoutOf, lost, droppedAt, endedAt } = r.perCall;
  if (r.nextCall !== nCalls) r.fail(`${nCalls} calls in the table but ${r.nextCall} sent in the trace`);
  for (let c = 0; c < nCalls; c++) {
    const status = calls.status[c];
    if (stats) stats.statuses[CALL_STATUS_NAMES[status]] = (stats.statuses[CALL_STATUS_NAMES[status]] ?? 0) + 1;
    const hasTimeout = !Number.isNaN(timeoutOf[c]);
    const what = `call ${c} (${nodeIds[calls.caller[c]]} → ${nodeIds[calls.callee[c]]}, ${CALL_STATUS_NAMES[status]})`;
    switch (caller[c]) {
      case Caller.RECEIVED:
        if (status !== replyStatus[c] || (status !== CallStatus.OK && status !== CallStatus.ERROR && status !== CallStatus.REJECTED))
          r.fail(`${what}: received ${CALL_STATUS_NAMES[replyStatus[c]]}`);
        break;
      case Caller.TIMED_OUT:
        if (status !== CallStatus.TIMEOUT) r.fail(`${what}: timed out in the trace`);
        break;
      case Caller.ABANDONED:
        if (status !== CallStatus.ABANDONED) r.fail(`${what}: abandoned in the trace`);
        break;
      case Caller.PENDING:
        // No outcome row: the call was dropped (lost, nothing watching) or is still in flight.
        if (status === CallStatus.DROPPED) {
          if (hasTimeout) r.fail(`${what}: dropped although a timeout watches it`);
          if (!lost[c]) r.fail(`${what}: dropped but no message of it was lost`);
          if (calls.endedAt[c] !== droppedAt[c]) r.fail(`${what}: ended at ${calls.endedAt[c]}, its first loss was at ${droppedAt[c]}`);
        } else if (status === CallStatus.PENDING) {
          if (!hasTimeout && lost[c]) r.fail(`${what}: a message was lost, no timeout watches it, but it is not dropped`);
          if (hasTimeout && !(calls.sentAt[c] + timeoutOf[c] > until))
            r.fail(`${what}: still pending after its deadline ${calls.sentAt[c] + timeoutOf[c]}`);
        } else r.fail(`${what}: no outcome in the trace`);
        break;
      default:
        r.fail(`${what}: never sent`);
    }
    if (status !== CallStatus.PENDING && caller[c] !== Caller.PENDING && calls.endedAt[c] !== endedAt[c])
      r.fail(`${what}: endedAt ${calls.endedAt[c]}, trace says ${endedAt[c]}`);
    if (status === CallStatus.ABANDONED && calls.parent[c] < 0) r.fail(`${what}: a client's request abandoned`);
  }
}

/** The report's totals, and each client's, service's and link's counters, agree with the replay. */
export function checkReport(r: TraceReplay, report: RunReport): void {
  const { trace, until } = r;
  const n = trace.length;
  if (report.traceEvents !== n) r.fail(`report.traceEvents ${report.traceEvents}, trace has ${n} rows`);
  if (report.traceHash !== trace.hash()) r.fail('report.traceHash is not the trace hash');
  if (report.until !== until) r.fail(`report.until ${report.until}, clock at ${until}`);
  r.model.clients.forEach((client) => {
    if (client) checkClientReport(r, report, client);
  });
  checkServiceReports(r, report);
  checkLinkReports(r, report);
}

function checkLatency(r: TraceReplay, what: string, got: LatencySummary, expected: LatencyTally): void {
  if (got.count !== expected.count) {
    r.fail(`${what}: latency of ${got.count} requests, trace has ${expected.count}`);
    return;
  }
  if (expected.count === 0) return;
  if (
    got.min !== expected.min ||
    got.max !== expected.max ||
    Math.abs(got.mean - expected.sum / expected.count) > 1e-9 * Math.max(1, got.mean)
  ) {
    r.fail(
      `${what}: latency min/mean/max ${got.min}/${got.mean}/${got.max}, trace ${expected.min}/${expected.sum / expected.count}/${expected.max}`,
    );
  }
}

/** A client's counters match the statuses of its requests in the call table; it sent all it was due to. */
function checkClientReport(r: TraceReplay, report: RunReport, client: ClientReplay): void {
  const { calls } = r;
  const { endedAt } = r.perCall;
  const got = report.clients[client.id];
  const count = (s: number) => client.roots.filter((c) => calls.status[c] === s).length;
  const expected = {
    sent: client.roots.length,
    completed: count(CallStatus.OK),
    failed: count(CallStatus.ERROR),
    timedOut: count(CallStatus.TIMEOUT),
    rejected: count(CallStatus.REJECTED),
    dropped: count(CallStatus.DROPPED),
    inFlight: count(CallStatus.PENDING),
  };
  const counters = {
    sent: got.sent,
    completed: got.completed,
    failed: got.failed,
    timedOut: got.timedOut,
    rejected: got.rejected,
    dropped: got.dropped,
    inFlight: got.inFlight,
  };
  if (JSON.stringify(counters) !== JSON.stringify(expected))
    r.fail(`client ${client.id}: report ${JSON.stringify(counters)}, call table ${JSON.stringify(expected)}`);
  if (got.inFlight < 0) r.fail(`client ${client.id}: ${got.inFlight} in flight`);
  const latency = newLatencyTally();
  for (const c of client.roots) if (calls.status[c] === CallStatus.OK) record(latency, endedAt[c] - calls.sentAt[c]);
  checkLatency(r, `client ${client.id}`, got.latency, latency);
  checkClientLiveness(r, client);
}

/** Liveness: a periodic client sent every request due before the end; closed-loop users sent again when due. */
function checkClientLiveness(r: TraceReplay, client: ClientReplay): void {
  const { until } = r;
  const { caller, endedAt } = r.perCall;
  const w = client.workload;
  const end = client.stop;
  if (w.pattern === 'constant' || w.pattern === 'bursts') {
    // Ticks count from the latest rate change or new workload (the checks at SEND and CHANGE
    // rows made sure none before it was missed).
    let due = client.originCount;
    if (client.start < client.stop) {
      for (let k = 0; ; k++) {
        const tk = w.pattern === 'constant' ? client.origin + (k * 1000) / client.rate : client.origin + k * w.every;
        if (!(tk < end && tk <= until)) break;
        due += w.pattern === 'constant' ? 1 : w.size;
      }
    }
    if (client.roots.length !== due) r.fail(`client ${client.id}: sent ${client.roots.length}, ${due} were due`);
  }
  if (w.pattern === 'closed' && client.start < client.stop) {
    // The longest think time bounds when an idle user must send again.
    const hi = client.think![1];
    for (let user = 0; user < w.users; user++) {
      const last = client.lastOfUser.get(user);
      const ended = last === undefined || caller[last] === Caller.RECEIVED || caller[last] === Caller.TIMED_OUT;
      const nextDue = last === undefined ? client.start + hi : endedAt[last] + hi;
      if (ended && nextDue < end && nextDue <= until) r.fail(`client ${client.id}: user ${user} should have sent again by ${nextDue}`);
    }
  }
}

/** Each service's counters, mode, and time averages (from the replay's integrals) match the report. */
function checkServiceReports(r: TraceReplay, report: RunReport): void {
  const { until } = r;
  r.model.services.forEach((svc) => {
    if (!svc) return;
    const got = report.nodes[svc.id];
    const counters = {
      arrivals: got.arrivals,
      ok: got.ok,
      errors: got.errors,
      rejected: got.rejected,
      dropped: got.dropped,
      mode: got.mode,
    };
    const expected = {
      arrivals: svc.arrivals,
      ok: svc.ok,
      errors: svc.errors,
      rejected: svc.rejected,
      dropped: svc.dropped,
      mode: SERVICE_MODE_NAMES[svc.mode],
    };
    if (JSON.stringify(counters) !== JSON.stringify(expected))
      r.fail(`service ${svc.id}: report ${JSON.stringify(counters)}, trace ${JSON.stringify(expected)}`);
    // Over 1 only if a change shrank the pool below the work in progress (it stays over-full until work ends).
    if (!(got.utilization >= 0 && got.utilization <= Math.max(1, svc.peakLoad) + 1e-9))
      r.fail(`service ${svc.id}: utilization ${got.utilization} (peak load ${svc.peakLoad})`);
    if (got.maxLine !== svc.maxLine) r.fail(`service ${svc.id}: maxLine ${got.maxLine}, trace ${svc.maxLine}`);
    const close = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
    if (until > 0) {
      // Busy time over the pool integrated over time: a change may resize the pool.
      if (!close(got.utilization, svc.busyArea / svc.poolArea))
        r.fail(`service ${svc.id}: utilization ${got.utilization}, trace ${svc.busyArea / svc.poolArea}`);
      if (!close(got.meanLine, svc.lineArea / until)) r.fail(`service ${svc.id}: meanLine ${got.meanLine}, trace ${svc.lineArea / until}`);
      if (!close(got.meanInSystem, (svc.busyArea + svc.lineArea) / until))
        r.fail(`service ${svc.id}: meanInSystem ${got.meanInSystem}, trace ${(svc.busyArea + svc.lineArea) / until}`);
    }
    if (!close(got.meanWait, svc.started > 0 ? svc.waitSum / svc.started : 0))
      r.fail(`service ${svc.id}: meanWait ${got.meanWait}, trace ${svc.waitSum / svc.started}`);
    checkLatency(r, `service ${svc.id}`, got.latency, svc.latency);
  });
}

/** Each link's message counters, wasted work and latency match the report. */
function checkLinkReports(r: TraceReplay, report: RunReport): void {
  const { linkCount, linkLatency, wasted } = r.counters;
  r.model.links.forEach((l, k) => {
    const got = report.links[l.id];
    const x = linkCount[k];
    const counters = {
      calls: got.calls,
      messages: got.messages,
      lost: got.lost,
      ok: got.ok,
      errors: got.errors,
      rejected: got.rejected,
      timeouts: got.timeouts,
      late: got.lateReplies,
    };
    if (JSON.stringify(counters) !== JSON.stringify(x))
      r.fail(`link ${l.id}: report ${JSON.stringify(counters)}, trace ${JSON.stringify(x)}`);
    if (Math.abs(got.wastedWorkMs - wasted[k]) > 1e-6 * Math.max(1, wasted[k]))
      r.fail(`link ${l.id}: wasted work ${got.wastedWorkMs} ms, trace ${wasted[k]} ms`);
    checkLatency(r, `link ${l.id}`, got.latency, linkLatency[k]);
  });
}

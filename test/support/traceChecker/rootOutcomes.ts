/**
 * Checks of client requests (root calls) by plain counting over the trace, kept apart from the
 * replay (see traceReplay.ts) so each reads on its own and a slip in the replay's model of the
 * engine cannot hide a lost or doubly ended request.
 */
import { CallStatus, CALL_STATUS_NAMES, TraceType, type RunReport, type Simulation } from '../../../src/engine/index.ts';

/**
 * Every client request ends at most once, at its caller, in the way the call table says (a
 * RECEIVE row with its status, a TIMEOUT row, or nothing when dropped or still in flight); every
 * sub-call's parent exists; each client's report counts its requests by status. Returns the
 * problems found (empty: all good).
 */
export function checkRootOutcomes(sim: Simulation, report: RunReport): string[] {
  const problems: string[] = [];
  const { trace, calls, nodeIds, clients } = sim.rt;
  const receives = new Map<number, number[]>(); // call → statuses of its RECEIVE rows at the caller
  const timeouts = new Map<number, number>();
  for (let i = 0; i < trace.length; i++) {
    const type = trace.type(i),
      c = trace.a(i);
    if (type !== TraceType.RECEIVE && type !== TraceType.TIMEOUT) continue;
    if (trace.node(i) !== calls.caller[c]) problems.push(`row ${i}: outcome of call ${c} recorded away from its caller`);
    if (type === TraceType.RECEIVE) receives.set(c, [...(receives.get(c) ?? []), trace.b(i)]);
    else timeouts.set(c, (timeouts.get(c) ?? 0) + 1);
  }
  const byStatus = new Map<number, number[]>(); // client node → count per status
  for (let c = 0; c < calls.length; c++) {
    const p = calls.parent[c];
    if (p >= 0) {
      if (!(p < c) || calls.callee[p] !== calls.caller[c])
        problems.push(`call ${c}: parent ${p} does not exist or was not made to ${nodeIds[calls.caller[c]]}`);
      continue;
    }
    if (!clients[calls.caller[c]]) {
      problems.push(`root call ${c} made by ${nodeIds[calls.caller[c]]}, not a client`);
      continue;
    }
    const r = receives.get(c) ?? [],
      nt = timeouts.get(c) ?? 0,
      status = calls.status[c];
    const what = `root call ${c} (${CALL_STATUS_NAMES[status]}): ${r.length} receive, ${nt} timeout rows`;
    if (r.length + nt > 1) problems.push(`${what}: ended more than once`);
    switch (status) {
      case CallStatus.OK:
      case CallStatus.ERROR:
      case CallStatus.REJECTED:
        if (r.length !== 1 || r[0] !== status || nt !== 0) problems.push(what);
        break;
      case CallStatus.TIMEOUT:
        if (nt !== 1 || r.length !== 0 || !calls.hasTimeout(c)) problems.push(what);
        break;
      case CallStatus.DROPPED:
        if (r.length + nt !== 0 || calls.hasTimeout(c)) problems.push(what);
        break;
      case CallStatus.PENDING:
        if (r.length + nt !== 0) problems.push(what);
        break;
      default:
        problems.push(`${what}: a client's request cannot end this way`);
    }
    const counts = byStatus.get(calls.caller[c]) ?? new Array<number>(7).fill(0);
    counts[status]++;
    byStatus.set(calls.caller[c], counts);
  }
  clients.forEach((client) => {
    if (!client) return;
    const counts = byStatus.get(client.node) ?? new Array<number>(7).fill(0);
    const r = report.clients[client.id];
    const sum = counts.reduce((s, x) => s + x, 0);
    if (
      r.sent !== sum ||
      r.completed !== counts[CallStatus.OK] ||
      r.failed !== counts[CallStatus.ERROR] ||
      r.timedOut !== counts[CallStatus.TIMEOUT] ||
      r.rejected !== counts[CallStatus.REJECTED] ||
      r.dropped !== counts[CallStatus.DROPPED] ||
      r.inFlight !== counts[CallStatus.PENDING] ||
      r.inFlight < 0
    ) {
      problems.push(`client ${client.id}: report ${JSON.stringify(r)} vs root statuses ${JSON.stringify(counts)}`);
    }
  });
  return problems;
}

/**
 * A summary-only run's call rows, reused (trace/callTable.ts `reuseRows`): which scenarios may
 * reuse them, and what still refers to a call when the table is full.
 *
 * Only plain scenarios do: clients, services, gateways and load balancers without replicas, with
 * timeouts, faults and changes, but no brokers, polling, streamed answers, balancers, registries,
 * health checks, connection pools, nor call policies (retries, deadlines, fallbacks, breakers,
 * bulkheads) on any link or call nor in any change. Those keep rows of finished calls in tables
 * of their own (a message's publish, an operation's attempts, a stream's deliveries) and walk
 * chains of attempts; their summary-only runs keep no trace rows, but their call table grows with
 * the run as a full run's does.
 */
import { callsOf, type Scenario } from '../../model/index.ts';
import { Ev, type Runtime } from '../runtime.ts';

/** Change settings that compile call policies or guards. */
const POLICY_SETTINGS = ['deadline', 'propagateDeadline', 'retry', 'fallback', 'breaker', 'bulkhead'] as const;

/** Whether a run of this scenario, built into `rt`, may reuse the rows of finished calls. */
export function mayReuseCallRows(rt: Runtime, scenario: Scenario): boolean {
  if (rt.routedArrivals !== 0 || rt.policies.length !== 0) return false;
  // A link's policies apply to call sites a change may add later; a change may set policies too.
  if (scenario.links.some(hasPolicies)) return false;
  return scenario.changes.every((change) => {
    if (change.kind === 'link') return !hasPolicies(change.set);
    if (change.kind === 'service') return change.set.calls === undefined || change.set.calls.every((step) => !callsOf(step).some(hasPolicies));
    return true;
  });
}

function hasPolicies(settings: object): boolean {
  return POLICY_SETTINGS.some((key) => (settings as Record<string, unknown>)[key] !== undefined);
}

/**
 * Marks in `live` every call something in a plain run still refers to: a pending request's
 * arrival, a work's end, a reply's arrival, a timeout (stale ones too: a lane reads its call's
 * status when the timeout reaches its head), a place in a waiting line or a worker, and a key of
 * the maps a plain run keeps by call (bearer tokens, a gateway's route, a call's own path).
 * The call table adds the calls still pending at their callers and the parents of marked ones.
 */
export function markLiveCalls(rt: Runtime, live: Uint8Array): void {
  rt.queue.forEachPending((word, arg) => {
    const kind = word & 255;
    if (kind === Ev.REQUEST_ARRIVE || kind === Ev.WORK_DONE || kind === Ev.REPLY_ARRIVE) live[arg] = 1;
  });
  rt.timeouts.forEachArg((c) => { live[c] = 1; });
  const calls = rt.calls;
  for (const svc of rt.services) {
    if (!svc) continue;
    const mask = svc.line.length - 1;
    for (let k = 0; k < svc.lineLength; k++) live[svc.line[(svc.lineHead + k) & mask]] = 1;
    for (let c = svc.activeHead; c >= 0; c = calls.nextActive[c]) live[c] = 1;
  }
  for (const c of rt.requestTokens.keys()) live[c] = 1;
  for (const c of rt.gatewayRoute.keys()) live[c] = 1;
  for (const c of rt.callPath.keys()) live[c] = 1;
}

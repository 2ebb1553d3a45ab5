/**
 * Trace rows of services' modes and of faults: STATE, FAULT_START and FAULT_END. Each function
 * checks one row against the replay so far, then updates it.
 */
import { SERVICE_MODE_NAMES, ServiceMode, TraceType } from '../../../src/engine/index.ts';
import { accepting } from './activeFaults.ts';
import type { TraceReplay, TraceRow } from './traceReplay.ts';

/** The service machine's transitions: mode → the modes it may go to next. */
const ALLOWED_TRANSITIONS: Record<number, number[]> = {
  [ServiceMode.STARTING]: [ServiceMode.HEALTHY, ServiceMode.DEGRADED, ServiceMode.CRASHED],
  [ServiceMode.HEALTHY]: [ServiceMode.DEGRADED, ServiceMode.CRASHED],
  [ServiceMode.DEGRADED]: [ServiceMode.HEALTHY, ServiceMode.CRASHED],
  [ServiceMode.CRASHED]: [ServiceMode.RESTARTING],
  [ServiceMode.RESTARTING]: [ServiceMode.HEALTHY, ServiceMode.DEGRADED, ServiceMode.CRASHED],
};

/** STATE: a service goes from mode `a` to mode `b`, for a reason the replay can see. */
export function onState(r: TraceReplay, { t, node, a: from, b: to, at }: TraceRow): void {
  const svc = r.model.services[node];
  if (!svc) {
    r.fail(`${at}: a state change of a client`);
    return;
  }
  if (from !== svc.mode) r.fail(`${at}: from ${SERVICE_MODE_NAMES[from]} but the service was ${SERVICE_MODE_NAMES[svc.mode]}`);
  if (!ALLOWED_TRANSITIONS[from]?.includes(to))
    r.fail(`${at}: no transition from ${SERVICE_MODE_NAMES[from]} to ${SERVICE_MODE_NAMES[to]}`);
  if (to === ServiceMode.CRASHED && svc.crashAt !== t) r.fail(`${at}: crashed with no crash fault starting`);
  if (to === ServiceMode.RESTARTING && svc.crashEndAt !== t) r.fail(`${at}: restarting with no crash fault ending`);
  if ((from === ServiceMode.STARTING || from === ServiceMode.RESTARTING) && accepting(to) && t !== svc.enteredAt + svc.startingFor) {
    r.fail(`${at}: up after ${t - svc.enteredAt} ms, startup time is ${svc.startingFor}`);
  }
  if (to === ServiceMode.DEGRADED && r.active.impairmentsOf(node) === 0) r.fail(`${at}: degraded with no slow/error fault`);
  if (from === ServiceMode.DEGRADED && to === ServiceMode.HEALTHY && r.active.impairmentsOf(node) > 0)
    r.fail(`${at}: healthy with slow/error faults active`);
  svc.mode = to;
  svc.enteredAt = t;
  // A restart waits the startup time in force when it begins, whatever a change sets meanwhile.
  if (to === ServiceMode.RESTARTING) svc.startingFor = svc.startupTime;
}

/**
 * FAULT_START / FAULT_END: fault `a` begins or ends, at the time the scenario gives, naming its
 * target node (or -1) and link (`b`, or -1).
 */
export function onFault(r: TraceReplay, { t, type, node, a, b, at }: TraceRow): void {
  const { nodeIndex, linkIndex, services } = r.model;
  const f = r.model.faults[a];
  if (!f) {
    r.fail(`${at}: no fault ${a}`);
    return;
  }
  const start = type === TraceType.FAULT_START;
  if (start ? t !== f.at : t !== f.at + (f.duration ?? NaN)) r.fail(`${at}: fault ${a} at the wrong time`);
  const target = f.kind === 'latency' || f.kind === 'loss' ? -1 : nodeIndex.get(f.kind === 'partition' ? f.between[0] : f.target);
  const link = f.kind === 'latency' || f.kind === 'loss' ? linkIndex.get(f.link) : -1;
  if (node !== target || b !== link) r.fail(`${at}: fault ${a} names node ${node} / link ${b}, expected ${target} / ${link}`);
  if (start) {
    if (r.active.has(a)) r.fail(`${at}: fault ${a} started twice`);
    r.active.add(a);
    // The crash's drops and abandons (at this same time) are checked against crashAt.
    if (f.kind === 'crash') {
      const svc = services[node]!;
      svc.crashAt = t;
      svc.lastCrashDrop = -1;
    }
  } else {
    if (!r.active.delete(a)) r.fail(`${at}: fault ${a} ended without starting`);
    if (f.kind === 'crash') services[node]!.crashEndAt = t;
  }
}

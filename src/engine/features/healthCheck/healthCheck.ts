/**
 * Active health checking on a balanced link: the caller probes each deployed instance every
 * `interval` (a probe is a call over the link to that instance, timed out after `timeout`). An
 * instance that is up answers at once, without a worker — a liveness check, so it finds instances
 * that are down or gone, not slow ones (outlier ejection watches real calls for that). After
 * `unhealthyThreshold` failed probes in a row the caller marks the instance unhealthy and sends it
 * no calls; after `healthyThreshold` answered ones in a row, healthy again. Each instance of a
 * replicated caller probes for itself (as each process's client-side balancer, or sidecar, does)
 * and keeps its own verdicts.
 *
 * Rows: PROBE_ANSWER (node = instance, a = the probe, b = 0), MARKED_UNHEALTHY / MARKED_HEALTHY
 * (node = caller instance, a = link, b = instance).
 */
import type { LinkRuntime, Runtime } from '../../kernel/runtime.ts';
import { Ev, Priority } from '../../kernel/runtime.ts';
import { CallStatus, RejectReason, TraceType } from '../../trace/eventTypes.ts';
import { confirmAtOnce, refuseAtOnce } from '../../kernel/answers.ts';
import { balancerOf, type Balancer, type HealthChecking } from '../../kernel/records.ts';
import { startCall } from '../../kernel/calls.ts';
import { Role } from '../../kernel/callRoles.ts';

export type { HealthChecking } from '../../kernel/records.ts';

/**
 * Starts every balanced link's probes, by each caller instance: instance k's first at (k + 1)/n of the interval, so they do not all go at
 * once.
 */
export function startHealthChecks(rt: Runtime): void {
  for (const link of rt.links) {
    for (const b of link.balancers ?? []) {
      const h = b.health;
      if (!h) continue;
      const n = b.instances.length;
      for (let k = 0; k < n; k++) rt.schedule(rt.now + (h.interval * (k + 1)) / n, Priority.CONTROL, Ev.PROBE, link.index, b.index * n + k);
    }
  }
}

/**
 * Time for a caller instance to probe an instance over `link` (and to schedule its next probe); `arg` is its balancer's index × instances +
 * the instance's position.
 */
export function onProbeDue(rt: Runtime, link: LinkRuntime, arg: number): void {
  const balancers = link.balancers as readonly Balancer[],
    n = balancers[0].instances.length;
  const b = balancers[Math.floor(arg / n)],
    k = arg % n;
  const h = b.health as HealthChecking;
  rt.schedule(rt.now + h.interval, Priority.CONTROL, Ev.PROBE, link.index, arg);
  // A caller that is down probes nothing; an instance not deployed is not probed.
  const caller = rt.services[b.caller];
  if ((caller !== undefined && !caller.accepting) || k >= b.active) return;
  h.probes++;
  const c = startCall(rt, -1, b.caller, b.instances[k], link.index, h.lane, false);
  rt.probeCalls.set(c, k);
  rt.calls.role[c] = Role.PROBE;
}

/** A probe reached its instance: answered at once if the instance is up, refused if not. */
export function onProbeArrive(rt: Runtime, c: number): void {
  const instance = rt.calls.callee[c];
  rt.calls.arrivedAt[c] = rt.now;
  if (rt.services[instance]?.accepting === true) confirmAtOnce(rt, instance, c, TraceType.PROBE_ANSWER, 0);
  else refuseAtOnce(rt, instance, c, RejectReason.UNAVAILABLE);
}

/** A probe ended (its answer, its refusal, its timeout): count it, and mark the instance when a threshold is reached. */
export function probeEnded(rt: Runtime, c: number, k: number): void {
  rt.probeCalls.delete(c);
  const link = rt.links[rt.calls.link[c]];
  const b = balancerOf(rt, link, rt.calls.caller[c]);
  const h = b.health as HealthChecking;
  if (rt.calls.status[c] === CallStatus.OK) {
    h.failures[k] = 0;
    if (++h.successes[k] >= h.healthyThreshold && b.healthy[k] === 0) mark(rt, link, b, k, 1);
  } else {
    h.successes[k] = 0;
    if (++h.failures[k] >= h.unhealthyThreshold && b.healthy[k] === 1) {
      h.markedDown++;
      mark(rt, link, b, k, 0);
    }
  }
}

function mark(rt: Runtime, link: LinkRuntime, b: Balancer, k: number, healthy: number): void {
  b.healthy[k] = healthy;
  rt.trace.recordNow(healthy ? TraceType.MARKED_HEALTHY : TraceType.MARKED_UNHEALTHY, b.caller, link.index, b.instances[k]);
}

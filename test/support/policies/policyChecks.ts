/**
 * What must hold of a run with resilience policies, read from its trace and call table alone:
 *
 * - a breaker lets no call through (no SEND on its link) while OPEN or FORCED_OPEN, and no more
 *   than its permitted calls while HALF_OPEN; its changes follow its state machine;
 * - no operation makes more attempts than its retry policy allows (a fallback call aside), and
 *   each begins once (OP_START) and ends at most once (OP_END);
 * - every wait before a retry lies within its backoff and jitter strategy's bounds;
 * - retries over a link stay within its retry budget, summed over the run;
 * - clients' counts add up: every request sent ended in exactly one way or is still out.
 *
 * Scenarios come from policyArbitrary.ts: a link has a breaker or a bulkhead, never both, so a
 * breaker's admissions are exactly its link's SENDs of attempts.
 */
import type { Scenario } from '../../../src/model/index.ts';
import type { Simulation } from '../../../src/engine/index.ts';
import { BreakerState } from '../../../src/engine/policies/breakerMachine.ts';
import { backoffDelay } from '../../../src/engine/policies/backoff.ts';
import { CallStatus, TraceType } from '../../../src/engine/trace/eventTypes.ts';
import { breakerFrom, breakerTo } from '../../../src/engine/trace/rows.ts';

const STATE_INITIAL = { closed: BreakerState.CLOSED, forcedOpen: BreakerState.FORCED_OPEN, disabled: BreakerState.DISABLED } as const;
/** Changes a breaker may make on its own (the user's FORCE_OPEN, DISABLE and RESET never happen in these runs). */
const ALLOWED = new Set([
  `${BreakerState.CLOSED}>${BreakerState.OPEN}`,
  `${BreakerState.OPEN}>${BreakerState.HALF_OPEN}`,
  `${BreakerState.HALF_OPEN}>${BreakerState.OPEN}`,
  `${BreakerState.HALF_OPEN}>${BreakerState.CLOSED}`,
]);

export function checkPolicies(sim: Simulation, scenario: Scenario): string[] {
  const failures: string[] = [];
  const fail = (message: string) => {
    if (failures.length < 20) failures.push(message);
  };
  const { trace, calls, links } = sim.rt;
  const state: number[] = scenario.links.map((l) => (l.breaker ? STATE_INITIAL[l.breaker.state] : -1));
  const halfOpenSends = scenario.links.map(() => 0);
  const retriesOn = scenario.links.map(() => [] as number[]);
  const firstsOn = scenario.links.map(() => 0);
  const started = new Set<number>(),
    ended = new Set<number>();
  /** Per operation (its first attempt): attempts made, and the wait before its latest retry. */
  const attempts = new Map<number, number>();
  const lastWait = new Map<number, number>();
  for (let i = 0; i < trace.length; i++) {
    const type = trace.type(i),
      a = trace.a(i),
      b = trace.b(i),
      t = trace.time(i);
    switch (type) {
      case TraceType.BREAKER: {
        const from = breakerFrom(b),
          to = breakerTo(b);
        if (from !== state[a]) fail(`t=${t}: breaker of ${links[a].id} goes from ${from} but was ${state[a]}`);
        if (!ALLOWED.has(`${from}>${to}`)) fail(`t=${t}: breaker of ${links[a].id}: no transition ${from} → ${to}`);
        state[a] = to;
        halfOpenSends[a] = 0;
        break;
      }
      case TraceType.OP_START:
        if (started.has(a)) fail(`t=${t}: operation ${a} started twice`);
        started.add(a);
        firstsOn[b]++;
        break;
      case TraceType.OP_END:
        if (!started.has(a)) fail(`t=${t}: operation ${a} ended without starting`);
        if (ended.has(a)) fail(`t=${t}: operation ${a} ended twice`);
        ended.add(a);
        break;
      case TraceType.SEND: {
        const l = b;
        if (calls.op[a] < 0) break;
        const first = calls.firstOf(a);
        const fallbackCall = calls.callee[a] !== calls.callee[first];
        if (!fallbackCall) attempts.set(first, (attempts.get(first) ?? 0) + 1);
        if (state[l] === BreakerState.OPEN || state[l] === BreakerState.FORCED_OPEN)
          fail(`t=${t}: ${links[l].id} sent attempt ${a} while its breaker was ${state[l] === BreakerState.OPEN ? 'open' : 'forced open'}`);
        if (state[l] === BreakerState.HALF_OPEN && ++halfOpenSends[l] > scenario.links[l].breaker!.permittedInHalfOpen)
          fail(`t=${t}: ${links[l].id}'s half-open breaker let ${halfOpenSends[l]} calls through`);
        break;
      }
      case TraceType.NOT_PERMITTED: {
        const first = calls.firstOf(a);
        attempts.set(first, (attempts.get(first) ?? 0) + 1);
        break;
      }
      case TraceType.RETRY: {
        const first = calls.firstOf(a);
        const l = calls.link[a];
        const policy = scenario.links[l].retry;
        if (!policy) {
          fail(`t=${t}: a retry on ${links[l].id}, which has no retry policy`);
          break;
        }
        const made = attempts.get(first) ?? 0;
        if (made >= policy.maxAttempts) fail(`t=${t}: a retry of operation ${first} after ${made} of ${policy.maxAttempts} attempts`);
        const wait = b / 1000;
        const config = { kind: policy.backoff, base: policy.base, multiplier: policy.multiplier, cap: policy.cap, jitter: policy.jitter };
        const d = backoffDelay(config, made);
        const previous = lastWait.get(first) ?? policy.base;
        const [lo, hi] =
          policy.jitter === 'none'
            ? [d, d]
            : policy.jitter === 'full'
              ? [0, d]
              : policy.jitter === 'equal'
                ? [d / 2, d]
                : policy.backoff === 'none'
                  ? [0, 0]
                  : [Math.min(policy.cap, policy.base), Math.min(policy.cap, Math.max(policy.base, previous * 3))];
        // The row holds whole µs.
        if (!(wait >= lo - 0.0006 && wait <= hi + 0.0006))
          fail(
            `t=${t}: retry ${made} of operation ${first} waits ${wait} ms, outside [${lo}, ${hi}] (${policy.backoff}, ${policy.jitter} jitter)`,
          );
        lastWait.set(first, wait);
        retriesOn[l].push(t);
        break;
      }
    }
  }
  // Budgets, summed: each stretch of `window` allows percent % of its first attempts plus minPerSecond a second.
  scenario.links.forEach((l, i) => {
    const budget = l.retry?.budget;
    if (!budget) return;
    const windows = Math.ceil(scenario.duration / (Math.ceil(budget.window / 1000) * 1000)) + 1;
    const allowed = (firstsOn[i] * budget.percent) / 100 + budget.minPerSecond * Math.ceil(budget.window / 1000) * windows;
    if (retriesOn[i].length > allowed + windows)
      fail(`${l.id ?? `${l.from}->${l.to}`}: ${retriesOn[i].length} retries over a budget of ${allowed}`);
  });
  // Clients: sent = every way a request ended + those still out.
  for (const client of sim.rt.clients) {
    if (!client) continue;
    let out = 0;
    for (let c = 0; c < calls.length; c++) {
      if (calls.caller[c] !== client.node || calls.parent[c] >= 0 || calls.previous[c] >= 0) continue;
      const op = calls.op[c];
      if (op >= 0 ? sim.rt.ops.status[op] === CallStatus.PENDING : calls.status[c] === CallStatus.PENDING) out++;
    }
    const done = client.completed + client.failed + client.timedOut + client.rejected + client.dropped;
    if (client.sent !== done + out) fail(`client ${client.id}: sent ${client.sent}, ended ${done}, out ${out}`);
  }
  return failures;
}

/**
 * Active health checks (features/healthCheck/healthCheck.ts): a caller probes each instance at an
 * interval, marks one unhealthy after its threshold of failed probes in a row (it then gets no
 * calls) and healthy after its threshold of answered ones; probes take no worker and are not the
 * service's requests; a liveness probe does not see a slow instance (outlier ejection does).
 */
import { describe, expect, it } from 'vitest';
import { TraceType } from '../../src/engine/trace/eventTypes.ts';
import type { ScenarioInput } from '../../src/model/index.ts';
import { scenario, runToEnd } from '../support/scenarios.ts';
import { rowsOf } from '../support/eventLog.ts';

type Parts = Parameters<typeof scenario>[0];
type LinkInput = NonNullable<ScenarioInput['links']>[number];

/** web (60/s) → api (3 instances), probing every second (200 ms timeout, 2 failures down, 2 answers up). */
function parts(o: { faults?: Parts['faults']; link?: Partial<LinkInput>; changes?: Parts['changes'] } = {}): Parts {
  return {
    nodes: [
      { id: 'web', kind: 'client', target: 'api', workload: { pattern: 'constant', rate: 60 } },
      { id: 'api', kind: 'service', replicas: 3, workers: 4, serviceTime: { dist: 'exponential', mean: 20 } },
    ],
    links: [
      {
        from: 'web',
        to: 'api',
        latency: 1,
        timeout: '1s',
        healthCheck: { interval: '1s', timeout: '200ms', unhealthyThreshold: 2, healthyThreshold: 2 },
        ...o.link,
      },
    ],
    faults: o.faults ?? [],
    changes: o.changes ?? [],
    duration: '30s',
  };
}

const run = (p: Parts) => runToEnd(scenario(p));

const rows = rowsOf;

describe('active health checks', () => {
  it('mark a crashed instance unhealthy at the second failed probe and healthy again at the second answered one; it gets no calls in between', () => {
    const { sim, report } = run(parts({ faults: [{ kind: 'crash', target: 'api', instance: 2, at: '10s', duration: '10s' }] }));
    const two = sim.rt.nodeIds.indexOf('api#2');
    // Instance 2's probes go at 2/3 s past each second; the answer (or refusal) is back 2.6 ms later.
    const down = rows(sim, TraceType.MARKED_UNHEALTHY),
      up = rows(sim, TraceType.MARKED_HEALTHY);
    expect(down.map((r) => r.b)).toEqual([two]);
    expect(down[0].t).toBeCloseTo(11_669.27, 1);
    expect(up.map((r) => r.b)).toEqual([two]);
    expect(up[0].t).toBeCloseTo(21_669.27, 1);
    const routed = rows(sim, TraceType.ROUTE).filter((r) => r.b === two);
    expect(routed.filter((r) => r.t > down[0].t && r.t < up[0].t)).toEqual([]);
    // Refused only between the crash and the mark: a third of 60/s for 1.67 s.
    expect(report.clients.web.rejected).toBeGreaterThan(25);
    expect(report.clients.web.rejected).toBeLessThan(40);
    expect(report.links['web->api'].healthChecks).toMatchObject({ markedUnhealthy: 1, unhealthy: [] });
  });

  it('takes no worker and is not a request of the service', () => {
    const { report } = run(parts());
    const routed = report.links['web->api'].instances!.reduce((sum, x) => sum + x.routed, 0);
    expect(report.nodes.api.arrivals).toBe(routed);
    // 3 instances, one probe a second each, from 1/3 s on.
    expect(report.links['web->api'].healthChecks!.probes).toBe(90);
  });

  it('does not see a slow instance, where outlier ejection does', () => {
    const slow: Parts['faults'] = [{ kind: 'slow', target: 'api', instance: 3, at: '5s', factor: 40 }];
    const checked = run(parts({ faults: slow }));
    expect(checked.report.links['web->api'].healthChecks!.markedUnhealthy).toBe(0);
    expect(checked.report.clients.web.timedOut).toBeGreaterThan(100);
    const ejecting = run(parts({ faults: slow, link: { outlierEjection: { consecutiveFailures: 3, ejectionTime: '30s' } } }));
    expect(ejecting.report.clients.web.timedOut).toBeLessThan(checked.report.clients.web.timedOut / 4);
  });

  it('fails a probe that is lost on the way, by its timeout', () => {
    const { report } = run(parts({ link: { loss: 0.5 } }));
    expect(report.links['web->api'].healthChecks!.markedUnhealthy).toBeGreaterThan(3);
  });

  it('probes only deployed instances: one scaled in from when it is, none scaled away', () => {
    const { sim } = run(
      parts({
        changes: [
          { kind: 'service', target: 'api', at: '10s', set: { replicas: 2 } },
          { kind: 'service', target: 'api', at: '20s', set: { replicas: 3 } },
        ],
      }),
    );
    const three = sim.rt.nodeIds.indexOf('api#3');
    const probedThree = rows(sim, TraceType.PROBE_ANSWER)
      .filter((r) => sim.rt.calls.callee[r.a] === three)
      .map((r) => r.t);
    expect(probedThree.filter((t) => t > 10_010 && t < 20_000)).toEqual([]);
    expect(probedThree.filter((t) => t > 20_000).length).toBe(10);
  });
});

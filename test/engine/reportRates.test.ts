/**
 * Every rate in the report is over the time really simulated (the report's `until`): requests per
 * second, throughput and utilisation. A run stopped past the scenario's duration (clients idle
 * after it) shows the lower rates it really had; one whose duration is that long (withDuration,
 * what --until and the playground's Duration do) shows the M/M/1 figures throughout.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/index.ts';
import { withDuration } from '../../src/model/index.ts';
import { example } from '../support/scenarios.ts';

describe("the report's rates", () => {
  const mm1 = example('mm1');
  const lambda = mm1.nodes[0].kind === 'client' && mm1.nodes[0].workload.pattern === 'poisson' ? mm1.nodes[0].workload.rate : NaN;
  const mu =
    mm1.nodes[1].kind === 'service' && mm1.nodes[1].serviceTime.dist === 'exponential' ? 1000 / mm1.nodes[1].serviceTime.mean : NaN;

  it('are counts over the simulated time, whatever stopped the clock', () => {
    for (const report of [simulate(mm1, { until: 2 * mm1.duration }).report, simulate(withDuration(mm1, 2 * mm1.duration)).report]) {
      const seconds = report.until / 1000;
      expect(report.until).toBe(2 * mm1.duration);
      expect(report.clients.client.throughput * seconds).toBeCloseTo(report.clients.client.completed, 6);
      expect(report.nodes.server.throughput * seconds).toBeCloseTo(report.nodes.server.ok + report.nodes.server.errors, 6);
    }
  });

  it('a clock stopped past the duration: clients idle after it, so half the rate and half the utilisation', () => {
    const { report } = simulate(mm1, { until: 2 * mm1.duration });
    expect(report.clients.client.throughput / (lambda / 2)).toBeCloseTo(1, 1);
    expect(report.nodes.server.utilization / (lambda / mu / 2)).toBeCloseTo(1, 1);
  });

  it('a run that long: the M/M/1 rate and utilisation throughout', () => {
    const { report } = simulate(withDuration(mm1, 2 * mm1.duration));
    expect(report.clients.client.throughput / lambda).toBeCloseTo(1, 1);
    expect(report.nodes.server.utilization / (lambda / mu)).toBeCloseTo(1, 1);
  });
});

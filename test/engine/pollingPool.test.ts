/**
 * Async HTTP over an HTTP/1.1 connection pool (a link with both `polling` and `connections`): the
 * 202 ends the job's request on the wire, so its connection is free from then on, and each poll
 * is a short request of its own over the pool. Keeping the job's connection until the job ended
 * deadlocked: with every connection held by an accepted job, no poll could be sent, so no job
 * could ever learn its outcome.
 */
import { describe, expect, it } from 'vitest';
import { buildReport, Simulation } from '../../src/engine/index.ts';
import { scenario } from '../support/scenarios.ts';
import { eventLog } from '../support/eventLog.ts';

type Parts = Parameters<typeof scenario>[0];

function run(parts: Parts) {
  const s = scenario(parts);
  const sim = new Simulation(s);
  sim.runUntil(s.duration);
  return { sim, report: buildReport(sim) };
}

/** 3 jobs a second of ~3 s of work each, to a service with room for them all, polled every second. */
const jobs = (connections: number | undefined): Parts => ({
  nodes: [
    { id: 'web', kind: 'client', target: 'jobs', workload: { pattern: 'constant', rate: 3 } },
    { id: 'jobs', kind: 'service', workers: 20, serviceTime: 3000 },
  ],
  links: [
    {
      from: 'web',
      to: 'jobs',
      latency: 1,
      protocol: 'http',
      polling: { interval: '1s' },
      ...(connections === undefined ? {} : { connections }),
    },
  ],
  duration: '60s',
});

describe('async HTTP over a connection pool', () => {
  it("completes the jobs as without a pool: the 202 frees the job's connection", () => {
    const free = run(jobs(undefined)).report.clients.web;
    const pooled = run(jobs(6));
    const web = pooled.report.clients.web;
    expect(free.completed).toBeGreaterThan(150);
    // Each request holds a connection for about a round trip (its 202, a poll's answer): 6 are plenty.
    expect(web.completed).toBe(free.completed);
    expect(web.failed).toBe(0);
    expect(pooled.report.links['web->jobs'].connections!.longestWait).toBeLessThan(6);
  });

  it('sends a poll over a connection that an accepted job is no longer using', () => {
    // One connection: the job's 202 frees it, so its polls (and the next job) can use it.
    const { sim, report } = run({
      ...jobs(1),
      nodes: [
        { id: 'web', kind: 'client', target: 'jobs', workload: { pattern: 'constant', rate: 1, stop: '1ms' } },
        { id: 'jobs', kind: 'service', workers: 1, serviceTime: 1500 },
      ],
      duration: '10s',
    });
    expect(eventLog(sim, (e) => e.type === 'job_done')).toHaveLength(1);
    expect(report.clients.web).toMatchObject({ sent: 1, completed: 1, failed: 0 });
    expect(report.links['web->jobs'].polls).toBe(2);
  });
});

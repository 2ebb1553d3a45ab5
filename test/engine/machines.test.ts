/**
 * The service's modes run as an XState machine on simulated time: its restart delay is an
 * engine event, and a cancelled timer (the service crashed again while restarting) never fires.
 */
import { describe, expect, it } from 'vitest';
import { Simulation, simulate } from '../../src/engine/index.ts';
import { MachineHost } from '../../src/engine/core/machineHost.ts';
import { serviceMachine } from '../../src/engine/kernel/serviceMachine.ts';
import { scenario } from '../support/scenarios.ts';
import type { ScenarioInput } from '../../src/model/index.ts';
import { eventLog } from '../support/eventLog.ts';

describe('service machine', () => {
  it('hands its delayed transitions to the scheduler instead of a wall clock', () => {
    const timers: { delay: number; token: number }[] = [];
    const host = new MachineHost(serviceMachine, { startupTime: 250 }, (delay, token) => timers.push({ delay, token }));
    expect(host.state).toBe('starting');
    expect(timers).toEqual([{ delay: 250, token: 0 }]);
    host.fire(0);
    expect(host.state).toBe('healthy');
    host.send({ type: 'IMPAIR' });
    host.send({ type: 'IMPAIR' });
    host.send({ type: 'HEAL' });
    expect(host.state).toBe('degraded');
    host.send({ type: 'HEAL' });
    expect(host.state).toBe('healthy');
    host.send({ type: 'CRASH' });
    host.send({ type: 'RESTART' });
    expect(host.state).toBe('restarting');
    host.send({ type: 'CRASH' }); // leaving `restarting` cancels its startup timer
    host.fire(1);
    expect(host.state).toBe('crashed');
  });

  it('a second crash during a restart keeps the service down until its own restart', () => {
    const s = scenario({
      nodes: [
        { id: 'c', kind: 'client', target: 's', workload: { pattern: 'constant', rate: 10 } },
        { id: 's', kind: 'service', startupTime: 300 },
      ],
      links: [{ from: 'c', to: 's' }],
      faults: [
        { kind: 'crash', target: 's', at: 1000, duration: 500 },
        { kind: 'crash', target: 's', at: 1600, duration: 1000 },
      ],
      duration: '5s',
    });
    const sim = new Simulation(s);
    sim.runUntil(s.duration);
    expect(eventLog(sim, (e) => e.type === 'state')).toEqual([
      '300 state s from=starting to=healthy',
      '1000 state s from=healthy to=crashed',
      '1500 state s from=crashed to=restarting',
      '1600 state s from=restarting to=crashed', // the 1800 startup timer is cancelled
      '2600 state s from=crashed to=restarting',
      '2900 state s from=restarting to=healthy',
    ]);
  });
});

describe('independent random streams', () => {
  it('adding a node does not change what another node draws', () => {
    const base: Pick<ScenarioInput, 'nodes' | 'links' | 'duration'> = {
      nodes: [
        { id: 'c', kind: 'client' as const, target: 's', workload: { pattern: 'poisson' as const, rate: 50 } },
        { id: 's', kind: 'service' as const, workers: 100, serviceTime: { dist: 'exponential' as const, mean: 10 } },
      ],
      links: [{ from: 'c', to: 's', latency: { dist: 'lognormal' as const, mean: 5, stddev: 2 } }],
      duration: '10s',
    };
    const withExtra: typeof base = {
      ...base,
      nodes: [
        { id: 'other', kind: 'client' as const, target: 't', workload: { pattern: 'poisson' as const, rate: 80 } },
        ...base.nodes,
        { id: 't', kind: 'service' as const, serviceTime: { dist: 'exponential' as const, mean: 3 } },
      ],
      links: [{ from: 'other', to: 't', latency: { dist: 'exponential' as const, mean: 1 } }, ...(base.links ?? [])],
    };
    const report = (doc: typeof base) => simulate(scenario({ ...doc, links: doc.links ?? [] })).report;
    const a = report(base),
      b = report(withExtra);
    expect(b.clients.c).toEqual(a.clients.c);
    expect(b.nodes.s).toEqual(a.nodes.s);
    expect(b.links['c->s']).toEqual(a.links['c->s']);
    expect(b.traceHash).not.toBe(a.traceHash);
  });
});

describe('overlapping crashes', () => {
  it('the service stays down until the last crash fault ends', () => {
    const s = scenario({
      nodes: [
        { id: 'c', kind: 'client', target: 's', workload: { pattern: 'constant', rate: 10 } },
        { id: 's', kind: 'service' },
      ],
      links: [{ from: 'c', to: 's' }],
      faults: [
        { kind: 'crash', target: 's', at: 1000, duration: 1000 },
        { kind: 'crash', target: 's', at: 1500, duration: 1000 },
      ],
      duration: '4s',
    });
    const sim = new Simulation(s);
    sim.runUntil(s.duration);
    expect(eventLog(sim, (e) => e.type === 'state')).toEqual([
      '1000 state s from=healthy to=crashed',
      '2500 state s from=crashed to=restarting',
      '2500 state s from=restarting to=healthy',
    ]);
    // Requests sent from 1000 up to 2500 are refused: 15 of them.
    expect(simulate(s).report.nodes.s.rejected).toBe(15);
  });
});

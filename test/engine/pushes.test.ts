/**
 * One request, many answers (features/answerStream/answerStream.ts): gRPC server streaming sends a call's answer
 * as N messages an interval apart, the call done with the last and the callee's worker held until
 * then; WebSocket pushes go on while the connection lives, the worker free after the first; a
 * crash of the callee resets its open streams at once; only grpc and websocket stream.
 */
import { describe, expect, it } from 'vitest';
import type { Simulation } from '../../src/engine/index.ts';
import { TraceType } from '../../src/engine/trace/eventTypes.ts';
import { validateScenario, type ScenarioInput } from '../../src/model/index.ts';
import { scenario, runToEnd } from '../support/scenarios.ts';
import { Simulation as Engine } from '../../src/engine/index.ts';
import { TraceReplay } from '../../src/engine/replay/traceReplay.ts';
import { RunSession } from '../../src/worker/runSession.ts';
import { rowsOf } from '../support/eventLog.ts';

type Parts = Parameters<typeof scenario>[0];
type LinkInput = NonNullable<ScenarioInput['links']>[number];

const run = (p: Parts) => runToEnd(scenario(p));

const count = (sim: Simulation, type: number) => rowsOf(sim, type).length;

const feed = (
  link: Partial<LinkInput>,
  o: { faults?: Parts['faults']; workload?: unknown; duration?: string; workers?: number } = {},
): Parts => ({
  nodes: [
    { id: 'web', kind: 'client', target: 'feed', workload: (o.workload ?? { pattern: 'constant', rate: 10 }) as never },
    { id: 'feed', kind: 'service', workers: o.workers ?? 2, serviceTime: { dist: 'constant', value: 5 } },
  ],
  links: [{ from: 'web', to: 'feed', latency: 2, protocol: 'grpc', ...link }],
  faults: o.faults ?? [],
  duration: o.duration ?? '10s',
});

describe('gRPC server streaming', () => {
  it('answers one request with N messages an interval apart: the call lasts until the last, and so does the worker', () => {
    const { sim, report } = run(feed({ stream: { messages: 5, interval: '100ms' } }, { workload: { pattern: 'constant', rate: 2 } }));
    const rt = report.clients.web.latency;
    // 2 + 0.08 there, 5 ms of work, 4 × 100 ms of messages, 2 + 0.08 back.
    expect(rt.min).toBeCloseTo(409.16, 6);
    expect(rt.max).toBeCloseTo(409.16, 6);
    // Five messages per answer (those of the last answers partly still to come when the run ends).
    const sentNow = [...sim.rt.features.answerStream.answerStreamsOpen.values()].reduce((x, y) => x + y, 0);
    const openNow = sim.rt.features.answerStream.answerStreamsOpen.size;
    expect(count(sim, TraceType.PUSH)).toBe(5 * (report.nodes.feed.ok - openNow) + sentNow);
    // The caller counts all but the last of each (the last ends the call).
    expect(count(sim, TraceType.PUSH_RECEIVED)).toBe(
      4 * report.clients.web.completed + [...sim.rt.features.answerStream.answerStreamsReceived.values()].reduce((x, y) => x + y, 0),
    );
    // Two workers for 2 requests a second, each held 5 ms of work + 4 × 100 ms of messages: busy 40.5 % of the time, not 0.5 %.
    expect(report.nodes.feed.utilization).toBeCloseTo(0.405, 9);
  });

  it('queues requests behind workers held by streams: a pool too small for the streams saturates', () => {
    // 10 requests a second each holding a worker 405 ms need 4 workers; there are 2.
    const { report } = run(feed({ stream: { messages: 5, interval: '100ms' } }));
    expect(report.nodes.feed.utilization).toBeGreaterThan(0.97);
    expect(report.nodes.feed.maxLine).toBeGreaterThan(10);
    expect(report.clients.web.latency.p50).toBeGreaterThan(1000);
  });

  it('is replayed as the engine ran it: the workers streams hold, and free at their end or a reset', () => {
    const s = scenario(
      feed(
        { stream: { messages: 6, interval: '150ms' } },
        { workload: { pattern: 'poisson', rate: 4 }, faults: [{ kind: 'crash', target: 'feed', at: '4s', duration: '1s' }] },
      ),
    );
    const session = new RunSession(s);
    const replay = new TraceReplay(session.topology);
    for (let until = 250; !replay.done; until += 250) replay.ingest(session.advance(until, 100_000));
    let held = 0;
    for (const t of [500, 1234, 3999, 4000, 4500, 5100, 7777, 9999]) {
      const sim = new Engine(s);
      sim.runUntil(t);
      const feedNode = sim.nodeIndexOf('feed') as number;
      expect({ t, busy: replay.stateAt(t).nodes[feedNode].busy }).toEqual({ t, busy: sim.rt.services[feedNode]?.busy });
      held += sim.rt.features.answerStream.answerStreamsHeld.size;
    }
    expect(held).toBeGreaterThan(3);
  });

  it('is reset by a crash of the callee: the caller fails at once, not at its timeout', () => {
    // Enough workers for every stream (each holds one for its 10 s).
    const { report } = run({
      ...feed(
        { stream: { messages: 100, interval: '100ms' }, timeout: '30s' },
        { workers: 40, faults: [{ kind: 'crash', target: 'feed', at: '3s', duration: '1s' }] },
      ),
    });
    // Every stream open at 3 s (those started in the 10 s before) fails then.
    expect(report.clients.web.failed).toBeGreaterThan(25);
    expect(report.clients.web.timedOut).toBe(0);
  });
});

describe('WebSocket pushes', () => {
  it('go on while the connection lives: users hold one connection each and get a message every interval', () => {
    const { sim, report } = run(
      feed(
        { protocol: 'websocket', stream: { interval: '500ms' } },
        { workload: { pattern: 'closed', users: 3, thinkTime: { dist: 'constant', value: 100 } } },
      ),
    );
    expect(report.clients.web.sent).toBe(3);
    expect(report.clients.web.inFlight).toBe(3);
    // About 20 messages each in 10 s.
    expect(count(sim, TraceType.PUSH)).toBeGreaterThan(3 * 19);
    expect(count(sim, TraceType.PUSH)).toBeLessThanOrEqual(3 * 20);
  });

  it("free the callee's worker after the first message: the server pushes from its event loop", () => {
    const { report } = run(
      feed({ protocol: 'websocket', stream: { messages: 5, interval: '100ms' } }, { workload: { pattern: 'constant', rate: 2 } }),
    );
    expect(report.clients.web.completed).toBe(20);
    // Two workers for 2 requests a second of 5 ms of work: busy 0.5 % of the time.
    expect(report.nodes.feed.utilization).toBeCloseTo(0.005, 9);
  });

  it('reconnect after a crash resets them', () => {
    const { sim, report } = run(
      feed(
        { protocol: 'websocket', stream: { interval: '500ms' } },
        {
          workload: { pattern: 'closed', users: 3, thinkTime: { dist: 'constant', value: 100 } },
          faults: [{ kind: 'crash', target: 'feed', at: '4s', duration: '1s' }],
        },
      ),
    );
    expect(count(sim, TraceType.PUSH_RESET)).toBe(3);
    // Each user tries again after its think time; refused while the service is down, then connected for good.
    expect(report.clients.web.failed).toBe(3);
    expect(report.clients.web.inFlight).toBe(3);
    expect(report.clients.web.sent).toBeGreaterThan(6);
  });
});

describe('answer streams in a document', () => {
  const problems = (link: Record<string, unknown>) => {
    const r = validateScenario({
      version: 1,
      nodes: [
        { id: 'web', kind: 'client', target: 'a', workload: { pattern: 'constant', rate: 1 } },
        { id: 'a', kind: 'service' },
      ],
      links: [{ from: 'web', to: 'a', ...link }],
    });
    return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
  };
  it('need grpc or websocket, and an end over grpc', () => {
    expect(problems({ stream: { messages: 3 } })).toEqual([
      'links[0].stream: streaming answers need grpc (server streaming) or websocket (pushes); HTTP/1.1 answers once',
    ]);
    expect(problems({ protocol: 'grpc', stream: {} })).toEqual([
      "links[0].stream.messages: a gRPC server stream ends: say how many messages (pushes without end are a websocket's)",
    ]);
    expect(problems({ protocol: 'websocket', stream: {} })).toEqual([]);
    expect(problems({ protocol: 'websocket', connections: 2 })).toEqual([
      "links[0].connections: a connection pool is HTTP/1.1's: a WebSocket is one long-lived connection (set the protocol to http, or leave connections out)",
    ]);
  });
});

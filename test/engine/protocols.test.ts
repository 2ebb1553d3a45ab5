/**
 * Protocols as real differences: a payload costs encoding time and, with a bandwidth, its bits on
 * the wire — JSON over HTTP/1.1 more than protobuf over gRPC, so the same chain is measurably
 * slower; HTTP/1.1's connection pool makes a call wait for a free connection (never more calls
 * on the wire than connections), and a call given up while it waits is never sent.
 */
import { describe, expect, it } from 'vitest';
import { buildReport, Simulation } from '../../src/engine/index.ts';
import { TraceType } from '../../src/engine/trace/eventTypes.ts';
import { PROTOCOL_PROFILES, payloadDelay, validateScenario, type ScenarioInput } from '../../src/model/index.ts';
import { scenario } from '../support/scenarios.ts';

type LinkInput = NonNullable<ScenarioInput['links']>[number];

function run(link: Partial<LinkInput>, o: { rate?: number; serviceTime?: number; timeout?: string; duration?: string } = {}) {
  const s = scenario({
    nodes: [
      {
        id: 'web',
        kind: 'client',
        target: 'api',
        workload: { pattern: 'constant', rate: o.rate ?? 50 },
        ...(o.timeout ? { timeout: o.timeout } : {}),
      },
      { id: 'api', kind: 'service', workers: 64, serviceTime: { dist: 'constant', value: o.serviceTime ?? 10 } },
    ],
    links: [{ from: 'web', to: 'api', latency: 2, ...link }],
    duration: o.duration ?? '10s',
  });
  const sim = new Simulation(s);
  sim.runUntil(s.duration);
  return { sim, report: buildReport(sim) };
}

describe('a payload', () => {
  it('costs its encoding and, with a bandwidth, its bits on the wire: protobuf a third of the bytes and a quarter of the encoding', () => {
    // 50 kB of JSON on 100 Mbit/s: 4 ms on the wire and 1 ms to encode; as protobuf 1.4 ms and 0.25 ms.
    expect(payloadDelay('http', 50_000, 100)).toBeCloseTo(4 + 1, 9);
    expect(payloadDelay('grpc', 50_000, 100)).toBeCloseTo(1.4 + 0.25, 9);
    // Without a bandwidth only the encoding.
    expect(payloadDelay('http', 50_000, undefined)).toBeCloseTo(1, 9);
  });

  it('makes the same call measurably slower as JSON than as protobuf, by exactly what the profiles say', () => {
    const payload = { request: 2000, response: 50_000 };
    const json = run({ protocol: 'http', bandwidth: 100, payload }).report.clients.web.latency;
    const proto = run({ protocol: 'grpc', bandwidth: 100, payload }).report.clients.web.latency;
    const bare = run({ protocol: 'http' }).report.clients.web.latency;
    const expected = (protocol: 'http' | 'grpc') =>
      2 * 2 + 2 * PROTOCOL_PROFILES[protocol].overheadMs + 10 + payloadDelay(protocol, 2000, 100) + payloadDelay(protocol, 50_000, 100);
    expect(json.mean).toBeCloseTo(expected('http'), 6);
    expect(proto.mean).toBeCloseTo(expected('grpc'), 6);
    expect(json.mean - proto.mean).toBeGreaterThan(3.5);
    // Without a payload nothing but the protocol's fixed overhead, as before.
    expect(bare.mean).toBeCloseTo(2 * 2 + 2 * 0.3 + 10, 6);
  });
});

describe("HTTP/1.1's connection pool", () => {
  /**
   * The most calls of the run on a connection at once: from their dispatch (a SEND not followed by a wait, or a CONN_ACQUIRE) to their end.
   */
  function mostOnTheWire(sim: Simulation): number {
    const trace = sim.rt.trace,
      waiting = new Set<number>(),
      on = new Set<number>();
    let most = 0;
    for (let i = 0; i < trace.length; i++) {
      const type = trace.type(i),
        c = trace.a(i);
      // A SEND followed at once by the call's CONN_WAIT did not go on the wire.
      if (type === TraceType.SEND && i + 1 < trace.length && trace.type(i + 1) === TraceType.CONN_WAIT && trace.a(i + 1) === c) continue;
      if (type === TraceType.CONN_WAIT) waiting.add(c);
      else if (type === TraceType.SEND) on.add(c);
      else if (type === TraceType.CONN_ACQUIRE) {
        waiting.delete(c);
        on.add(c);
      } else if (type === TraceType.RECEIVE || type === TraceType.TIMEOUT) on.delete(c);
      most = Math.max(most, on.size);
    }
    return most;
  }

  it('never has more calls on the wire than connections: the rest wait, and latency shows it', () => {
    const pooled = run({ connections: 2 }, { rate: 150 });
    const open = run({}, { rate: 150 });
    expect(mostOnTheWire(pooled.sim)).toBe(2);
    expect(mostOnTheWire(open.sim)).toBeGreaterThan(2);
    expect(pooled.report.links['web->api'].connections!.waited).toBeGreaterThan(100);
    // 2 connections × (10 ms + 4.6 ms a round trip) carry 137 a second: at 150 the line grows.
    expect(pooled.report.clients.web.latency.p99).toBeGreaterThan(10 * open.report.clients.web.latency.p99);
  });

  it('never sends a call given up while it waited for a connection (its caller crashed)', () => {
    const s = scenario({
      nodes: [
        { id: 'web', kind: 'client', target: 'front', workload: { pattern: 'constant', rate: 100 } },
        { id: 'front', kind: 'service', workers: 64, serviceTime: 1, calls: [{ to: 'api' }] },
        { id: 'api', kind: 'service', workers: 64, serviceTime: { dist: 'constant', value: 30 } },
      ],
      links: [
        { from: 'web', to: 'front', latency: 1 },
        { from: 'front', to: 'api', latency: 1, connections: 1 },
      ],
      faults: [{ kind: 'crash', target: 'front', at: '2s', duration: '1s' }],
      duration: '5s',
    });
    const sim = new Simulation(s);
    sim.runUntil(s.duration);
    const trace = sim.rt.trace,
      waiting = new Set<number>(),
      givenUp = new Set<number>(),
      arrived = new Set<number>();
    for (let i = 0; i < trace.length; i++) {
      const type = trace.type(i),
        c = trace.a(i);
      if (type === TraceType.CONN_WAIT) waiting.add(c);
      if (type === TraceType.CONN_ACQUIRE) waiting.delete(c);
      if (type === TraceType.ABANDON && waiting.has(c)) givenUp.add(c);
      if (type === TraceType.ARRIVE && trace.node(i) === sim.nodeIndexOf('api')) arrived.add(c);
    }
    // The line of waiting calls (100 a second against 30 ms each) was long when front crashed.
    expect(givenUp.size).toBeGreaterThan(20);
    expect([...givenUp].filter((c) => arrived.has(c))).toEqual([]);
    // After the crash, the pool goes on: calls are sent again.
    expect([...arrived].some((c) => sim.rt.calls.sentAt[c] > 3500)).toBe(true);
  });

  it("is HTTP/1.1's only: gRPC multiplexes", () => {
    const doc = {
      version: 1,
      nodes: [
        { id: 'web', kind: 'client', target: 'api', workload: { pattern: 'constant', rate: 1 } },
        { id: 'api', kind: 'service' },
      ],
      links: [{ from: 'web', to: 'api', protocol: 'grpc', connections: 4 }],
    };
    const result = validateScenario(doc);
    expect(result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      "links[0].connections: a connection pool is HTTP/1.1's: gRPC multiplexes its calls over one HTTP/2 connection (set the protocol to http, or leave connections out)",
    ]);
  });
});

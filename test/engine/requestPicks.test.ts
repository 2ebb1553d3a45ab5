/**
 * A client's requests picked for the waterfall (src/engine/replay/requestPicks.ts), checked against
 * the spans module over the finished simulation: the slowest is as slow as the slowest request
 * that ended; the failed and timed-out picks ended so, the last to end at or before the playhead
 * (else the first after); "at the playhead" is the first sent at or after it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/index.ts';
import { requestSpans, type RequestSpans } from '../../src/engine/replay/spans.ts';
import { spanSourceOf } from '../../src/engine/replay/runSpans.ts';
import { requestPicks } from '../../src/engine/replay/requestPicks.ts';
import { TraceReplay } from '../../src/engine/replay/traceReplay.ts';
import { CallStatus } from '../../src/engine/trace/eventTypes.ts';
import { validateScenario } from '../../src/model/index.ts';
import { RunSession } from '../../src/worker/runSession.ts';

describe.each([
  ['cascade-unprotected', 'users'],
  ['cascade-protected', 'users'],
  ['checkout', 'shoppers'],
])("picks among %s's requests", (name, client) => {
  const result = validateScenario(JSON.parse(readFileSync(new URL(`../../simulations/examples/${name}.json`, import.meta.url), 'utf8')));
  if (!result.ok) throw new Error(`${name} is not valid`);
  const seed = 4;
  const { simulation } = simulate(result.scenario, { seed });
  const session = new RunSession(result.scenario, seed);
  const replay = new TraceReplay(session.topology);
  for (let t = 1000; !replay.done; t += 1000) replay.ingest(session.advance(t, 20_000));
  const node = replay.topology.nodeIds.indexOf(client);
  const mine = requestSpans(spanSourceOf(simulation)).filter((r) => r.spans[r.roots[0]].caller === node);
  const byId = new Map(mine.map((r) => [r.request, r]));
  const ended = mine.filter((r) => r.status !== CallStatus.PENDING);
  const t = result.scenario.duration / 2;

  /** The request of `list` a pick should be: the last to end at or before t, else the first after. */
  const nearest = (list: RequestSpans[]) => {
    const sorted = [...list].sort((a, b) => a.end - b.end);
    return [...sorted].reverse().find((r) => r.end <= t) ?? sorted[0];
  };

  it('agree with the spans of the finished run', () => {
    const picks = requestPicks(replay, node, t);
    expect(ended.length).toBeGreaterThan(0);
    const slowest = byId.get(picks.slowest)!;
    expect(slowest.end - slowest.start).toBeCloseTo(Math.max(...ended.map((r) => r.end - r.start)), 6);
    const failed = ended.filter((r) => r.status !== CallStatus.OK && r.status !== CallStatus.TIMEOUT);
    const timedOut = ended.filter((r) => r.status === CallStatus.TIMEOUT);
    if (failed.length > 0) expect(byId.get(picks.failed)?.end).toBe(nearest(failed).end);
    else expect(picks.failed).toBe(-1);
    if (timedOut.length > 0) expect(byId.get(picks.timedOut)?.end).toBe(nearest(timedOut).end);
    else expect(picks.timedOut).toBe(-1);
    expect(byId.get(picks.atPlayhead)!.start).toBeGreaterThanOrEqual(t);
    expect(mine.filter((r) => r.start >= t && r.request < picks.atPlayhead)).toEqual([]);
    console.log(`${name}: ${mine.length} requests, ${failed.length} failed, ${timedOut.length} timed out`);
  });
});

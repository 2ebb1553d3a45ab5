/**
 * A request's spans read from the page's replay (replayRequestSpans, src/engine/replay/runSpans.ts)
 * are those of the finished simulation (requestSpans over spanSourceOf): for every example, for
 * requests spread over the run, with the replay streamed in batches as the page gets it, and with
 * a long run's window (which forgot the early requests: those answer undefined, never wrong spans).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/engine/index.ts';
import { requestSpans } from '../../src/engine/replay/spans.ts';
import { replayRequestSpans, spanSourceOf } from '../../src/engine/replay/runSpans.ts';
import { TraceReplay } from '../../src/engine/replay/traceReplay.ts';
import { validateScenario, type Scenario } from '../../src/model/index.ts';
import { RunSession } from '../../src/worker/runSession.ts';

const EXAMPLES = new URL('../../simulations/examples/', import.meta.url);
const example = (file: string): Scenario => {
  const result = validateScenario(JSON.parse(readFileSync(new URL(file, EXAMPLES), 'utf8')));
  if (!result.ok) throw new Error(`${file} is not valid`);
  return result.scenario;
};

function play(scenario: Scenario, seed: number, windowRows?: number): TraceReplay {
  const session = new RunSession(scenario, seed);
  const replay = new TraceReplay(session.topology, { windowRows });
  for (let t = 500; !replay.done; t += 500) replay.ingest(session.advance(t, 4000));
  return replay;
}

describe.each(readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')))('spans from the replay of %s', (file) => {
  const scenario = example(file);
  const seed = 7;
  const { simulation } = simulate(scenario, { seed });
  const all = requestSpans(spanSourceOf(simulation));
  const replay = play(scenario, seed);

  it("are the simulation's, request for request", () => {
    expect(all.length).toBeGreaterThan(0);
    const step = Math.max(1, Math.floor(all.length / 40));
    for (let i = 0; i < all.length; i += step) {
      expect(replayRequestSpans(replay, all[i].request), `request ${all[i].request}`).toEqual(all[i]);
    }
  });

  it("name no request for a call that is not a request's first", () => {
    const inner = all.find((r) => r.spans.length > 1);
    if (inner) expect(replayRequestSpans(replay, inner.spans[1].call)).toBeUndefined();
  });
});

describe('spans from a windowed replay', () => {
  const scenario = { ...example('checkout.json'), duration: example('checkout.json').duration * 3 };
  const { simulation } = simulate(scenario, { seed: 3 });
  const all = requestSpans(spanSourceOf(simulation));
  const replay = play(scenario, 3, 12_000);

  it('forgot the early requests and reads the late ones exactly', () => {
    expect(replayRequestSpans(replay, all[0].request)).toBeUndefined();
    const late = all.slice(-30).filter((r) => r.end < replay.horizon);
    expect(late.length).toBeGreaterThan(0);
    for (const r of late) expect(replayRequestSpans(replay, r.request)).toEqual(r);
  });
});

/** Small helpers for tests that run generated scenarios (see test/support/arbitraries.ts). */
import fc from 'fast-check';
import { expect } from 'vitest';
import { validateScenario, type Scenario, type ScenarioInput } from '../../src/model/index.ts';
import { Simulation } from '../../src/engine/index.ts';
import { TraceReplay } from '../../src/engine/replay/traceReplay.ts';
import { RunSession } from '../../src/worker/runSession.ts';

/** Validates a generated document; throws (printing the problems) if the generator produced an invalid one. */
export function parse(doc: ScenarioInput): Scenario {
  const result = validateScenario(doc);
  if (!result.ok) throw new Error(`generated an invalid scenario: ${JSON.stringify(result.problems)}`);
  return result.scenario;
}

/**
 * Runs a scenario in chunks: `runUntil` at each cut point (optionally in slices of `maxEvents`),
 * then to the end, checking `runUntil`'s contract on the way: a full chunk leaves the clock at the
 * cut with nothing due at or before it; a sliced one runs at most `maxEvents` events and always
 * makes progress (so an engine that stalls fails here instead of hanging the test).
 */
export function runChunked(scenario: Scenario, seed: number, cuts: readonly { at: number; maxEvents?: number }[]): Simulation {
  const sim = new Simulation(scenario, { seed });
  const fullChunk = (at: number) => {
    sim.runUntil(at);
    if (sim.nextEventTime <= at) throw new Error(`runUntil(${at}) left an event due at ${sim.nextEventTime}`);
    if (sim.now !== at) throw new Error(`runUntil(${at}) left the clock at ${sim.now}`);
  };
  for (const cut of cuts) {
    if (cut.maxEvents === undefined) {
      fullChunk(cut.at);
      continue;
    }
    const maxEvents = cut.maxEvents;
    while (sim.nextEventTime <= cut.at) {
      const before = sim.events;
      sim.runUntil(cut.at, maxEvents);
      const ran = sim.events - before;
      if (ran > maxEvents) throw new Error(`runUntil(${cut.at}, ${maxEvents}) ran ${ran} events`);
      if (ran === 0) throw new Error(`runUntil(${cut.at}, ${maxEvents}) made no progress at ${sim.now}`);
    }
    fullChunk(cut.at);
  }
  fullChunk(scenario.duration);
  return sim;
}

/** True when a scenario contains something that must make its trace depend on the seed. */
export function hasGuaranteedRandomness(scenario: Scenario): boolean {
  // The `guaranteed` generator's marker: a Poisson client sending from 0 to the end at ≥ 10 req/s.
  return scenario.nodes.some(
    (n) =>
      n.kind === 'client' &&
      n.workload.pattern === 'poisson' &&
      n.workload.rate >= 10 &&
      n.workload.start === undefined &&
      n.workload.stop === undefined,
  );
}

/**
 * A whole run streamed into a replay as the playground gets it: batches of at most `maxEvents`
 * events, the horizon asked for moving on by `stepMs` each time.
 */
export function replayInBatches(scenario: Scenario, stepMs: number, maxEvents: number): TraceReplay {
  const session = new RunSession(scenario);
  const replay = new TraceReplay(session.topology);
  for (let until = 0; !replay.done; until += stepMs) replay.ingest(session.advance(until, maxEvents));
  return replay;
}

/**
 * The determinism property over generated documents: the same scenario and seed give the same
 * trace hash twice, and when run in chunks cut at random times (fast-check runs `numRuns` with `seed`).
 */
export function assertDeterministic(
  documents: fc.Arbitrary<ScenarioInput>,
  options: { readonly numRuns: number; readonly seed: number },
): void {
  fc.assert(
    fc.property(documents, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 3 }), (doc, fractions) => {
      const scenario = parse(doc);
      const once = new Simulation(scenario);
      once.runUntil(scenario.duration);
      const again = new Simulation(scenario);
      again.runUntil(scenario.duration);
      expect(again.rt.trace.hash()).toBe(once.rt.trace.hash());
      const cuts = fractions
        .map((f) => Math.floor(f * scenario.duration))
        .sort((a, b) => a - b)
        .map((at) => ({ at }));
      expect(runChunked(scenario, scenario.seed, cuts).rt.trace.hash()).toBe(once.rt.trace.hash());
    }),
    options,
  );
}

/** Small builders for test scenarios: a document with sensible defaults, parsed and validated. */
import { parseScenario, type Scenario, type ScenarioInput } from '../../src/model/index.ts';
import { readFileSync } from 'node:fs';
import { buildReport, Simulation } from '../../src/engine/index.ts';

type NodeInput = ScenarioInput['nodes'][number];
type LinkInput = NonNullable<ScenarioInput['links']>[number];
type FaultInput = NonNullable<ScenarioInput['faults']>[number];
type ChangeInput = NonNullable<ScenarioInput['changes']>[number];

/** A validated scenario from parts; links default to a constant 1 ms over gRPC. */
export function scenario(parts: {
  nodes: NodeInput[];
  links?: LinkInput[];
  faults?: FaultInput[];
  changes?: ChangeInput[];
  duration?: number | string;
  seed?: number;
}): Scenario {
  return parseScenario({
    version: 1,
    seed: parts.seed ?? 1,
    duration: parts.duration ?? '10s',
    nodes: parts.nodes,
    links: parts.links ?? [],
    faults: parts.faults ?? [],
    changes: parts.changes ?? [],
  });
}

/** A shipped example, validated. */
export function example(name: string): Scenario {
  return parseScenario(JSON.parse(readFileSync(new URL(`../../simulations/examples/${name}.json`, import.meta.url), 'utf8')));
}

/** Runs a validated scenario to its end (or to `until`): the simulation and its report. */
export function runToEnd(s: Scenario, until: number = s.duration): { sim: Simulation; report: ReturnType<typeof buildReport> } {
  const sim = new Simulation(s);
  sim.runUntil(until);
  return { sim, report: buildReport(sim) };
}

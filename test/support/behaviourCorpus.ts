/**
 * The scenarios whose behaviour is pinned (test/engine/behaviourPins.test.ts): every shipped
 * example, every lesson's starting system and its reference solution, and a fixed set of
 * generated scenarios from every generator in test/support (fc.sample with a fixed seed, so the
 * set is the same on every run as long as the generators are).
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { ScenarioInput } from '../../src/model/index.ts';
import { parseLesson } from '../../src/lessons/check.ts';
import { applySolution } from '../../src/lessons/lessonSchema.ts';
import { scenarioArbitrary } from './arbitraries/index.ts';
import { queueScenarioArbitrary } from './arbitraries/queues.ts';
import { replicaScenarioArbitrary } from './arbitraries/replicas.ts';
import { replicatedQueueArbitrary, replicatedStreamArbitrary } from './arbitraries/replicatedConsumers.ts';
import { streamScenarioArbitrary } from './arbitraries/streams.ts';
import { policyChangeScenarioArbitrary, policyScenarioArbitrary } from './policies/policyArbitrary.ts';

/** One pinned scenario: its key in the pin file and its document. */
export interface CorpusEntry {
  readonly key: string;
  readonly document: unknown;
}

/** A group of pinned scenarios: its keys all start with `${name}/`. */
export interface CorpusGroup {
  readonly name: string;
  readonly entries: () => readonly CorpusEntry[];
}

const simulations = new URL('../../simulations/', import.meta.url);
const jsonFiles = (dir: URL) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
const readJson = (url: URL): unknown => JSON.parse(readFileSync(url, 'utf8'));

/** Every shipped example, keyed `example/<file name without .json>`. */
export const examples: CorpusGroup = {
  name: 'example',
  entries: () => {
    const dir = new URL('examples/', simulations);
    return jsonFiles(dir).map((f) => ({ key: `example/${f.replace(/\.json$/, '')}`, document: readJson(new URL(f, dir)) }));
  },
};

/**
 * Every lesson's starting system and reference solution, keyed `lesson/<id>/start` and
 * `lesson/<id>/solution` (run as src/lessons/check.ts runs them).
 */
export const lessons: CorpusGroup = {
  name: 'lesson',
  entries: () => {
    const dir = new URL('lessons/', simulations);
    return jsonFiles(dir).flatMap((f) => {
      const lesson = parseLesson(readJson(new URL(f, dir)));
      return [
        { key: `lesson/${lesson.id}/start`, document: lesson.scenario },
        { key: `lesson/${lesson.id}/solution`, document: applySolution(lesson) },
      ];
    });
  },
};

/**
 * Generated scenarios: per generator, `count` documents from `fc.sample` with a fixed seed, keyed
 * `generated/<family>/<index>`. Together they exercise every feature the generators know (plain
 * call graphs with faults and changes, resilience policies, queues and topics, event streams,
 * replicas with balancing, discovery, health checks, gateways, replicated consumers).
 */
interface Family {
  readonly family: string;
  readonly arbitrary: fc.Arbitrary<ScenarioInput>;
  readonly seed: number;
  readonly count: number;
}

const families: readonly Family[] = [
  { family: 'plain', arbitrary: scenarioArbitrary({ randomness: 'any' }), seed: 2101, count: 140 },
  { family: 'policies', arbitrary: policyScenarioArbitrary({ randomness: 'any' }), seed: 2102, count: 90 },
  { family: 'policyChanges', arbitrary: policyChangeScenarioArbitrary({ randomness: 'any' }), seed: 2103, count: 50 },
  { family: 'queues', arbitrary: queueScenarioArbitrary, seed: 2104, count: 70 },
  { family: 'streams', arbitrary: streamScenarioArbitrary, seed: 2105, count: 60 },
  { family: 'replicas', arbitrary: replicaScenarioArbitrary, seed: 2106, count: 70 },
  { family: 'replicatedQueues', arbitrary: replicatedQueueArbitrary, seed: 2107, count: 30 },
  { family: 'replicatedStreams', arbitrary: replicatedStreamArbitrary, seed: 2108, count: 30 },
];

/** One group per generator family, keyed `generated/<family>/<index>`. */
export const generated: readonly CorpusGroup[] = families.map(({ family, arbitrary, seed, count }) => ({
  name: `generated/${family}`,
  entries: () =>
    fc
      .sample(arbitrary, { seed, numRuns: count })
      .map((document, i) => ({ key: `generated/${family}/${String(i).padStart(3, '0')}`, document })),
}));

/** Generated scenarios in all. */
export const GENERATED_COUNT = families.reduce((sum, f) => sum + f.count, 0);

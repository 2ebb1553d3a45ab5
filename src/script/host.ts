/**
 * The host side of the script API: what the sandbox's `run()`, `problems()`, `open()` and the
 * publishing functions call. Everything arrives as JSON text from untrusted code, so it is
 * validated here (the model's validation for systems, a small schema for published items) before
 * it reaches the engine or the page. The engine runs natively, here, never inside the sandbox.
 */
import { z } from 'zod';
import {
  describeMore,
  describeProblem,
  formatRunLength,
  parseDuration,
  summarizeProblems,
  validateScenario,
  withDuration,
  type ValidationResult,
} from '../model/index.ts';
import { estimateRun, formatCount, simulate } from '../engine/index.ts';
import type { PreludeHost } from './api/prelude.ts';
import type { ScriptError, ScriptItem } from './output.ts';

/** Thrown by a host function to stop the script for good (an invalid system, a refused feature). */
export class ScriptStop extends Error {
  constructor(readonly error: ScriptError) {
    super(error.message);
  }
}

const Cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);
/** What the prelude publishes; anything else is a bug or a script tampering with the prelude. */
const PublishedItem = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('table'), title: z.string().optional(), columns: z.array(z.string()), rows: z.array(z.array(Cell)) }),
  z.strictObject({
    kind: z.literal('chart'),
    title: z.string().optional(),
    xLabel: z.string().optional(),
    yLabel: z.string().optional(),
    // JSON has no NaN: a point that was NaN arrives as null.
    series: z.array(
      z.strictObject({
        name: z.string(),
        points: z.array(
          z.tuple([z.number().nullable(), z.number().nullable()]).transform(([x, y]) => [x ?? NaN, y ?? NaN] as [number, number]),
        ),
      }),
    ),
  }),
  z.strictObject({ kind: z.literal('check'), name: z.string(), passed: z.boolean(), detail: z.string().optional() }),
  z.strictObject({ kind: z.literal('log'), text: z.string() }),
]);

const RunOptionsSchema = z.strictObject({
  seed: z
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .optional(),
  until: z.union([z.number(), z.string()]).optional(),
});

/** Estimated events (trace rows) one run() may take: some seconds of engine time (the estimate is within about 2x). */
export const SCRIPT_MAX_EVENTS = 3e7;

/** Runs whose services' timelines a script can still read (each is about 100 kB for reference.json). */
export const KEPT_TIMELINES = 200;

/** The problem list an import shows, as sentences. */
export function problemSentences(result: Extract<ValidationResult, { ok: false }>): string[] {
  const summary = summarizeProblems(result.problems, result.omittedProblems);
  const more = describeMore(summary);
  return [...summary.shown.map(describeProblem), ...(more ? [more] : [])];
}

/** The host functions of one script run, publishing into `items`. */
export function createHost(scriptSeed: number, publish: (item: ScriptItem) => void): PreludeHost {
  /** Per run() so far: its services' timelines by id (`id#i` for instance i), until it is too old. */
  const timelines: (Map<string, unknown> | undefined)[] = [];
  const parse = (text: string): unknown => JSON.parse(text) as unknown;
  const valid = (text: string, what: string) => {
    const result = validateScenario(parse(text));
    if (!result.ok) {
      const problems = problemSentences(result);
      throw new ScriptStop({
        kind: 'invalid-system',
        message: `${what} a system that is not valid (${problems.length} problem${problems.length === 1 ? '' : 's'})`,
        problems,
      });
    }
    return result.scenario;
  };
  return {
    run(scenarioText, optionsText) {
      const options = RunOptionsSchema.safeParse(parse(optionsText));
      if (!options.success)
        throw new TypeError('run(system, options): options are { seed?: a whole number from 0 to 4294967295, until?: a duration }');
      const until = options.data.until === undefined ? undefined : parseDuration(options.data.until);
      if (options.data.until !== undefined && !(until !== undefined && until > 0))
        throw new TypeError(`run(): until must be a duration like 250ms, 60s or 5m (got ${JSON.stringify(options.data.until)})`);
      const input = parse(scenarioText) as { seed?: unknown };
      const scenario = withDuration(valid(scenarioText, 'run() was given'), until);
      // The run's seed: the options', else the system's own, else the script's.
      const seed = options.data.seed ?? (input.seed === undefined ? scriptSeed : scenario.seed);
      // The engine cannot be interrupted mid-run: a run far beyond the time limit is refused up front.
      const estimate = estimateRun(scenario, { keeps: 'none' });
      if (!(estimate.events <= SCRIPT_MAX_EVENTS)) {
        throw new RangeError(
          `run(): simulating ${formatRunLength(estimate.until)} of this system would take about ${formatCount(estimate.events)} events, beyond a script's ${formatCount(SCRIPT_MAX_EVENTS)} per run: run it shorter (until) or with less load`,
        );
      }
      const report = simulate(scenario, { seed, record: 'summary' }).report;
      // The timelines are most of a report (600 points per series and node): they cross into the
      // sandbox only when the script reads one (the prelude's getters call `timeline`).
      const run = String(timelines.length);
      const kept = new Map<string, unknown>();
      if (timelines.length >= KEPT_TIMELINES) timelines[timelines.length - KEPT_TIMELINES] = undefined;
      timelines.push(kept);
      const nodes: Record<string, unknown> = {};
      for (const [id, { timeline, instances, ...rest }] of Object.entries(report.nodes)) {
        kept.set(id, timeline);
        instances?.forEach((instance, i) => kept.set(`${id}#${i}`, instance.timeline));
        nodes[id] = { ...rest, ...(instances && { instances: instances.map(({ timeline: _, ...instance }) => instance) }) };
      }
      return JSON.stringify({ run, report: { ...report, nodes } });
    },
    timeline(run, key) {
      const kept = timelines[Number(run)];
      if (!kept) throw new Error(`the timelines of only the last ${KEPT_TIMELINES} runs are kept: read a timeline before running on`);
      return JSON.stringify(kept.get(key) ?? null);
    },
    problems(scenarioText) {
      const result = validateScenario(parse(scenarioText));
      return JSON.stringify(result.ok ? [] : problemSentences(result));
    },
    open(scenarioText, title) {
      const scenario = valid(scenarioText, 'open() was given');
      publish({ kind: 'open', ...(title !== undefined && { title }), scenario });
    },
    emit(itemText) {
      const item = PublishedItem.safeParse(parse(itemText));
      if (!item.success) throw new TypeError(`could not publish this item: ${item.error.issues[0]?.message ?? 'unexpected shape'}`);
      publish(item.data as ScriptItem);
    },
    refuse(message) {
      throw new ScriptStop({ kind: 'refused', message });
    },
  };
}

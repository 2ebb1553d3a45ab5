/**
 * What a lesson's steps ask the learner to watch happens within the run: for every step of every
 * lesson, each of its `watch` entries is checked on the trace of the system the learner has at
 * that step (the start, the solution, or the start with the step's edits). A step whose text asks
 * to watch something must say what in `watch`. And the checker itself: it tells a breaker that
 * goes HALF_OPEN from one that never does (lesson 6 with the breaker's defaults, as the lesson
 * once let the learner build), counts as the report does, and honours `never` and time windows.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate, type RunReport, type Simulation } from '../../src/engine/index.ts';
import { parseScenario, type ScenarioInput } from '../../src/model/index.ts';
import { checkLesson, parseLesson } from '../../src/lessons/check.ts';
import { applySolution, type Lesson } from '../../src/lessons/lessonSchema.ts';
import { observe, systemOf } from '../../src/lessons/watch.ts';
import { WatchSchema, type Watch } from '../../src/lessons/watchSchema.ts';

const dir = new URL('../../simulations/lessons/', import.meta.url);
const lessons = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => parseLesson(JSON.parse(readFileSync(new URL(f, dir), 'utf8'))))
  .sort((a, b) => a.order - b.order);
const byId = (id: string) => lessons.find((l) => l.id === id)!;

/** One run per distinct system (several watches share the start or the solution). */
const runs = new Map<string, { simulation: Simulation; report: RunReport }>();
function runOf(doc: ScenarioInput): { simulation: Simulation; report: RunReport } {
  const key = JSON.stringify(doc);
  let run = runs.get(key);
  if (!run) {
    run = simulate(parseScenario(doc));
    runs.set(key, run);
  }
  return run;
}
const watchIn = (lesson: Lesson, watch: Watch) => {
  const { simulation, report } = runOf(systemOf(lesson, watch));
  return observe(watch, simulation, report);
};
const watch = (w: Record<string, unknown>): Watch => WatchSchema.parse(w);

describe.each(lessons.map((l) => [`${l.order} ${l.id}`, l] as const))('lesson %s', (_name, lesson) => {
  const watched = lesson.steps.flatMap((step, s) =>
    (step.watch ?? []).map((w, k) => [`step ${s + 1}, watch ${k + 1}: ${w.kind}${w.never ? ' (never)' : ''}`, w] as const),
  );

  it('says what a step asks to watch: a step whose text says "watch" has a watch list', () => {
    for (const [s, step] of lesson.steps.entries()) {
      if (/\bwatch\b/i.test(step.text)) expect({ step: s + 1, watch: step.watch?.length ?? 0 }).not.toEqual({ step: s + 1, watch: 0 });
    }
  });

  it("watches only systems the learner can build: a step's edits change only what the lesson lets them change", () => {
    for (const [, w] of watched) {
      if (typeof w.in === 'string') continue;
      for (const id of [...Object.keys(w.in.nodes), ...Object.keys(w.in.links)]) expect(lesson.editable).toContain(id);
    }
  });

  it.runIf(watched.length > 0).each(watched)('%s happens within the run', (_label, w) => {
    const result = watchIn(lesson, w);
    expect(result.seen, result.what).toBe(true);
  });
});

describe('what the checker sees', () => {
  const breakers = byId('circuit-breakers');
  // What lesson 6 once asked for: "put a circuit breaker on the link … add a fallback", no figures, so resilience4j's defaults.
  const withDefaults = { links: { 'order->payment': { breaker: {}, fallback: { kind: 'static' } } } };

  it("lesson 6 with the breaker's defaults: it opens only after 50 failures and never goes HALF_OPEN in the 60 s run", () => {
    const open = watchIn(breakers, watch({ kind: 'breaker', link: 'order->payment', state: 'OPEN', in: withDefaults }));
    expect(open.seen).toBe(true);
    const goals = checkLesson(breakers, applySolution(breakers, { nodes: {}, ...withDefaults }));
    expect(goals.ok && goals.goals[0].measuredText).toBe('the breaker on order->payment opened after 50 failed calls');
    const half = watchIn(breakers, watch({ kind: 'breaker', link: 'order->payment', state: 'HALF_OPEN', in: withDefaults }));
    expect(half).toEqual({ seen: false, what: 'the breaker on order->payment never went to HALF_OPEN in the 1m run' });
    expect(
      watchIn(breakers, watch({ kind: 'breaker', link: 'order->payment', state: 'HALF_OPEN', in: withDefaults, never: true })).seen,
    ).toBe(true);
  });

  it('lesson 6 as its step 2 has it set (last 10 calls, 10 minimum, 5 s open): it opens after the 5 failures the step quotes', () => {
    expect(breakers.steps[1].text).toContain('5 failures here');
    const goals = checkLesson(breakers, applySolution(breakers));
    expect(goals.ok && goals.goals[0].measuredText).toBe('the breaker on order->payment opened after 5 failed calls');
  });

  it('counts calls, retries and timeouts as the report does, and only those in the window', () => {
    const lesson = byId('retries');
    const { report } = runOf(applySolution(lesson));
    const calls = watchIn(lesson, watch({ kind: 'calls', link: 'api->db', in: 'solution', atLeast: 1 }));
    expect(calls.what).toBe(`${report.links['api->db'].calls} calls went over api->db`);
    const retries = watchIn(lesson, watch({ kind: 'retries', link: 'api->db', in: 'solution' }));
    expect(retries.what).toBe(`${report.links['api->db'].retries} retries went over api->db`);
    const outage = watchIn(lesson, watch({ kind: 'calls', link: 'api->db', in: 'solution', from: '20s', to: '30s' }));
    const before = watchIn(lesson, watch({ kind: 'calls', link: 'api->db', in: 'solution', to: '20s' }));
    const after = watchIn(lesson, watch({ kind: 'calls', link: 'api->db', in: 'solution', from: '30s' }));
    const n = (w: { what: string }) => Number(/^\d+/.exec(w.what)![0]);
    expect(n(before) + n(outage) + n(after)).toBe(report.links['api->db'].calls);
    expect(watchIn(lesson, watch({ kind: 'calls', link: 'api->db', in: 'solution', atLeast: n(calls) + 1 })).seen).toBe(false);
    expect(watchIn(lesson, watch({ kind: 'calls', link: 'api->db', in: 'solution', atMost: n(calls) - 1 })).seen).toBe(false);
  });

  it('counts a caller\'s own "no instance known" failures as refusals for noInstance (they are trace rows of their own, not a callee\'s refusal)', () => {
    const lesson = byId('registry-outage');
    const after = watchIn(
      lesson,
      watch({ kind: 'refused', node: 'lb', reasons: ['noInstance'], atLeast: 20, from: '50s', in: 'solution' }),
    );
    expect(after.seen, after.what).toBe(true);
    // While the registry is down the balancer's stale cache always lists instances: none before 50 s.
    expect(watchIn(lesson, watch({ kind: 'refused', node: 'lb', reasons: ['noInstance'], to: '50s', in: 'solution' })).seen).toBe(false);
    // The instances never count the balancer's failures as their own.
    expect(watchIn(lesson, watch({ kind: 'refused', node: 'catalog', reasons: ['noInstance'], in: 'solution' })).seen).toBe(false);
  });

  it("reads a queue's backlog as the report does: its peak and what is left", () => {
    const lesson = byId('going-async');
    const { report } = runOf(applySolution(lesson));
    const q = report.queues['order-placed'];
    const seen = watchIn(
      lesson,
      watch({ kind: 'backlog', broker: 'order-placed', in: 'solution', atLeast: q.maxDepth, drainsTo: q.ready }),
    );
    expect(seen.seen).toBe(true);
    expect(seen.what).toMatch(new RegExp(`reached ${q.maxDepth} ready messages at .*, ${q.ready} left at the end`));
    expect(watchIn(lesson, watch({ kind: 'backlog', broker: 'order-placed', in: 'solution', atLeast: q.maxDepth + 1 })).seen).toBe(false);
    // Before the outage the queue keeps up: no backlog to speak of.
    expect(watchIn(lesson, watch({ kind: 'backlog', broker: 'order-placed', in: 'solution', atLeast: 20, to: '20s' })).seen).toBe(false);
  });
});

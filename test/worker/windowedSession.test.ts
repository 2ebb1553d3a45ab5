/**
 * The worker forgets trace rows once it has sent them (runSession.ts), so a long run holds a
 * bounded number of rows: what it sends, its hash, and a lesson's goals set in the middle of the
 * run (which read the trace from its start) must be what a run keeping every row gives.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/model/index.ts';
import { parseLesson } from '../../src/lessons/check.ts';
import { applySolution } from '../../src/lessons/lessonSchema.ts';
import { CHUNK_ROWS } from '../../src/engine/trace/traceLog.ts';
import { RunSession, type GoalPoint, type SessionBatch } from '../../src/worker/runSession.ts';

const reference = parseScenario(JSON.parse(readFileSync(new URL('../../simulations/examples/reference.json', import.meta.url), 'utf8')));
const lesson = parseLesson(JSON.parse(readFileSync(new URL('../../simulations/lessons/circuit-breakers.json', import.meta.url), 'utf8')));

describe('a run session that forgets the rows it sent', () => {
  it('sends the same batches and hash as one keeping every row, holding at most a batch and two chunks', () => {
    const forgetful = new RunSession(reference, 7);
    const keeping = new RunSession(reference, 7, { keepRows: Infinity });
    let most = 0,
      sent = 0;
    for (let until = 0; ; until += 700) {
      const a = forgetful.advance(until, 3000),
        b = keeping.advance(until, 3000);
      expect(a).toEqual(b);
      sent += a.rows.times.length;
      most = Math.max(most, forgetful.rowsHeld - a.rows.times.length);
      if (a.done || until > 20_000) break;
    }
    expect(sent).toBeGreaterThan(50_000);
    expect(most).toBeLessThan(CHUNK_ROWS);
    expect(keeping.rowsHeld).toBe(sent);
    expect(forgetful.traceHash()).toBe(keeping.traceHash());
    expect(forgetful.rowsHeld).toBeLessThan(keeping.rowsHeld / 10);
  });

  it('measures goals set mid-run as a run keeping every row does (a breaker goal reads the trace from its start)', () => {
    const scenario = parseScenario(applySolution(lesson));
    const run = (keepRows: number) => {
      const session = new RunSession(scenario, 3, { keepRows });
      const points: GoalPoint[] = [];
      const take = (batch: SessionBatch) => points.push(...(batch.goalPoints?.points ?? []));
      for (let until = 0; until < scenario.duration * 0.8; until += 1000) take(session.advance(until, 2000));
      const forgot = session.rowsHeld;
      points.push(...session.setGoals(1, lesson.goals));
      for (let until = scenario.duration * 0.8; ; until += 1000) {
        const batch = session.advance(until, 2000);
        take(batch);
        if (batch.done) break;
      }
      return { points, forgot, hash: session.traceHash() };
    };
    const forgetful = run(0),
      keeping = run(Infinity);
    expect(forgetful.forgot).toBeLessThan(keeping.forgot); // the first had forgotten rows when the goals came
    expect(forgetful.points).toEqual(keeping.points);
    expect(forgetful.points.length).toBe(200);
    expect(forgetful.hash).toBe(keeping.hash);
  });
});

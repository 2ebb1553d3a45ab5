/**
 * The fault menu's actions as data: what applies to what, and the schedule entries they make
 * (valid under the scenario schema), and how faults read on the timeline.
 */
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/model/index.ts';
import { applyCommand } from '../../src/store/document/commands.ts';
import {
  actionsFor,
  buildFault,
  defaultValues,
  fieldProblem,
  resolveTarget,
  type FaultAction,
  type FaultTarget,
} from '../../src/ui/faults/faultActions.ts';
import { describeFault, describeFaultWithTime, faultWindow } from '../../src/ui/faults/faultLabels.ts';
import { webAndApi } from './playbackSupport.tsx';

const api = resolveTarget(webAndApi, { kind: 'node', id: 'api' }) as FaultTarget;
const link = resolveTarget(webAndApi, { kind: 'link', id: 'web->api' }) as FaultTarget;
const action = (target: FaultTarget, id: string) => actionsFor(target).find((a) => a.id === id) as FaultAction;

describe('fault actions', () => {
  it('resolve what the canvas names, and offer service faults, link faults, and nothing for a client', () => {
    expect(api).toEqual({ kind: 'service', id: 'api', name: 'api' });
    expect(link).toEqual({ kind: 'link', id: 'web->api', name: 'web->api', from: 'web', to: 'api' });
    expect(resolveTarget(webAndApi, { kind: 'node', id: 'gone' })).toBeUndefined();
    expect(actionsFor(api).map((a) => a.id)).toEqual(['crash', 'slow', 'errors']);
    expect(actionsFor(link).map((a) => a.id)).toEqual(['latency', 'loss', 'partition']);
    expect(actionsFor(resolveTarget(webAndApi, { kind: 'node', id: 'web' }) as FaultTarget)).toEqual([]);
  });

  it('have the defaults the playground promises', () => {
    expect(defaultValues(action(api, 'crash'))).toEqual({ seconds: 5 });
    expect(defaultValues(action(api, 'slow'))).toEqual({ factor: 4, seconds: 10 });
    expect(defaultValues(action(api, 'errors'))).toEqual({ percent: 50, seconds: 10 });
    expect(defaultValues(action(link, 'latency'))).toEqual({ ms: 200, seconds: 10 });
    expect(defaultValues(action(link, 'loss'))).toEqual({ percent: 30, seconds: 10 });
    expect(defaultValues(action(link, 'partition'))).toEqual({ seconds: 10 });
  });

  it('build schedule entries at the given time that the schema accepts', () => {
    const at = 1234.5;
    const faults = [
      buildFault('crash', api, { seconds: 5 }, at),
      buildFault('slow', api, { factor: 4, seconds: 10 }, at),
      buildFault('errors', api, { percent: 50, seconds: 0.1 }, at),
      buildFault('latency', link, { ms: 200, seconds: 10 }, at),
      buildFault('loss', link, { percent: 30, seconds: 10 }, at),
      buildFault('partition', link, { seconds: 10 }, at, 'both'),
      buildFault('partition', link, { seconds: 10 }, at, 'backward'),
    ];
    expect(faults).toEqual([
      { kind: 'crash', target: 'api', at, duration: 5000 },
      { kind: 'slow', target: 'api', at, duration: 10_000, factor: 4 },
      { kind: 'errors', target: 'api', at, duration: 100, rate: 0.5 },
      { kind: 'latency', link: 'web->api', at, duration: 10_000, add: 200 },
      { kind: 'loss', link: 'web->api', at, duration: 10_000, rate: 0.3 },
      { kind: 'partition', between: ['web', 'api'], oneWay: false, at, duration: 10_000 },
      { kind: 'partition', between: ['api', 'web'], oneWay: true, at, duration: 10_000 },
    ]);
    const doc = faults.reduce((d, fault) => applyCommand(d, { type: 'addFault', fault }), webAndApi);
    expect(validateScenario(doc).ok).toBe(true);
    expect(() => buildFault('crash', link, { seconds: 1 }, 0)).toThrow(/does not apply/);
  });

  it("check their numbers against the fields' bounds", () => {
    const [factor, seconds] = action(api, 'slow').fields;
    expect(fieldProblem(factor, 0.5)).toBe('must be at least 1');
    expect(fieldProblem(factor, 2000)).toBe('must be at most 1000');
    expect(fieldProblem(seconds, NaN)).toBe('must be a number');
    expect(fieldProblem(seconds, 0)).toMatch(/at least|greater/);
    expect(fieldProblem(seconds, 3)).toBeUndefined();
  });
});

describe('fault labels', () => {
  it('say what a fault does, to what, and when', () => {
    expect(describeFault({ kind: 'slow', target: 'api', at: 0, factor: 4 })).toBe('Slow down api ×4');
    expect(describeFault({ kind: 'latency', link: 'a->b', at: 0, add: '200ms' })).toBe('Latency spike +200ms on a->b');
    expect(describeFault({ kind: 'partition', between: ['a', 'b'], oneWay: true, at: 0 })).toBe('Partition a → b');
    expect(describeFaultWithTime({ kind: 'crash', target: 'api', at: '12.3s', duration: 5000 })).toBe('Crash api at 12.3s for 5s');
    expect(faultWindow({ kind: 'errors', target: 'api', at: '2s', rate: 0.1 })).toEqual({ start: 2000, end: undefined });
    expect(faultWindow({ kind: 'errors', target: 'api', at: 'soon', rate: 0.1 })).toBeUndefined();
  });
});

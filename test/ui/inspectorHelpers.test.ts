/**
 * The inspector's pure parts: looking up the schema's descriptions and defaults by path, reading
 * typed text, rearranging a call plan, switching distributions and workload patterns.
 */
import { describe, expect, it } from 'vitest';
import { defaultAt, describeAt, describeVariant } from '../../src/ui/inspector/schemaInfo.ts';
import {
  parseDurationText,
  parseLimitText,
  parseNumberText,
  parsePercentText,
  formatPercentText,
} from '../../src/ui/inspector/fieldText.ts';
import { joinWithNext, makeSequential, moveStep, removeCall, nextCallee } from '../../src/ui/inspector/callPlan.ts';
import { switchDistribution } from '../../src/ui/inspector/distributions.ts';
import { switchPattern } from '../../src/ui/inspector/workloads.ts';
import { isWithin, sameValue } from '../../src/ui/inspector/edits.ts';
import { system } from './inspectorSupport.tsx';

describe('schema descriptions and defaults by path', () => {
  it('follows the document through unions to the right branch', () => {
    const doc = {
      ...system,
      nodes: [{ id: 'c', kind: 'client', target: 's', workload: { pattern: 'ramp', from: 0, to: 5, over: '1s' } }, system.nodes[1]],
    };
    expect(describeAt(doc, ['nodes', 0, 'workload', 'over'])).toBe('How long the ramp takes; the rate then stays at `to`.');
    expect(describeAt(doc, ['nodes', 1, 'calls', 0, 'to'])).toBe('The service to call (over the link to it).');
    expect(describeVariant(doc, ['nodes', 1, 'serviceTime'])).toMatch(/^Memoryless/);
    expect(describeVariant(doc, ['nodes', 1, 'serviceTime'], { dist: 'pareto', scale: 1, shape: 2 })).toMatch(/^Heavy tail/);
    expect(defaultAt(doc, ['nodes', 1, 'workers'])).toBe(4);
    expect(defaultAt(doc, ['links', 0, 'protocol'])).toBe('http');
    expect(defaultAt(doc, ['duration'])).toBe(60_000);
  });

  it("prefers a field's own words over a generic type description, and falls back", () => {
    expect(describeAt(system, ['nodes', 1, 'serviceTime', 'mean'], 'The average.')).toBe('The average.');
    expect(describeAt(system, ['name'], 'Shown in the title.')).toBe('Shown in the title.');
    expect(describeAt(system, ['nodes', 0, 'nope'], 'x')).toBe('x');
  });
});

describe('typed text', () => {
  it('reads numbers, durations, percentages and limits, and says what is wrong', () => {
    expect(parseNumberText(' 12 ')).toEqual({ ok: true, value: 12 });
    expect(parseNumberText('')).toEqual({ ok: true, value: undefined });
    expect(parseNumberText('x')).toEqual({ ok: false, error: 'must be a number' });
    expect(parseDurationText('2s')).toEqual({ ok: true, value: '2s' });
    expect(parseDurationText('250')).toEqual({ ok: true, value: 250 });
    expect(parseDurationText('-5ms')).toEqual({ ok: false, error: 'must not be negative' });
    expect(parseDurationText('5 parsecs').ok).toBe(false);
    expect(parsePercentText('12.3 %')).toEqual({ ok: true, value: 0.123 });
    expect(parsePercentText('101').ok).toBe(false);
    expect(formatPercentText(0.123)).toBe('12.3');
    expect(parseLimitText('no limit')).toEqual({ ok: true, value: null });
    expect(parseLimitText('10')).toEqual({ ok: true, value: 10 });
  });
});

describe('call plans', () => {
  const plan = [{ to: 'a' }, { to: 'b' }, { parallel: [{ to: 'c' }, { to: 'd' }] }];
  it('moves, joins, splits and removes steps without touching the input', () => {
    expect(moveStep(plan, 0, -1)).toEqual(plan);
    expect(moveStep(plan, 0, 1)).toEqual([{ to: 'b' }, { to: 'a' }, plan[2]]);
    expect(joinWithNext(plan, 1)).toEqual([{ to: 'a' }, { parallel: [{ to: 'b' }, { to: 'c' }, { to: 'd' }] }]);
    expect(makeSequential(plan, 2)).toEqual([{ to: 'a' }, { to: 'b' }, { to: 'c' }, { to: 'd' }]);
    expect(removeCall(plan, 2, 0)).toEqual([{ to: 'a' }, { to: 'b' }, { to: 'd' }]);
    expect(plan).toHaveLength(3);
    expect(nextCallee(plan, ['a', 'e'])).toBe('e');
    expect(nextCallee(plan, ['a'])).toBe('a');
    expect(nextCallee(plan, [])).toBeUndefined();
  });
});

describe('switching kinds', () => {
  it("keeps a distribution's mean and a workload's window and rate", () => {
    expect(switchDistribution({ dist: 'exponential', mean: '40ms' }, 'pareto')).toEqual({ dist: 'pareto', scale: 20, shape: 2 });
    expect(switchDistribution({ dist: 'uniform', min: 10, max: 30 }, 'normal')).toEqual({ dist: 'normal', mean: 20, stddev: 5 });
    expect(switchPattern({ pattern: 'poisson', rate: 8, start: '1s' }, 'ramp')).toEqual({
      pattern: 'ramp',
      from: 0,
      to: 8,
      over: '10s',
      start: '1s',
    });
    expect(switchPattern({ pattern: 'bursts', every: '1s', size: 3 }, 'constant')).toEqual({ pattern: 'constant', rate: 5 });
  });
});

describe('edit helpers', () => {
  it('compare plain data and scope problem paths', () => {
    expect(sameValue({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameValue([1, 2], [1, 3])).toBe(false);
    expect(isWithin('nodes[1].serviceTime.max', 'nodes[1].serviceTime')).toBe(true);
    expect(isWithin('nodes[1].serviceTimeX', 'nodes[1].serviceTime')).toBe(false);
    expect(isWithin('nodes[10].workers', 'nodes[1]')).toBe(false);
  });
});

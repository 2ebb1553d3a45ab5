/** Edits made at the playhead become scheduled changes; what holds at a time is the base plus changes so far. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validateScenario } from '../../src/model/index.ts';
import { applyCommand, type DocumentInput } from '../../src/store/document/commands.ts';
import { editCommand, effectiveSettings } from '../../src/store/document/editAtPlayhead.ts';

const doc: DocumentInput = {
  version: 1,
  nodes: [
    { id: 'c', kind: 'client', target: 's', workload: { pattern: 'poisson', rate: 5 } },
    { id: 's', kind: 'service', workers: 2 },
  ],
  links: [{ from: 'c', to: 's', latency: '10ms' }],
};

describe('editCommand', () => {
  // The field then reads what is in force at the playhead: a change placed after it (rounded up to
  // the microsecond) looked refused, the field still reading "none" (issue 20).
  it('places a change at or before the playhead, so it is in force there', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 3_600_000, noNaN: true }), (time) => {
        const edited = applyCommand(doc, editCommand(doc, { link: 'c->s' }, 'timeout', '200ms', time));
        expect(effectiveSettings(edited, { link: 'c->s' }, time).timeout).toBe('200ms');
        const workers = applyCommand(doc, editCommand(doc, { node: 's' }, 'workers', 7, time));
        expect(effectiveSettings(workers, { node: 's' }, time).workers).toBe(7);
      }),
      { numRuns: 500 },
    );
    // The playhead stopped half a microsecond past a whole one: rounding to nearest put the change after it.
    const edited = applyCommand(doc, editCommand(doc, { link: 'c->s' }, 'timeout', '200ms', 12_345.6786));
    expect(effectiveSettings(edited, { link: 'c->s' }, 12_345.6786).timeout).toBe('200ms');
  });

  it('edits the document itself at time 0 and for settings no change can set', () => {
    expect(editCommand(doc, { node: 's' }, 'workers', 4, 0)).toEqual({ type: 'updateNode', id: 's', patch: { workers: 4 } });
    expect(editCommand(doc, { node: 's' }, 'label', 'S', 5000)).toEqual({ type: 'updateNode', id: 's', patch: { label: 'S' } });
    expect(editCommand(doc, { node: 'c' }, 'workload', { pattern: 'bursts', every: 100, size: 2 }, 0).type).toBe('updateNode');
  });

  it('schedules protocol, timeout, target, startup time and call plan edits; a cleared timeout becomes none', () => {
    expect(editCommand(doc, { node: 's' }, 'startupTime', 100, 5000)).toEqual({
      type: 'addChange',
      change: { kind: 'service', target: 's', at: 5000, set: { startupTime: 100 } },
    });
    expect(editCommand(doc, { link: 'c->s' }, 'protocol', 'grpc', 5000)).toEqual({
      type: 'addChange',
      change: { kind: 'link', link: 'c->s', at: 5000, set: { protocol: 'grpc' } },
    });
    expect(editCommand(doc, { link: 'c->s' }, 'timeout', undefined, 5000)).toEqual({
      type: 'addChange',
      change: { kind: 'link', link: 'c->s', at: 5000, set: { timeout: null } },
    });
    expect(editCommand(doc, { node: 'c' }, 'timeout', '1s', 5000)).toEqual({
      type: 'addChange',
      change: { kind: 'client', target: 'c', at: 5000, set: { timeout: '1s' } },
    });
    expect(editCommand(doc, { node: 's' }, 'calls', [], 5000).type).toBe('addChange');
    const cleared = applyCommand(doc, editCommand(doc, { link: 'c->s' }, 'timeout', undefined, 5000));
    expect(validateScenario(cleared).ok).toBe(true);
    expect(effectiveSettings(cleared, { link: 'c->s' }, 6000)).not.toHaveProperty('timeout');
  });

  it('turns a mid-run edit into a valid change at the playhead', () => {
    const commands = [
      editCommand(doc, { node: 's' }, 'workers', 4, 1234.5678),
      editCommand(doc, { link: 'c->s' }, 'loss', 0.1, 2000),
      editCommand(doc, { node: 'c' }, 'workload', { pattern: 'poisson', rate: 50 }, 3000),
    ];
    expect(commands.map((c) => c.type)).toEqual(['addChange', 'addChange', 'addChange']);
    // The microsecond at or before the playhead (1234.5678 ms), never after it.
    expect(commands[0]).toEqual({ type: 'addChange', change: { kind: 'service', target: 's', at: 1234.567, set: { workers: 4 } } });
    const edited = commands.reduce(applyCommand, doc);
    expect(validateScenario(edited).ok).toBe(true);
    // Changing the pattern is not a rate change: a new workload from then on.
    expect(editCommand(doc, { node: 'c' }, 'workload', { pattern: 'closed', users: 3 }, 3000)).toEqual({
      type: 'addChange',
      change: { kind: 'client', target: 'c', at: 3000, set: { workload: { pattern: 'closed', users: 3 } } },
    });
    // A rate edit is judged against the workload in force: after the switch to closed, users are not a rate.
    const switched = applyCommand(doc, editCommand(doc, { node: 'c' }, 'workload', { pattern: 'constant', rate: 3 }, 3000));
    expect(editCommand(switched, { node: 'c' }, 'workload', { pattern: 'constant', rate: 9 }, 4000)).toEqual({
      type: 'addChange',
      change: { kind: 'client', target: 'c', at: 4000, set: { rate: 9 } },
    });
    expect(effectiveSettings(switched, { node: 'c' }, 3500).workload).toEqual({ pattern: 'constant', rate: 3 });
  });
});

describe('effectiveSettings', () => {
  it('is the document plus every change up to the time, in time order', () => {
    const edited: DocumentInput = {
      ...doc,
      changes: [
        { kind: 'service', target: 's', at: '2s', set: { workers: 8 } },
        { kind: 'service', target: 's', at: 1000, set: { workers: 3 } },
        { kind: 'client', target: 'c', at: 500, set: { rate: 9 } },
      ],
    };
    expect(effectiveSettings(edited, { node: 's' }, 999).workers).toBe(2);
    expect(effectiveSettings(edited, { node: 's' }, 1500).workers).toBe(3);
    expect(effectiveSettings(edited, { node: 's' }, 2000).workers).toBe(8);
    expect(effectiveSettings(edited, { node: 'c' }, 600).workload).toEqual({ pattern: 'poisson', rate: 9 });
    expect(effectiveSettings(edited, { link: 'c->s' }, 600).latency).toBe('10ms');
  });
});

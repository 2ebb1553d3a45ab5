/** Protection presets for a link: one edit (or one change at the playhead), recognised afterwards. */
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/model/index.ts';
import { applyCommand, type DocumentInput } from '../../src/store/document/commands.ts';
import { effectiveSettings } from '../../src/store/document/editAtPlayhead.ts';
import { LINK_PRESETS, presetCommand, presetOf } from '../../src/store/document/linkPresets.ts';

const doc: DocumentInput = {
  version: 1,
  nodes: [
    { id: 'c', kind: 'client', target: 's', workload: { pattern: 'poisson', rate: 5 } },
    { id: 's', kind: 'service' },
  ],
  links: [{ from: 'c', to: 's', timeout: '250ms', retry: { maxAttempts: 9 } }],
};

describe('link presets', () => {
  it('each makes a valid document and is recognised afterwards; none removes every policy', () => {
    for (const preset of LINK_PRESETS) {
      const next = applyCommand(doc, presetCommand(doc, 'c->s', preset, 0));
      expect(validateScenario(next).ok).toBe(true);
      expect(presetOf(next.links![0] as Record<string, unknown>)).toBe(preset);
    }
    const none = applyCommand(doc, presetCommand(doc, 'c->s', 'none', 0)).links![0];
    expect(none).toEqual({ from: 'c', to: 's' });
    expect(presetOf(doc.links![0] as Record<string, unknown>)).toBeUndefined(); // custom
  });

  it('during a run, is one change at the playhead that the effective settings follow', () => {
    const command = presetCommand(doc, 'c->s', 'full', 1500);
    expect(command.type).toBe('addChange');
    const next = applyCommand(doc, command);
    expect(validateScenario(next).ok).toBe(true);
    expect(presetOf(effectiveSettings(next, { link: 'c->s' }, 1000))).toBeUndefined();
    expect(presetOf(effectiveSettings(next, { link: 'c->s' }, 2000))).toBe('full');
    const none = applyCommand(next, presetCommand(next, 'c->s', 'none', 3000));
    expect(validateScenario(none).ok).toBe(true);
    expect(presetOf(effectiveSettings(none, { link: 'c->s' }, 4000))).toBe('none');
  });
});

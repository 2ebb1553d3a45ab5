/**
 * The JSON tab's text: the document as a scenario file shows it without the script and
 * `$schema`, read back through the import's own validation (same messages), with each problem
 * placed on the text it is about; what the text leaves out comes back from the current document.
 * And the smallest edit that turns one text into another (so a cursor outside it stays put).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { describeProblem } from '../../../src/model/index.ts';
import type { DocumentInput } from '../../../src/store/document/commands.ts';
import { readDocumentText } from '../../../src/ui/persistence/documentFiles.ts';
import { jsonLocations, spanOfPath } from '../../../src/ui/script/jsonLocations.ts';
import { readSystemText, systemText } from '../../../src/ui/script/systemText.ts';
import { changedPart } from '../../../src/ui/script/textSync.ts';

const doc: DocumentInput = {
  $schema: '../../public/schema/scenario.v1.json',
  version: 1,
  name: 'Pair',
  seed: 3,
  duration: '10s',
  nodes: [
    { id: 'users', kind: 'client', target: 'api', workload: { pattern: 'poisson', rate: 5 } },
    { id: 'api', kind: 'service', workers: 2 },
  ],
  links: [{ from: 'users', to: 'api' }],
  faults: [],
  script: 'log("hi")',
};

describe('the system as text', () => {
  it('shows the document without its script and $schema, and reads it back with them', () => {
    const text = systemText(doc);
    expect(JSON.parse(text)).not.toHaveProperty('script');
    expect(JSON.parse(text)).not.toHaveProperty('$schema');
    const read = readSystemText(text, doc);
    expect(read.ok).toBe(true);
    if (read.ok) expect(read.document).toEqual(doc);
  });

  it("an invalid text gives the import's own messages, each on the line of what it is about", () => {
    const text = systemText(doc).replace('"workers": 2', '"workers": -2').replace('"target": "api"', '"target": "nowhere"');
    const read = readSystemText(text, doc);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    const imported = readDocumentText(text);
    expect(imported.ok).toBe(false);
    if (imported.ok) return;
    expect(read.problems.map((p) => p.message)).toEqual(imported.problems.map(describeProblem));
    const lines = text.split('\n');
    for (const problem of read.problems) {
      const line = lines[problem.startLine - 1];
      if (problem.message.startsWith('nodes[1].workers')) expect(line).toContain('"workers": -2');
      if (problem.message.startsWith('nodes[0].target')) expect(line).toContain('"target": "nowhere"');
    }
    expect(read.problems.some((p) => p.message.startsWith('nodes[1].workers'))).toBe(true);
  });

  it('a syntax error is placed where the parser stopped', () => {
    const text = systemText(doc).replace('"seed": 3,', '"seed": 3,,');
    const read = readSystemText(text, doc);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0].message).toContain('is not valid JSON');
    expect(text.split('\n')[read.problems[0].startLine - 1]).toContain('"seed": 3,,');
  });

  it('finds every value by its problem path, and a missing field on its parent', () => {
    const text = systemText(doc);
    const spans = jsonLocations(text);
    const at = (path: string) => {
      const s = spanOfPath(spans, path)!;
      return text.slice(s.start, s.end);
    };
    expect(at('nodes[1].workers')).toBe('"workers": 2');
    expect(at('nodes[0].workload.rate')).toBe('"rate": 5');
    expect(at('links[0]')).toMatch(/^\{\s*"from": "users",\s*"to": "api"\s*\}$/);
    expect(at('nodes[1].serviceTime')).toMatch(/^\{\s*"id": "api"/);
    expect(spanOfPath(spans, '')).toEqual({ start: 0, end: text.trimEnd().length });
  });
});

describe('the changed part of a text', () => {
  it('replacing it turns the old text into the new one, and nothing outside it differs', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const { start, endOld, endNew } = changedPart(a, b);
        expect(a.slice(0, start) + b.slice(start, endNew) + a.slice(endOld)).toBe(b);
        expect(a.slice(0, start)).toBe(b.slice(0, start));
        expect(a.length - endOld).toBe(b.length - endNew);
      }),
    );
    expect(changedPart('abcXdef', 'abcYYdef')).toEqual({ start: 3, endOld: 4, endNew: 5 });
  });
});

/** Scenario files in and out: export text, import validation (all or nothing), file names, image filter. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createDocumentStore, undo } from '../../src/store/documentStore.ts';
import { emptyDocument } from '../../src/store/document/commands.ts';
import { documentFileText, importDocumentText } from '../../src/ui/persistence/documentFiles.ts';
import { fileNameFor } from '../../src/ui/persistence/fileTransfer.ts';

const checkoutText = readFileSync(new URL('../../simulations/examples/checkout.json', import.meta.url), 'utf8');

describe('import', () => {
  it('replaces the document with a valid file, as an undoable change', () => {
    const store = createDocumentStore(emptyDocument());
    const result = importDocumentText(store, checkoutText);
    expect(result.ok).toBe(true);
    expect(store.getState().document).toEqual(JSON.parse(checkoutText));
    undo(store);
    expect(store.getState().document).toEqual(emptyDocument());
  });

  it('leaves the document untouched and returns every problem of an invalid file', () => {
    const store = createDocumentStore(emptyDocument());
    const before = store.getState().document;
    const doc = {
      version: 1,
      nodes: [
        { id: 'web', kind: 'client', target: 'ghost', workload: { pattern: 'poisson', rate: -3 } },
        { id: 'api', kind: 'service', workers: 0, serviceTime: '5 parsecs' },
      ],
    };
    const result = importDocumentText(store, JSON.stringify(doc));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(['nodes[0].target', 'nodes[0].workload.rate', 'nodes[1].workers', 'nodes[1].serviceTime']),
    );
    for (const problem of result.problems) expect(problem.message.length).toBeGreaterThan(3);
    expect(store.getState().document).toBe(before);
    expect(store.temporal.getState().pastStates).toHaveLength(0);
  });

  it('reports a file that is not JSON', () => {
    const store = createDocumentStore(emptyDocument());
    const result = importDocumentText(store, '{ "version": 1, nodes: [] }');
    expect(result).toMatchObject({ ok: false, problems: [{ path: '', message: expect.stringMatching(/not valid JSON/) }] });
  });
});

describe('export', () => {
  it('writes the document as pretty JSON that imports back to the same document', () => {
    const doc = JSON.parse(checkoutText);
    const text = documentFileText(doc);
    expect(text).toContain('\n  "nodes": [');
    expect(text.endsWith('}\n')).toBe(true);
    const store = createDocumentStore(emptyDocument());
    expect(importDocumentText(store, text).ok).toBe(true);
    expect(store.getState().document).toEqual(doc);
  });

  it('names files after the document, safely', () => {
    expect(fileNameFor('Checkout flow', 'json')).toBe('Checkout-flow.json');
    expect(fileNameFor('../../etc/passwd', 'png')).toBe('etc-passwd.png');
    expect(fileNameFor('Café à la carte', 'svg')).toBe('Cafe-a-la-carte.svg');
    expect(fileNameFor(undefined, 'json')).toBe('scenario.json');
    expect(fileNameFor('???', 'json')).toBe('scenario.json');
  });
});

/**
 * The script travels with the document: through the autosave, a share link and an exported file,
 * it comes back as written; a file from before scripts (none in it) still opens, without one.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DocumentInput } from '../../../src/store/document/commands.ts';
import { documentFileText, readDocumentText } from '../../../src/ui/persistence/documentFiles.ts';
import { decodeDocument, encodeDocument } from '../../../src/ui/persistence/shareCodec.ts';
import { readSavedDocument, saveDocument } from '../../../src/ui/persistence/storage.ts';

const script = '// a sweep\nfor (const n of [1, 2]) log(`n = ${n}`);\ncheck(\'"quoted" ✓\', true);\n';
const doc: DocumentInput = {
  version: 1,
  name: 'Pair',
  seed: 1,
  duration: '10s',
  nodes: [
    { id: 'users', kind: 'client', target: 'api', workload: { pattern: 'poisson', rate: 5 } },
    { id: 'api', kind: 'service' },
  ],
  links: [{ from: 'users', to: 'api' }],
  faults: [],
  script,
};

describe('the script kept with the document', () => {
  it('comes back from the autosave', () => {
    const map = new Map<string, string>();
    const storage = {
      getItem: (k: string) => map.get(k) ?? null,
      setItem: (k: string, v: string) => void map.set(k, v),
      removeItem: (k: string) => void map.delete(k),
    };
    expect(saveDocument(storage, doc)).toBe(true);
    const saved = readSavedDocument(storage);
    expect(saved.kind === 'saved' && saved.document.script).toBe(script);
  });

  it('comes back from a share link', () => {
    const shared = decodeDocument(encodeDocument(doc));
    expect(shared.ok && shared.document.script).toBe(script);
  });

  it('comes back from an exported file', () => {
    const read = readDocumentText(documentFileText(doc));
    expect(read.ok && read.document).toEqual(doc);
  });

  it('is absent, and nothing breaks, in a file from before scripts', () => {
    const old = readFileSync(new URL('../../../simulations/examples/checkout.json', import.meta.url), 'utf8');
    const read = readDocumentText(old);
    expect(read.ok).toBe(true);
    expect(read.ok && 'script' in read.document).toBe(false);
  });
});

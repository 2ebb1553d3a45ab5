/**
 * The share-link payload: a document survives the round trip exactly (so the same seed gives the
 * same run), and every way a link can be broken comes back as a readable problem, never a throw.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deflateSync, strToU8 } from 'fflate';
import { simulate } from '../../src/engine/index.ts';
import { parseScenario } from '../../src/model/index.ts';
import {
  decodeDocument,
  encodeDocument,
  fromBase64Url,
  MAX_SHARED_DOCUMENT_BYTES,
  toBase64Url,
} from '../../src/ui/persistence/shareCodec.ts';
import { sharePayload, shareUrl } from '../../src/ui/persistence/shareLink.ts';

const checkout = JSON.parse(readFileSync(new URL('../../simulations/examples/checkout.json', import.meta.url), 'utf8'));

const problemsOf = (payload: string) => {
  const result = decodeDocument(payload);
  if (result.ok) throw new Error('expected the payload to be rejected');
  return result.problems;
};

describe('share link payload', () => {
  it('round-trips a document exactly, and the decoded document runs to the same trace hash', () => {
    const payload = encodeDocument(checkout);
    expect(payload).toMatch(/^[A-Za-z0-9_-]+$/);
    const decoded = decodeDocument(payload);
    expect(decoded).toEqual({ ok: true, document: checkout });
    if (!decoded.ok) return;
    expect(simulate(parseScenario(decoded.document)).report.traceHash).toBe(simulate(parseScenario(checkout)).report.traceHash);
  });

  it('is much shorter than the JSON it carries', () => {
    expect(encodeDocument(checkout).length).toBeLessThan(JSON.stringify(checkout).length * 0.6);
  });

  it('keeps text outside ASCII (names, descriptions) intact', () => {
    const doc = { ...checkout, name: 'Zahlungsfluss — café ☕ 日本' };
    expect(decodeDocument(encodeDocument(doc))).toEqual({ ok: true, document: doc });
  });

  it("base64url agrees with Node's encoder for every length remainder, and reads its padded form", () => {
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n * 31) & 255);
      const text = toBase64Url(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(fromBase64Url(text)).toEqual(bytes);
      expect(fromBase64Url(Buffer.from(bytes).toString('base64').replace(/\+/g, '-').replace(/\//g, '_'))).toEqual(bytes);
    }
  });

  it('reports text that is not base64url', () => {
    for (const bad of ['abc$def', 'a+b/', 'éé', 'abcde']) {
      expect(problemsOf(bad)[0].message).toMatch(/not base64url/);
    }
  });

  it('reports an empty link', () => {
    expect(problemsOf('')[0].message).toMatch(/no document/);
  });

  it('reports data that does not decompress (cut short, or not DEFLATE at all)', () => {
    const payload = encodeDocument(checkout);
    expect(problemsOf(payload.slice(0, 40))[0].message).toMatch(/does not decompress/);
    expect(problemsOf(toBase64Url(Uint8Array.of(255, 255, 255, 255)))[0].message).toMatch(/does not decompress/);
  });

  it('reports a document that is not JSON', () => {
    const problems = problemsOf(toBase64Url(deflateSync(strToU8('{"version": 1, nodes'))));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path: '', severity: 'error' });
    expect(problems[0].message).toMatch(/not valid JSON/);
  });

  it('reports every problem of an invalid scenario, with its path', () => {
    const doc = {
      version: 1,
      nodes: [
        { id: 'c', kind: 'client', target: 'nowhere', workload: { pattern: 'poisson', rate: 1 } },
        { id: 's', kind: 'service', workers: 0 },
      ],
    };
    const paths = problemsOf(encodeDocument(doc)).map((p) => p.path);
    expect(paths).toContain('nodes[0].target');
    expect(paths).toContain('nodes[1].workers');
  });

  it('refuses a payload that expands beyond the limit instead of freezing the page', () => {
    const bomb = toBase64Url(deflateSync(new Uint8Array(MAX_SHARED_DOCUMENT_BYTES + 10).fill(32), { level: 9 }));
    expect(bomb.length).toBeLessThan(20_000);
    expect(problemsOf(bomb)[0].message).toMatch(/more than 4 MiB/);
  });
});

describe('share link address', () => {
  it('puts the payload after #s= on the page address, replacing any hash', () => {
    const url = shareUrl('https://example.org/crosstalk/?x=1#s=old', checkout);
    expect(url.startsWith('https://example.org/crosstalk/?x=1#s=')).toBe(true);
    expect(sharePayload(new URL(url).hash)).toBe(encodeDocument(checkout));
  });

  it('recognises only #s= hashes', () => {
    expect(sharePayload('')).toBeUndefined();
    expect(sharePayload('#section')).toBeUndefined();
    expect(sharePayload('#s=abc')).toBe('abc');
  });
});

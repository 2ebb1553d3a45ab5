/**
 * The share-link payload: a document as JSON, compressed with DEFLATE (fflate) and written in
 * base64url so it fits in a URL hash (`#s=<payload>`). Decoding never throws: every way a link
 * can be broken (not base64, not DEFLATE, not JSON, not a valid scenario) comes back as problems
 * the page can show, each a path and a plain sentence, like an invalid file.
 */
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';
import { validateScenario, type Problem } from '../../model/index.ts';
import type { DocumentInput } from '../../store/document/commands.ts';

/**
 * The largest document a link may expand to. A few kilobytes of DEFLATE can expand to gigabytes;
 * decoding stops here instead of freezing the tab. Far above any hand-built system.
 */
export const MAX_SHARED_DOCUMENT_BYTES = 4 * 1024 * 1024;

export type DecodeResult =
  { readonly ok: true; readonly document: DocumentInput } | { readonly ok: false; readonly problems: readonly Problem[] };

/** The payload for `document` (compact JSON, DEFLATE level 9, base64url without padding). */
export function encodeDocument(document: unknown): string {
  return toBase64Url(deflateSync(strToU8(JSON.stringify(document)), { level: 9 }));
}

/**
 * The document a payload carries, exactly as it was encoded (not normalised, so the same seed
 * gives the same run), if it is a valid scenario; otherwise every problem found.
 */
export function decodeDocument(payload: string): DecodeResult {
  const fail = (message: string): DecodeResult => ({ ok: false, problems: [{ path: '', message, severity: 'error' }] });
  const bytes = fromBase64Url(payload.trim());
  if (bytes === undefined) return fail('the link is damaged: its data is not base64url text (was it cut off or edited?)');
  if (bytes.length === 0) return fail('the link carries no document');
  let inflated: Uint8Array;
  try {
    // One byte more than allowed: a result that fills it was cut short, so it is too large.
    inflated = inflateSync(bytes, { out: new Uint8Array(MAX_SHARED_DOCUMENT_BYTES + 1) });
  } catch (error) {
    return fail(`the link is damaged: its data does not decompress (${(error as Error).message})`);
  }
  if (inflated.length > MAX_SHARED_DOCUMENT_BYTES)
    return fail(`the link expands to more than ${MAX_SHARED_DOCUMENT_BYTES / 1024 / 1024} MiB; it is not a scenario`);
  let json: unknown;
  try {
    json = JSON.parse(strFromU8(inflated));
  } catch (error) {
    return fail(`the link is damaged: its document is not valid JSON (${(error as Error).message})`);
  }
  const result = validateScenario(json);
  return result.ok ? { ok: true, document: json as DocumentInput } : { ok: false, problems: result.problems };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE[ALPHABET.charCodeAt(i)] = i;

/** RFC 4648 §5 base64url, no padding (nothing in it needs escaping in a URL). */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63] + ALPHABET[n & 63];
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i] << 16;
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63];
  } else if (rest === 2) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
    out += ALPHABET[n >> 18] + ALPHABET[(n >> 12) & 63] + ALPHABET[(n >> 6) & 63];
  }
  return out;
}

/** The bytes of base64url text (padding tolerated), or undefined if it is not base64url. */
export function fromBase64Url(text: string): Uint8Array | undefined {
  const body = text.replace(/=+$/, '');
  if (body.length % 4 === 1) return undefined; // no whole byte ends a single leftover character
  const out = new Uint8Array(Math.floor((body.length * 3) / 4));
  let bits = 0,
    buffer = 0,
    o = 0;
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    const value = code < 128 ? VALUE[code] : -1;
    if (value < 0) return undefined;
    buffer = ((buffer << 6) | value) & 0xffff; // at most 13 bits are pending: keep it a small int
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (buffer >> bits) & 255;
    }
  }
  return out;
}

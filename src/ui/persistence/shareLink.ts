/**
 * Share links: the page's own address with the document in the hash, `#s=<payload>` (see
 * shareCodec.ts). The hash never reaches a server, so a shared system stays on the two machines.
 */
import { encodeDocument } from './shareCodec.ts';

const PREFIX = '#s=';

/** The payload of a share-link hash, or undefined if the hash is not one. */
export function sharePayload(hash: string): string | undefined {
  return hash.startsWith(PREFIX) ? hash.slice(PREFIX.length) : undefined;
}

/** The link that opens `document`: `href` without its hash, then `#s=…`. */
export function shareUrl(href: string, document: unknown): string {
  const base = href.split('#')[0];
  return `${base}${PREFIX}${encodeDocument(document)}`;
}

/**
 * Takes a share link's hash out of the address bar (without a reload or a history entry), once the
 * document no longer is the shared one: a reload then restores the edited, autosaved document
 * instead of reopening the link.
 */
export function clearShareHash(): void {
  if (sharePayload(location.hash) === undefined) return;
  history.replaceState(history.state, '', location.pathname + location.search);
}

/**
 * A node's or link's settings as they hold at the playhead: the document's, overridden by the
 * changes scheduled at or before it (edits made mid-run). Re-renders only when the playhead
 * crosses one of those changes, not on every frame.
 */
import { useMemo } from 'react';
import { countAtOrBefore } from '../../engine/core/search.ts';
import { parseDuration } from '../../model/index.ts';
import { effectiveSettings } from '../../store/document/editAtPlayhead.ts';
import { useDocument, usePlayback, useRun } from '../app/stores.tsx';

export type SettingsRef = { readonly node: string } | { readonly link: string };

export function useEffectiveSettings(ref: SettingsRef): Record<string, unknown> {
  const doc = useDocument((s) => s.document);
  const watching = useRun((s) => s.replay !== undefined);
  const node = 'node' in ref ? ref.node : undefined;
  const link = 'link' in ref ? ref.link : undefined;
  // The times of this target's changes, in order.
  const times = useMemo(
    () =>
      (doc.changes ?? [])
        .filter((c) => (link !== undefined ? c.kind === 'link' && c.link === link : c.kind !== 'link' && c.target === node))
        .map((c) => parseDuration(c.at) ?? Infinity)
        .sort((a, b) => a - b),
    [doc, node, link],
  );
  // Without a run the playhead counts as 0, as it does for edits (see editTime).
  const passed = usePlayback((s) => countAtOrBefore(times, watching ? s.time : 0));
  return useMemo(() => {
    const target = link !== undefined ? { link } : { node: node as string };
    return effectiveSettings(doc, target, passed > 0 ? times[passed - 1] : -1);
  }, [doc, node, link, passed, times]);
}

/**
 * The messages on the selected link at the playhead, each a button that selects it: the
 * keyboard's way to the dots on the canvas (which a pointer clicks). Follows the sampled playhead,
 * so a playing run updates the list ten times a second rather than every frame.
 */
import { useMemo } from 'react';
import { MESSAGE_KIND_NAMES, messagesBuffer } from '../../../engine/replay/messageIndex.ts';
import { useRun, useStores } from '../../app/stores.tsx';
import { useSampledPlayhead } from '../../playback/sampledLive.ts';

/** The most messages listed (a busy link can carry thousands; the canvas draws them as one bundle). */
const MAX_LISTED = 12;

interface Listed {
  readonly call: number;
  readonly text: string;
}

export function LinkMessages({ linkId }: { readonly linkId: string }) {
  const stores = useStores();
  const replay = useRun((s) => s.replay);
  const version = useRun((s) => s.version);
  const { time } = useSampledPlayhead();
  const { listed, total } = useMemo(() => {
    const out: Listed[] = [];
    const l = replay?.topology.linkIds.indexOf(linkId) ?? -1;
    if (!replay || l < 0) return { listed: out, total: 0 };
    const buffer = messagesBuffer(8192);
    replay.messagesAt(time, buffer);
    let total = 0;
    for (let i = 0; i < buffer.count; i++) {
      if (buffer.link[i] !== l) continue;
      total++;
      if (out.length >= MAX_LISTED) continue;
      const kind = MESSAGE_KIND_NAMES[buffer.kind[i]];
      out.push({
        call: buffer.call[i],
        text: `${kind[0].toUpperCase()}${kind.slice(1)} of call #${buffer.call[i]}${buffer.lost[i] ? ' (lost)' : ''}, ${Math.round(buffer.progress[i] * 100)} % of the way`,
      });
    }
    return { listed: out, total };
    // version: a new batch may bring messages that are on the wire at this time.
  }, [replay, linkId, time, version]);
  if (!replay) return null;
  return (
    <section className="inspector-changes" aria-label="Messages on this link now">
      <h3 className="inspector-subheading">
        On this link now <span className="inspector-muted">({total})</span>
      </h3>
      {total === 0 ? (
        <p className="inspector-note">No message is on its way at the playhead.</p>
      ) : (
        <ul>
          {listed.map((m) => (
            <li key={m.call}>
              <button type="button" className="inspector-small" onClick={() => stores.ui.getState().select({ call: m.call })}>
                {m.text}
              </button>
            </li>
          ))}
          {total > listed.length && <li className="inspector-muted">and {total - listed.length} more</li>}
        </ul>
      )}
    </section>
  );
}

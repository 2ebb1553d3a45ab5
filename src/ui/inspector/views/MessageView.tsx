/**
 * The selected message (a dot on the canvas): which call it belongs to, the trace (the client
 * request it is part of) and its parent call, its two ends, how many hops from the client it is,
 * how long it has been going, and what is happening to it at the playhead.
 */
import { useId } from 'react';
import type { TraceReplay } from '../../../engine/replay/traceReplay.ts';
import { formatDuration } from '../../../model/index.ts';
import { usePlayback, useRun, useStores } from '../../app/stores.tsx';
import { engineNodeLabel } from '../../playback/instances.ts';
import { describeCallEvent, isEnding } from '../callPhase.ts';
import { useCallPhase } from '../useCallPhase.ts';

export function MessageView({ call }: { readonly call: number }) {
  const headingId = useId();
  const replay = useRun((s) => s.replay);
  // A new batch of the run may bring this call's later events.
  useRun((s) => s.version);
  const known = replay !== undefined && replay.knows(call);
  // A long run's replay forgets calls that the part of the run it holds no longer names (engine/replay/traceReplay.ts).
  const forgotten = replay !== undefined && call >= 0 && call < replay.callsKnown && !known;
  return (
    <section className="inspector-view" aria-labelledby={headingId}>
      <header className="inspector-header">
        <h2 id={headingId}>Message of call #{call}</h2>
        <p className="inspector-kind">
          <strong>Message</strong> — one request or reply travelling between two nodes.
        </p>
      </header>
      {known ? (
        <MessageDetails replay={replay} call={call} />
      ) : (
        <p className="inspector-note">
          {forgotten
            ? 'This message is from earlier in the run than the part the page holds now: move the playhead back to its time to see it again.'
            : 'This message is not part of the current run.'}
        </p>
      )}
    </section>
  );
}

function MessageDetails({ replay, call }: { readonly replay: TraceReplay; readonly call: number }) {
  const stores = useStores();
  const time = usePlayback((s) => s.time);
  const info = replay.call(call);
  const { linkIds } = replay.topology;
  // An end may be one instance of a replicated service ("api (instance 2)", the engine's "api#2").
  const caller = engineNodeLabel(replay.topology, info.caller);
  const callee = engineNodeLabel(replay.topology, info.callee);
  const phase = useCallPhase(replay, call, time, info.sentAt);
  const sent = phase.event !== undefined || phase.unknown;
  const ended = isEnding(phase.event);
  const elapsed = !sent ? '—' : formatDuration(Math.max(0, (ended && phase.event ? phase.event.time : time) - info.sentAt));
  const now = !sent
    ? 'Not sent yet at the playhead.'
    : phase.event
      ? describeCallEvent(phase.event, caller, callee)
      : 'Still under way (its last event is too far back to look up quickly).';
  const selectCall = (c: number) => stores.ui.getState().select({ call: c });
  return (
    <dl className="inspector-facts">
      <div>
        <dt>Trace</dt>
        <dd>
          <span data-testid="message-trace">#{info.root}</span> <span className="inspector-muted">(the client request it is part of)</span>
        </dd>
      </div>
      <div>
        <dt>Parent call</dt>
        <dd>
          {info.parent < 0 ? (
            <span className="inspector-muted">none — sent by a client</span>
          ) : (
            <button
              type="button"
              className="inspector-link"
              aria-label={`Select parent call #${info.parent}`}
              onClick={() => selectCall(info.parent)}
            >
              #{info.parent}
            </button>
          )}
        </dd>
      </div>
      <div>
        <dt>From → to</dt>
        <dd>
          {caller} → {callee} <span className="inspector-muted">over {linkIds[info.link] ?? '?'}</span>
        </dd>
      </div>
      <div>
        <dt>Hops so far</dt>
        <dd data-testid="message-hops">{info.hops}</dd>
      </div>
      <div>
        <dt>Sent at</dt>
        <dd>{sent ? formatDuration(info.sentAt) : '—'}</dd>
      </div>
      <div>
        <dt>{ended ? 'Took' : 'Elapsed'}</dt>
        <dd>{elapsed}</dd>
      </div>
      <div>
        <dt>Now</dt>
        <dd>{now}</dd>
      </div>
    </dl>
  );
}

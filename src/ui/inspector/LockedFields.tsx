/**
 * A node's or link's settings in the inspector, read-only while a lesson locks it: a short note
 * says what the learner may change instead, and every field and button inside is disabled (a
 * disabled fieldset), so nothing in it can be edited. The document store refuses such edits
 * anyway (see store/lessonLocks.ts); this shows it before anyone tries.
 */
import type { ReactNode } from 'react';
import { useLockNote } from '../app/stores.tsx';

/** `quiet`: no note (a second locked part of a view whose first already shows it). */
export function LockedFields({
  id,
  quiet = false,
  children,
}: {
  readonly id: string;
  readonly quiet?: boolean;
  readonly children: ReactNode;
}) {
  const note = useLockNote(id);
  return (
    <>
      {note && !quiet && (
        <p className="inspector-note inspector-locked" role="note">
          {note}
        </p>
      )}
      <fieldset className="inspector-fields" disabled={note !== undefined} aria-label={note ? 'Locked settings' : undefined}>
        {children}
      </fieldset>
    </>
  );
}

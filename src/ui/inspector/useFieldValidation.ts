/**
 * Committing an inspector field, validated by the same schema as the engine. The candidate
 * document (the current one with the edit applied) is validated; a problem that the edit brings
 * into this field (or anything inside it) stops the commit and comes back as the message to show
 * inline, so an invalid value is never applied silently. Problems elsewhere in the document are
 * not this field's business: the Problems list shows them.
 *
 * While a run is being watched, an edit of a setting the engine can change mid-run becomes a
 * change at the playhead (docs/ARCHITECTURE.md: edit + re-run, the past unchanged; see editAtPlayhead.ts);
 * the few that cannot apply from the start, and a notice says so.
 */
import { useMemo } from 'react';
import { formatPath, validateScenario, type Problem } from '../../model/index.ts';
import { applyCommand, type DocumentCommand, type DocumentInput } from '../../store/document/commands.ts';
import { editCommand, effectiveSettings } from '../../store/document/editAtPlayhead.ts';
import { sameSimulation } from '../../store/document/simulationInput.ts';
import { useStores, type Stores } from '../app/stores.tsx';
import { directCommand, isWithin, sameValue, targetPath, targetValue, type EditTarget } from './edits.ts';
import { defaultAt } from './schemaInfo.ts';

/** Sets the field to a value; returns why it was refused, or undefined once applied (or unchanged). */
export type Commit = (value: unknown) => string | undefined;

/** The playhead's time if a run is being watched, else 0. */
export function playheadTime(stores: Stores): number {
  return stores.run.getState().replay ? stores.playback.getState().time : 0;
}

/**
 * When a settings edit takes effect: at the playhead while a run is watched (a live change), from
 * the start (0: the document itself) otherwise, and always in a lesson. A lesson's goals judge a
 * whole run, and its steps say "change it and run again": an edit at the playhead would leave the
 * run before it as it was, fail the goals, and read as undone after Restart (issue 20). The lesson
 * panel says so (LESSON_EDIT_RULE); faults still start where they are added.
 */
export function editTime(stores: Stores): number {
  return stores.lesson.getState().activeId !== undefined ? 0 : playheadTime(stores);
}

/** The lesson panel's line on how edits apply (see editTime). */
export const LESSON_EDIT_RULE =
  'In a lesson, your changes apply to the whole run, from 0 s (a fault starts where you add it). Restart keeps them, and the goals judge the run with them.';

const key = (p: Problem) => `${p.path}\u0000${p.message}`;

/** Problems `candidate` has within `scope` that `doc` did not have, as sentences relative to the scope. */
export function newProblems(doc: DocumentInput, candidate: DocumentInput, scope: string): string[] {
  const result = validateScenario(candidate);
  if (result.ok) return [];
  const before = validateScenario(doc);
  const known = new Set(before.ok ? [] : before.problems.map(key));
  return result.problems
    .filter((p) => isWithin(p.path, scope) && !known.has(key(p)))
    .map((p) => {
      const inner = p.path.slice(scope.length).replace(/^\./, '');
      return inner === '' ? p.message : `${inner}: ${p.message}`;
    });
}

/** The command for an edit, and the value the field holds now (at the playhead during a run). */
function plan(
  doc: DocumentInput,
  target: EditTarget,
  field: string,
  value: unknown,
  time: number,
): { command: DocumentCommand; current: unknown } {
  if (target.kind !== 'node' && target.kind !== 'link') {
    return { command: directCommand(doc, target, field, value), current: targetValue(doc, target)?.[field] };
  }
  const ref = target.kind === 'node' ? { node: target.id } : { link: target.id };
  const current = effectiveSettings(doc, ref, time)[field];
  // A change cannot "unset" a setting: clearing it mid-run means going back to the default.
  const path = targetPath(doc, target);
  const stated = value === undefined && time > 0 && path ? (defaultAt(doc, [...path, field]) ?? value) : value;
  const command = editCommand(doc, ref, field, stated, time);
  return { command, current };
}

/** The commit function for `field` of `target`, outside React (the hooks below wrap it). */
export function makeCommit(stores: Stores, target: EditTarget, field: string): Commit {
  return (value: unknown) => {
    const doc = stores.document.getState().document;
    const path = targetPath(doc, target);
    if (!path) return 'this item is no longer in the document';
    const { command, current } = plan(doc, target, field, value, editTime(stores));
    if (sameValue(value, current)) return undefined;
    // The value is judged where it lives in the document, so problems carry this field's path.
    const scope = formatPath([...path, field]);
    const own = newProblems(doc, applyCommand(doc, directCommand(doc, target, field, value)), scope);
    if (own.length > 0) return own.join('; ');
    if (command.type === 'addChange') {
      const changes = doc.changes?.length ?? 0;
      const scheduled = newProblems(doc, applyCommand(doc, command), formatPath(['changes', changes]));
      if (scheduled.length > 0) return scheduled.join('; ');
    }
    const time = editTime(stores);
    const refused = stores.document.getState().dispatch(command);
    if (refused !== undefined) return refused;
    const rerun = command.type !== 'addChange' && !sameSimulation(doc, stores.document.getState().document);
    // The rare edit the engine cannot make mid-run (a workload's pattern) re-runs the past: say so.
    if (time > 0 && rerun) {
      stores.ui.getState().notify('That setting cannot change mid-run, so it applies from the start: the run is simulated again.', 'info');
    } else if (rerun && playheadTime(stores) > 0) {
      // In a lesson, every edit does (see editTime); the playhead stays where it is.
      stores.ui.getState().notify('In a lesson, your change applies to the whole run: it is simulated again from 0 s.', 'info');
    }
    return undefined;
  };
}

/** A commit function for `field` of `target`. */
export function useFieldValidation(target: EditTarget, field: string): Commit {
  const stores = useStores();
  // The target is compared by what it names, not by identity, so callers may build it inline.
  const targetKey = JSON.stringify(target);
  return useMemo(() => makeCommit(stores, JSON.parse(targetKey) as EditTarget, field), [stores, targetKey, field]);
}

/** Commit functions for any field of `target`: `commitTo('workers')(4)`. */
export function useCommitter(target: EditTarget): (field: string) => Commit {
  const stores = useStores();
  const targetKey = JSON.stringify(target);
  return useMemo(() => {
    const parsed = JSON.parse(targetKey) as EditTarget;
    return (field: string) => makeCommit(stores, parsed, field);
  }, [stores, targetKey]);
}

/**
 * Everything wrong with the document as a whole, from the same validation the engine runs: each
 * problem with its path, and a button that selects what it is about. Problems of a single field
 * being edited are shown at that field instead; these are the ones no one field owns (a client
 * not connected yet, a call without a link) and warnings such as call cycles.
 */
import { useMemo } from 'react';
import { validateScenario, type Problem } from '../../../model/index.ts';
import type { Selection } from '../../../store/uiStore.ts';
import { linkId } from '../../../model/index.ts';
import type { DocumentInput } from '../../../store/document/commands.ts';
import { useDocument, useStores } from '../../app/stores.tsx';

/** What a problem's path points into, as a selection (a node, a link, a fault), if anything. */
export function selectionFor(doc: DocumentInput, path: string): Partial<Selection> | undefined {
  const match = /^(nodes|links|faults)\[(\d+)\]/.exec(path);
  if (!match) return undefined;
  const index = Number(match[2]);
  if (match[1] === 'nodes') return doc.nodes[index] ? { nodeIds: [doc.nodes[index].id] } : undefined;
  if (match[1] === 'links') return doc.links?.[index] ? { linkIds: [linkId(doc.links[index])] } : undefined;
  return doc.faults?.[index] ? { faultIndex: index } : undefined;
}

/** A node's connection fields that stay empty until it is connected (see kinds/registry.ts `create`). */
const UNCONNECTED = /^nodes\[(\d+)\]\.(target|to|routes\[\d+\]\.to)$/;

/**
 * The friendly hint for an unfinished build: a node the palette added but nobody connected yet has
 * an empty target, which the schema calls "must not be empty" at a path no newcomer can read.
 * Undefined for any other problem.
 */
export function unconnectedHint(doc: DocumentInput, problem: Problem): { readonly nodeId: string; readonly text: string } | undefined {
  const match = UNCONNECTED.exec(problem.path);
  const node = match ? doc.nodes[Number(match[1])] : undefined;
  if (!node || problem.message !== 'must not be empty') return undefined;
  return {
    nodeId: node.id,
    text: 'is not connected yet: connect it to a service (drag from the dot on its right edge, or use Connect to)',
  };
}

export function ProblemsList() {
  const stores = useStores();
  const doc = useDocument((s) => s.document);
  const problems: readonly Problem[] = useMemo(() => {
    const result = validateScenario(doc);
    // One hint per unconnected node, however many of its fields are still empty.
    const hinted = new Set<string>();
    return [...(result.ok ? [] : result.problems), ...result.warnings].filter((p) => {
      const hint = unconnectedHint(doc, p);
      if (!hint) return true;
      if (hinted.has(hint.nodeId)) return false;
      hinted.add(hint.nodeId);
      return true;
    });
  }, [doc]);
  if (problems.length === 0) return null;
  const errors = problems.filter((p) => p.severity === 'error').length;
  return (
    <section className="inspector-problems" aria-labelledby="inspector-problems-heading">
      <h2 id="inspector-problems-heading" className="inspector-subheading">
        Problems ({problems.length})
        {errors > 0 && <span className="inspector-muted"> — the system cannot run until the errors are fixed</span>}
      </h2>
      <ul>
        {problems.map((p) => {
          const hint = unconnectedHint(doc, p);
          if (hint) {
            const node = doc.nodes.find((n) => n.id === hint.nodeId);
            return (
              <li key={`${p.path}:${p.message}`} className="is-error">
                <button
                  type="button"
                  className="inspector-link"
                  title="Select it"
                  onClick={() => stores.ui.getState().select({ nodeIds: [hint.nodeId] })}
                >
                  {node?.label ?? hint.nodeId}
                </button>{' '}
                {hint.text}.
              </li>
            );
          }
          const target = selectionFor(doc, p.path);
          const where = p.path === '' ? '(document)' : p.path;
          return (
            <li key={`${p.path}:${p.message}`} className={p.severity === 'warning' ? 'is-warning' : 'is-error'}>
              {target ? (
                <button type="button" className="inspector-link" title="Select it" onClick={() => stores.ui.getState().select(target)}>
                  <code>{where}</code>
                </button>
              ) : (
                <code>{where}</code>
              )}{' '}
              {p.severity === 'warning' ? 'warning: ' : ''}
              {p.message}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

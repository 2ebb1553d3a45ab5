/** Nothing selected: the scenario's own settings (name, description, seed, how long it runs). */
import { useId } from 'react';
import { useDocument } from '../../app/stores.tsx';
import { DurationField } from '../fields/DurationField.tsx';
import { NumberField } from '../fields/NumberField.tsx';
import { TextField } from '../fields/TextField.tsx';
import { RunEstimateNote } from './RunEstimateNote.tsx';
import { useCommitter } from '../useFieldValidation.ts';

export function SettingsView() {
  const headingId = useId();
  const doc = useDocument((s) => s.document);
  const commitTo = useCommitter({ kind: 'settings' });
  const counts = `${doc.nodes.length} node${doc.nodes.length === 1 ? '' : 's'}, ${(doc.links ?? []).length} link${(doc.links ?? []).length === 1 ? '' : 's'}, ${(doc.faults ?? []).length} fault${(doc.faults ?? []).length === 1 ? '' : 's'}`;
  return (
    <section className="inspector-view" aria-labelledby={headingId}>
      <header className="inspector-header">
        <h2 id={headingId}>Scenario</h2>
        <p className="inspector-kind">{counts}. Select a node, a link, a fault or a moving message to inspect it.</p>
      </header>
      <TextField
        label="Name"
        path={['name']}
        value={doc.name}
        placeholder="Untitled system"
        commit={commitTo('name')}
        description="Shown in the title bar and in exported files."
      />
      <TextField
        label="Description"
        path={['description']}
        value={doc.description}
        multiline
        commit={commitTo('description')}
        description="What this system is for, in a sentence or two (Ctrl+Enter to apply)."
      />
      <NumberField label="Seed" path={['seed']} value={doc.seed} commit={commitTo('seed')} />
      <DurationField label="Duration" path={['duration']} value={doc.duration} commit={commitTo('duration')} />
      <RunEstimateNote document={doc} />
    </section>
  );
}

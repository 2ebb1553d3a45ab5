/**
 * What of a document the simulation reads. Names, descriptions, labels, positions and the script
 * kept with the system (issue 22) are for people: changing them must not re-run the simulation (a node dragged during playback would
 * otherwise restart the run it is part of).
 */
import type { DocumentInput } from './commands.ts';

/** `doc` without the fields the engine ignores. */
export function simulationInput(doc: DocumentInput): unknown {
  const { name: _name, description: _description, $schema: _schema, script: _script, ...rest } = doc;
  return { ...rest, nodes: doc.nodes.map(({ label: _label, position: _position, ...node }) => node) };
}

/** Whether two documents simulate the same run (they differ, if at all, only in what people read). */
export function sameSimulation(a: DocumentInput, b: DocumentInput): boolean {
  return a === b || JSON.stringify(simulationInput(a)) === JSON.stringify(simulationInput(b));
}

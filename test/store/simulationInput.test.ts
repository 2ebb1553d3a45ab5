/** Which document edits change the run: positions, labels, names and descriptions do not. */
import { describe, expect, it } from 'vitest';
import { applyCommand } from '../../src/store/document/commands.ts';
import { sameSimulation } from '../../src/store/document/simulationInput.ts';
import { example } from '../support/scenarios.ts';

describe('the same simulation', () => {
  const doc = example('checkout');

  it('ignores what only people read: positions, labels, the name and description', () => {
    expect(sameSimulation(doc, applyCommand(doc, { type: 'moveNodes', positions: { orders: { x: 10, y: 20 } } }))).toBe(true);
    expect(sameSimulation(doc, applyCommand(doc, { type: 'updateNode', id: 'orders', patch: { label: 'Orders' } }))).toBe(true);
    expect(sameSimulation(doc, applyCommand(doc, { type: 'updateSettings', patch: { name: 'Renamed', description: 'Other words' } }))).toBe(
      true,
    );
  });

  it('sees every edit the engine reads', () => {
    expect(sameSimulation(doc, applyCommand(doc, { type: 'updateNode', id: 'orders', patch: { workers: 3 } }))).toBe(false);
    expect(sameSimulation(doc, applyCommand(doc, { type: 'updateSettings', patch: { seed: 99 } }))).toBe(false);
    expect(sameSimulation(doc, applyCommand(doc, { type: 'addFault', fault: { kind: 'crash', target: 'payments', at: 1000 } }))).toBe(
      false,
    );
    expect(sameSimulation(doc, applyCommand(doc, { type: 'updateLink', id: 'orders->payments', patch: { protocol: 'grpc' } }))).toBe(false);
  });
});

/** The JSON Schema of the scenario format, generated from the zod schema. */
import { z } from 'zod';
import { ScenarioSchema, SCENARIO_VERSION } from './scenario.ts';

/** The published schema as formatted JSON text (what `public/schema/scenario.v1.json` holds). */
export function scenarioJsonSchemaText(): string {
  const schema = z.toJSONSchema(ScenarioSchema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, $id: `urn:crosstalk:scenario:v${SCENARIO_VERSION}` }, null, 2)}\n`;
}

/**
 * How long a run lasts. The playground's Duration field sets the document's `duration`; the
 * command line's `--until` and the work estimate set it through `withDuration`, so a run of a
 * given length means one thing everywhere: clients without their own `stop` send until its end,
 * changes and the metric series span it, and the report's rates are over all of it.
 */
import type { Scenario } from './scenario.ts';

/** `scenario` as if its `duration` were `ms` (the same object when it already is). */
export function withDuration(scenario: Scenario, ms: number | undefined): Scenario {
  return ms === undefined || ms === scenario.duration ? scenario : { ...scenario, duration: ms };
}

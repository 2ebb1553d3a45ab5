/** One step of a call plan: its call (or parallel calls), and the buttons that rearrange it. */
import type { FieldPath } from '../schemaInfo.ts';
import type { Commit } from '../useFieldValidation.ts';
import {
  callsIn,
  isGroup,
  joinWithNext,
  makeSequential,
  moveStep,
  removeCall,
  removeStep,
  setCall,
  type CallInput,
  type Step,
} from '../callPlan.ts';
import { DurationField } from './DurationField.tsx';
import { SelectField } from './SelectField.tsx';
import { TextField } from './TextField.tsx';

const NO_GATEWAYS: ReadonlyMap<string, readonly string[]> = new Map();

/** The call to `to`: its path kept only while it still goes to a gateway (a path is a gateway's to route by). */
function retarget(call: CallInput, to: string, gateways: ReadonlyMap<string, readonly string[]>): CallInput {
  const { path: _path, ...rest } = call;
  return gateways.has(to) && call.path !== undefined ? { ...rest, to, path: call.path } : { ...rest, to };
}

export interface CallStepItemProps {
  readonly steps: readonly Step[];
  readonly index: number;
  /** The plan's path in the document (`['nodes', 1, 'calls']`). */
  readonly path: FieldPath;
  /** Services, queues and topics this one has a link to. */
  readonly linked: readonly string[];
  /** How each of `linked` reads as a choice (a queue or topic is marked: a call to one is a publish); default: its id. */
  readonly labels?: readonly string[];
  /** The route prefixes of each gateway among `linked`: a call to one may carry the path it routes by. */
  readonly gateways?: ReadonlyMap<string, readonly string[]>;
  /** Commits a whole new plan; returns why it was refused. */
  readonly apply: (steps: Step[]) => void;
  readonly commit: Commit;
}

export function CallStepItem({ steps, index, path, linked, labels = linked, gateways = NO_GATEWAYS, apply, commit }: CallStepItemProps) {
  const step = steps[index];
  const n = index + 1;
  const group = isGroup(step);
  const calls = callsIn(step);
  const options = linked.map((id, i) => ({ value: id, label: labels[i] ?? id }));
  return (
    <li className="inspector-step">
      <div className="inspector-step-head">
        <span className="inspector-step-title">
          Step {n}
          {group ? ' — in parallel' : ''}
        </span>
        <span className="inspector-step-actions">
          <button
            type="button"
            aria-label={`Move step ${n} up`}
            title="Move up"
            disabled={index === 0}
            onClick={() => apply(moveStep(steps, index, -1))}
          >
            ↑
          </button>
          <button
            type="button"
            aria-label={`Move step ${n} down`}
            title="Move down"
            disabled={index === steps.length - 1}
            onClick={() => apply(moveStep(steps, index, 1))}
          >
            ↓
          </button>
          {index < steps.length - 1 && (
            <button
              type="button"
              aria-label={`Run step ${n} in parallel with step ${n + 1}`}
              title="Make the calls of this step and the next run at the same time"
              onClick={() => apply(joinWithNext(steps, index))}
            >
              ∥ next
            </button>
          )}
          {group && (
            <button
              type="button"
              aria-label={`Make step ${n} sequential`}
              title="Make these calls one after another"
              onClick={() => apply(makeSequential(steps, index))}
            >
              Sequential
            </button>
          )}
          <button type="button" aria-label={`Remove step ${n}`} title="Remove this step" onClick={() => apply(removeStep(steps, index))}>
            ✕
          </button>
        </span>
      </div>
      {calls.map((call, j) => {
        const name = group ? `Step ${n}, call ${j + 1}: ` : `Step ${n}: `;
        // The first call explains the fields; later ones keep the explanation for screen readers.
        const quiet = index > 0 || j > 0;
        const callPath = group ? [...path, index, 'parallel', j] : [...path, index];
        const replace = (next: CallInput) => commit(setCall(steps, index, j, next));
        return (
          <div className="inspector-call" key={j}>
            <SelectField
              label="Service"
              hiddenPrefix={name}
              quiet={quiet}
              path={[...callPath, 'to']}
              value={call.to}
              options={options}
              commit={(to) => replace(retarget(call, to as string, gateways))}
            />
            {gateways.has(call.to) && (
              <TextField
                label="Path"
                hiddenPrefix={name}
                quiet={quiet}
                path={[...callPath, 'path']}
                value={call.path}
                placeholder="/ (the default)"
                commit={(p) => replace({ ...call, path: p as CallInput['path'] })}
              />
            )}
            {gateways.has(call.to) && (
              <p className="inspector-note">
                {call.to} routes {(gateways.get(call.to) ?? []).join(', ') || 'nothing yet'} (the longest matching prefix; none: 404).
              </p>
            )}
            <DurationField
              label="Timeout"
              hiddenPrefix={name}
              quiet={quiet}
              path={[...callPath, 'timeout']}
              value={call.timeout}
              placeholder="link's timeout"
              commit={(timeout) => replace({ ...call, timeout: timeout as CallInput['timeout'] })}
            />
            {group && (
              <button
                type="button"
                className="inspector-small"
                aria-label={`Remove call ${j + 1} of step ${n}`}
                onClick={() => apply(removeCall(steps, index, j))}
              >
                Remove this call
              </button>
            )}
          </div>
        );
      })}
    </li>
  );
}

/**
 * Editing a service's call plan (its ordered downstream calls), as pure functions over the list
 * of steps: each returns a new list, which the inspector commits as one edit.
 */
import type { CallStepInput } from '../../store/document/commands.ts';

export type Step = CallStepInput;
export type CallInput = Extract<Step, { to: string }>;

export const isGroup = (step: Step): step is Extract<Step, { parallel: unknown }> => 'parallel' in step;

/** The calls of a step, in order. */
export function callsIn(step: Step): readonly CallInput[] {
  return isGroup(step) ? step.parallel : [step as CallInput];
}

/** Swaps step i with its neighbour (delta -1: up, +1: down). */
export function moveStep(steps: readonly Step[], i: number, delta: -1 | 1): Step[] {
  const j = i + delta;
  if (j < 0 || j >= steps.length) return [...steps];
  const out = [...steps];
  [out[i], out[j]] = [out[j], out[i]];
  return out;
}

/** Steps i and i+1 become one parallel step (their calls, in order). */
export function joinWithNext(steps: readonly Step[], i: number): Step[] {
  if (i + 1 >= steps.length) return [...steps];
  const joined: Step = { parallel: [...callsIn(steps[i]), ...callsIn(steps[i + 1])] };
  return [...steps.slice(0, i), joined, ...steps.slice(i + 2)];
}

/** A parallel step becomes its calls, one after another. */
export function makeSequential(steps: readonly Step[], i: number): Step[] {
  return [...steps.slice(0, i), ...callsIn(steps[i]), ...steps.slice(i + 1)];
}

export function removeStep(steps: readonly Step[], i: number): Step[] {
  return steps.filter((_, k) => k !== i);
}

/** Removes call j of step i (a parallel step left with one call becomes a plain call). */
export function removeCall(steps: readonly Step[], i: number, j: number): Step[] {
  const kept = callsIn(steps[i]).filter((_, k) => k !== j);
  if (kept.length === 0) return removeStep(steps, i);
  const step: Step = kept.length === 1 ? kept[0] : { parallel: kept };
  return steps.map((s, k) => (k === i ? step : s));
}

/** Replaces call j of step i by `call`. */
export function setCall(steps: readonly Step[], i: number, j: number, call: CallInput): Step[] {
  return steps.map((s, k) => {
    if (k !== i) return s;
    if (!isGroup(s)) return call;
    return { ...s, parallel: s.parallel.map((c, m) => (m === j ? call : c)) };
  });
}

/** Adds a step calling `to` at the end. */
export function addCall(steps: readonly Step[], to: string): Step[] {
  return [...steps, { to }];
}

/** The service a new call should go to: a linked one not called yet, else the first linked one. */
export function nextCallee(steps: readonly Step[], linked: readonly string[]): string | undefined {
  const called = new Set(steps.flatMap((s) => callsIn(s).map((c) => c.to)));
  return linked.find((id) => !called.has(id)) ?? linked[0];
}

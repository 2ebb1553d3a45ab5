/**
 * How the kernel calls into features without importing them: one object of functions, built by
 * dispatch.ts and held by the runtime (`rt.handlers`). One object of one shape keeps each call
 * site monomorphic, so V8 inlines through it as it would through a direct import.
 */
import type { Runtime } from './runtime.ts';

/** What the kernel asks of features. */
export interface Handlers {
  /**
   * Call c ended (its status set) in a scenario whose calls may be routed: true if a feature
   * took its outcome (a probe, a registry call, a poll, a broker's delivery), false if it goes
   * to its client, its service or its operation as any call's.
   */
  callEnded(rt: Runtime, c: number): boolean;
}

function unwired(): never {
  throw new Error('engine: the runtime has no feature handlers (dispatch.ts installFeatures was not called)');
}

/** The handlers of a runtime not yet wired to features: any call into one is a bug. */
export const NO_HANDLERS: Handlers = { callEnded: unwired };

/**
 * Runs an XState machine on simulated time with XState's pure `transition` function.
 *
 * XState's own clock would use wall time; instead, every delayed event a transition asks for
 * (an `after` timer, as an `xstate.raise` action with a delay) is handed to `schedule`, which
 * puts it on the engine's event queue; when the engine pops it, it comes back through `fire`.
 * Cancelled timers (`xstate.cancel`) are forgotten, so a stale timer that still pops is ignored.
 */
import { initialTransition, transition, type AnyStateMachine, type EventFromLogic, type SnapshotFrom } from 'xstate';

interface PendingTimer {
  readonly sendId: string;
  readonly event: { type: string };
}

/** Something that can put a timer on simulated time and bring it back later by token. */
export type TimerScheduler = (delayMs: number, token: number) => void;

/**
 * XState snapshots are immutable, so the initial transition of a machine for a given input can
 * be computed once and shared by every actor (and every run) that starts the same way. It costs
 * about a quarter of a millisecond, which adds up over a topology re-simulated on every edit.
 */
const initialCache = new WeakMap<AnyStateMachine, Map<string, [unknown, unknown[]]>>();

function cachedInitialTransition<M extends AnyStateMachine>(machine: M, input: unknown): [SnapshotFrom<M>, unknown[]] {
  let byInput = initialCache.get(machine);
  if (!byInput) initialCache.set(machine, (byInput = new Map()));
  const key = JSON.stringify(input);
  let result = byInput.get(key);
  if (!result) {
    result = (initialTransition as (logic: M, input: unknown) => [SnapshotFrom<M>, unknown[]])(machine, input);
    byInput.set(key, result);
  }
  return result as [SnapshotFrom<M>, unknown[]];
}

export class MachineHost<M extends AnyStateMachine = AnyStateMachine> {
  private snapshotValue: SnapshotFrom<M>;
  private readonly timers = new Map<number, PendingTimer>();
  private nextToken = 0;

  constructor(
    private readonly machine: M,
    input: unknown,
    private readonly schedule: TimerScheduler,
  ) {
    const [snapshot, actions] = cachedInitialTransition(machine, input);
    this.snapshotValue = snapshot;
    this.run(actions);
  }

  get snapshot(): SnapshotFrom<M> {
    return this.snapshotValue;
  }

  /** The current state's name (top-level machines only). */
  get state(): string {
    return String((this.snapshotValue as { value: unknown }).value);
  }

  send(event: EventFromLogic<M>): void {
    const [snapshot, actions] = transition(this.machine, this.snapshotValue, event);
    this.snapshotValue = snapshot;
    this.run(actions as unknown[]);
  }

  /** Called by the engine when a scheduled timer's time has come. */
  fire(token: number): void {
    const timer = this.timers.get(token);
    if (!timer) return; // cancelled
    this.timers.delete(token);
    this.send(timer.event as EventFromLogic<M>);
  }

  private run(actions: readonly unknown[]): void {
    for (const action of actions as { type: string; params?: Record<string, unknown> }[]) {
      if (action.type === 'xstate.raise' && action.params && typeof action.params.delay === 'number') {
        const token = this.nextToken++;
        this.timers.set(token, { sendId: String(action.params.id ?? token), event: action.params.event as { type: string } });
        this.schedule(action.params.delay, token);
      } else if (action.type === 'xstate.cancel' && action.params) {
        for (const [token, timer] of this.timers) if (timer.sendId === action.params.sendId) this.timers.delete(token);
      }
      // Other actions (assign) are already applied to the snapshot by `transition`.
    }
  }
}

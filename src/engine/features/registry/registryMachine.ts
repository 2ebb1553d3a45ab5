/**
 * A service registry's entry for one instance, as an XState machine: registered (its first
 * heartbeat, or a re-registration) → healthy (heartbeats keep coming) → expired (none for the
 * registry's TTL: a crashed instance's entry is stale until then); deregistered after a clean
 * shutdown. A heartbeat for an expired or deregistered entry registers it again. The TTL's timer
 * is the engine's (features/registry/registry.ts): it sends EXPIRE when a lease runs out.
 */
import { setup } from 'xstate';
import { EntryState } from '../../trace/eventTypes.ts';

export type RegistryEntryEvent = { type: 'HEARTBEAT' } | { type: 'EXPIRE' } | { type: 'DEREGISTER' };

/** Entry states as REGISTRY_ENTRY rows record them (defined with the other row codes). */
export { EntryState, ENTRY_STATE_NAMES, type EntryStateName } from '../../trace/eventTypes.ts';

export const registryEntryMachine = setup({
  types: {} as { events: RegistryEntryEvent },
}).createMachine({
  id: 'registryEntry',
  initial: 'registered',
  states: {
    registered: { on: { HEARTBEAT: 'healthy', EXPIRE: 'expired', DEREGISTER: 'deregistered' } },
    healthy: { on: { EXPIRE: 'expired', DEREGISTER: 'deregistered' } },
    expired: { on: { HEARTBEAT: 'registered', DEREGISTER: 'deregistered' } },
    deregistered: { on: { HEARTBEAT: 'registered' } },
  },
});

/** Whether an entry in this state is listed to callers that look the service up. */
export function isListed(state: number): boolean {
  return state === EntryState.REGISTERED || state === EntryState.HEALTHY;
}

/**
 * What a call is, for the one purpose of routing it (engine/dispatch.ts): which feature takes its
 * request when it arrives and its outcome when it ends. Kept per call in the call table's `role`
 * column, a byte, so routing reads one typed-array cell instead of probing a feature's maps.
 *
 * Most roles follow from the nodes a call joins and are set as it starts (`baseRole`, from the
 * tables the features fill in at build time); a poll and a health probe are set by their feature
 * just after the call starts, and go back to the base role as the call ends (a late request of a
 * poll or probe that timed out is then taken as any request to its callee, as it always was).
 * REQUEST, 0, is a service's request: a plain scenario's calls never have another role.
 */
export const Role = {
  /** A request to a service (also: a consumer's fetch of an event's data, a publish's own call chain). */
  REQUEST: 0,
  /** A poll of an accepted job (features/asyncHttp). */
  POLL: 1,
  /** A health probe of an instance (features/healthCheck). */
  PROBE: 2,
  /** A heartbeat, deregistration or lookup: any call to a registry (features/registry). */
  REGISTRY: 3,
  /** A publish to a queue (features/queue). */
  QUEUE_PUBLISH: 4,
  /** A publish to a topic (features/topic). */
  TOPIC_PUBLISH: 5,
  /** A publish to an event stream (features/stream). */
  STREAM_PUBLISH: 6,
  /** A queue's delivery to one of its consumers (features/queue). */
  QUEUE_DELIVERY: 7,
  /** An event stream's delivery to a consumer group's member (features/stream). */
  STREAM_DELIVERY: 8,
} as const;

/** Names of the roles, by code (for messages and tests). */
export const ROLE_NAMES = Object.keys(Role) as readonly (keyof typeof Role)[];

/**
 * What a lesson's step asks the learner to watch, as data: "the breaker goes HALF_OPEN", "the
 * queue's backlog grows", "api is busy 90 % of the time". Each names the system it happens in
 * (the lesson's start, its solution, or the start with some edits: the learner's system at that
 * step) and, optionally, when. A test runs each system and checks from the trace that everything
 * a step asks to watch happens within the run, so a step's words cannot drift from its numbers.
 */
import { z } from 'zod';
import { DurationSchema } from '../model/index.ts';
import { Id } from '../model/primitives.ts';

/** Settings to merge into a lesson's starting nodes and links, by id (a solution, or the edits a step has the learner make). */
export const EditsSchema = z.strictObject({
  nodes: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
  links: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
});
export type Edits = z.output<typeof EditsSchema>;

/** The breaker states a step can name (as the canvas's badge shows them). */
export const WATCHED_BREAKER_STATES = ['CLOSED', 'OPEN', 'HALF_OPEN'] as const;
const BreakerStateName = z.enum(WATCHED_BREAKER_STATES);

/** Why a node refused a request (engine RejectReason, by name). */
export const REFUSAL_REASONS = [
  'queueFull',
  'unavailable',
  'rateLimited',
  'shed',
  'waitedTooLong',
  'deadlinePassed',
  'noInstance',
  'unauthenticated',
  'tokenExpired',
  'tokenInvalid',
  'noRoute',
] as const;

const Common = {
  in: z
    .union([z.enum(['start', 'solution']), EditsSchema])
    .default('start')
    .meta({
      description:
        "The system it happens in: the lesson's start, its solution, or the start with these edits (the learner's system at that step).",
    }),
  never: z
    .literal(true)
    .optional()
    .meta({ description: 'The step says it does not happen (e.g. "it never goes HALF_OPEN within the run").' }),
};
/** When it happens (default: any time in the run). */
const Window = {
  from: DurationSchema.optional().meta({ description: 'It happens at or after this time.' }),
  to: DurationSchema.optional().meta({ description: 'It happens before this time.' }),
};
const Instance = {
  node: Id.meta({ description: 'The service.' }),
  instance: z.int().min(1).max(1000).default(1).meta({ description: 'Which of its instances (1: the first).' }),
};
const Counted = { atLeast: z.int().min(1).default(1), atMost: z.int().min(0).optional() };

export const WatchSchema = z.discriminatedUnion('kind', [
  z
    .strictObject({
      kind: z.literal('breaker'),
      link: Id,
      state: BreakerStateName,
      after: BreakerStateName.optional().meta({ description: 'Only a change from this state.' }),
      ...Window,
      ...Common,
    })
    .meta({ description: "The link's circuit breaker changes to this state." }),
  z
    .strictObject({ kind: z.literal('line'), node: Id, atLeast: z.int().min(1).default(1), ...Window, ...Common })
    .meta({ description: "Requests wait in the service's line (every worker busy): the line reaches this length." }),
  z
    .strictObject({
      kind: z.literal('backlog'),
      broker: Id,
      atLeast: z.int().min(1),
      drainsTo: z.int().min(0).optional().meta({ description: 'And falls back to at most this many by the end of the run.' }),
      ...Window,
      ...Common,
    })
    .meta({ description: "The queue's ready messages reach this many." }),
  z
    .strictObject({ kind: z.literal('lag'), broker: Id, group: Id, atLeast: z.int().min(1), ...Common })
    .meta({ description: "The stream's consumer group ends the run at least this many messages behind." }),
  z
    .strictObject({ kind: z.literal('calls'), link: Id, ...Counted, ...Window, ...Common })
    .meta({ description: 'Calls (attempts) sent over the link.' }),
  z
    .strictObject({ kind: z.literal('retries'), link: Id, ...Counted, ...Window, ...Common })
    .meta({ description: 'Failed attempts over the link retried.' }),
  z
    .strictObject({ kind: z.literal('timeouts'), link: Id, ...Counted, ...Window, ...Common })
    .meta({ description: 'Attempts over the link the caller gave up on.' }),
  z
    .strictObject({
      kind: z.literal('refused'),
      node: Id,
      reasons: z.array(z.enum(REFUSAL_REASONS)).min(1),
      ...Counted,
      ...Window,
      ...Common,
    })
    .meta({ description: 'Requests the node refused for one of these reasons.' }),
  z
    .strictObject({ kind: z.literal('ejected'), link: Id, ...Instance, ...Window, ...Common })
    .meta({ description: "The link's caller ejects the instance (outlier ejection)." }),
  z
    .strictObject({ kind: z.literal('readmitted'), link: Id, ...Instance, ...Window, ...Common })
    .meta({ description: 'The ejection ends: the instance is back in rotation.' }),
  z
    .strictObject({
      kind: z.literal('registryEntry'),
      registry: Id,
      ...Instance,
      state: z.enum(['registered', 'healthy', 'expired', 'deregistered']),
      ...Window,
      ...Common,
    })
    .meta({ description: "The registry's entry for the instance changes to this state." }),
  z
    .strictObject({ kind: z.literal('uncached'), link: Id, ...Instance, ...Window, ...Common })
    .meta({ description: "The caller's discovery cache for the link drops the instance (a lookup no longer lists it)." }),
  z
    .strictObject({
      kind: z.literal('busy'),
      node: Id,
      atLeast: z.number().min(0).max(1).optional(),
      below: z.number().min(0).max(1).optional(),
      ...Common,
    })
    .meta({ description: "The service's workers are busy this share of the run (a figure a step quotes)." }),
]);

export type Watch = z.output<typeof WatchSchema>;

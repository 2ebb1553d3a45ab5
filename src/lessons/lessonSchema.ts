/**
 * A lesson as data (simulations/lessons/*.json): what it teaches, the system it starts from, the
 * steps a learner follows, what they may change, the goals their run must meet, hints, a
 * reference solution (edits to the starting system) and a debrief quoting their own figures.
 * One zod schema is the source of the types and of the validation of every lesson file.
 */
import { z } from 'zod';
import { DurationSchema, type ScenarioInput } from '../model/index.ts';
import { Id } from '../model/primitives.ts';
import { EditsSchema, WatchSchema, type Edits } from './watchSchema.ts';
import { CONCEPT_NAMES } from './concepts.ts';

const Window = {
  from: DurationSchema.optional().meta({ description: 'Only requests sent from this time on.' }),
  to: DurationSchema.optional().meta({ description: 'Only requests sent before this time.' }),
};
const Label = {
  label: z.string().max(200).optional().meta({ description: 'How the goal reads to the learner (default: from its figures).' }),
};
const Stat = z.enum(['mean', 'p50', 'p95', 'p99', 'max']);

export const GoalSchema = z.discriminatedUnion('kind', [
  z
    .strictObject({ kind: z.literal('latency'), client: Id, stat: Stat.default('p99'), below: DurationSchema, ...Window, ...Label })
    .meta({ description: "The client's answered requests (sent in the window) are this fast." }),
  z
    .strictObject({ kind: z.literal('failures'), client: Id, atMost: z.number().min(0).max(1), ...Window, ...Label })
    .meta({ description: "At most this share of the client's requests (sent in the window, ended) fail, time out or are refused." }),
  z
    .strictObject({ kind: z.literal('completed'), client: Id, atLeast: z.number().min(0).max(1), ...Window, ...Label })
    .meta({ description: "At least this share of the client's requests (sent in the window) are answered OK by the end." }),
  z
    .strictObject({
      kind: z.literal('utilization'),
      node: Id,
      below: z.number().min(0).max(1).optional(),
      atLeast: z.number().min(0).max(1).optional(),
      ...Label,
    })
    .meta({ description: "The service's workers are busy less than / at least this share of the time." }),
  z
    .strictObject({ kind: z.literal('handled'), node: Id, atLeast: z.number().int().min(0), ...Label })
    .meta({ description: 'The service answered at least this many requests (or processed this many messages) successfully.' }),
  z
    .strictObject({
      kind: z.literal('calls'),
      link: Id,
      atMost: z.number().int().min(0).optional(),
      atLeast: z.number().int().min(0).optional(),
      atMostOfStart: z.number().min(0).max(10).optional().meta({
        description:
          'At most this share of the calls the lesson\'s starting system makes over the link (same seed): 0.5 is "less than half of those without your change".',
      }),
      ...Label,
    })
    .meta({ description: 'Calls (attempts) sent over the link, in all.' }),
  z
    .strictObject({ kind: z.literal('lost'), broker: Id, atMost: z.number().int().min(0).default(0), ...Label })
    .meta({ description: 'Messages the queue or stream lost: dropped or dead-lettered (a queue), skipped or expired unread (a stream).' }),
  z
    .strictObject({ kind: z.literal('breakerOpened'), link: Id, beforeFailures: z.number().int().min(1).optional(), ...Label })
    .meta({ description: "The link's circuit breaker opened, before that many calls over the link had failed." }),
  z.strictObject({ kind: z.literal('inOrder'), broker: Id, atMost: z.number().int().min(0).default(0), ...Label }).meta({
    description:
      "The stream's consumer groups processed each key's messages in the order they were appended: at most this many came after a later one of the same key.",
  }),
  z.strictObject({ kind: z.literal('lag'), broker: Id, group: Id, atMost: z.number().int().min(0), ...Label }).meta({
    description:
      "The stream's consumer group keeps up: its lag (messages appended but not yet committed, over all partitions) is at most this at the end.",
  }),
]);

/**
 * The goal of a step's script task: the learner's last run of the script ended without an error, published at least one check,
 * every check passed, and the checks named here are among them (so deleting a check does not pass it).
 */
export const ScriptGoalSchema = z
  .strictObject({
    kind: z.literal('scriptChecks'),
    checks: z
      .array(z.string().min(1).max(200))
      .default([])
      .meta({ description: 'Checks (by name) the run must have published, and passed.' }),
    ...Label,
  })
  .meta({ description: "The learner's last run of the script ran to its end and every check it published passed." });

/** A script file of a lesson: a name in simulations/lessons/scripts/. */
const ScriptFile = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]*\.ts$/, { error: 'names a file in simulations/lessons/scripts/, e.g. "backoff-sweep.ts"' });

/** A step's script task: a starter the learner completes in the Script panel, its reference solution, and what the run must show. */
export const ScriptTaskSchema = z.strictObject({
  starter: ScriptFile.meta({ description: 'The script the step opens in the Script panel (a file in simulations/lessons/scripts/).' }),
  solution: ScriptFile.meta({
    description: 'The reference solution of the task (a file there too): a test checks it passes and the starter fails.',
  }),
  goal: ScriptGoalSchema,
});

/** The playground's controls a step can point at (each carries `data-lesson-target` with its name). */
export const LESSON_CONTROLS = ['play', 'speed', 'timeline', 'break', 'palette', 'inspector'] as const;
/** The charts a step can point at. */
export const LESSON_CHARTS = ['summary', 'history'] as const;
export type LessonTarget = (typeof LESSON_CONTROLS)[number] | (typeof LESSON_CHARTS)[number];

/** The topics the curriculum map groups lessons by, in the order it shows them, with their headings. */
export const LESSON_TOPICS = {
  sync: 'Synchronous calls',
  resilience: 'Failure and resilience',
  async: 'Queues and topics',
  streams: 'Event streams',
  entry: 'Entry, discovery and load balancing',
} as const;
export type LessonTopic = keyof typeof LESSON_TOPICS;

export const LessonSchema = z
  .strictObject({
    $schema: z.string().optional(),
    id: Id,
    order: z.number().int().min(1).meta({ description: 'Its place in the curriculum.' }),
    title: z.string().min(1).max(120),
    topic: z
      .enum(Object.keys(LESSON_TOPICS) as [LessonTopic, ...LessonTopic[]])
      .meta({ description: 'The group of the curriculum map it is listed in: sync, resilience, async, streams or entry.' }),
    requires: z.array(Id).default([]).meta({
      description:
        'The lessons (by id) to do before this one: earlier in the order (a test checks). The map suggests a lesson once these are done.',
    }),
    challenge: z.boolean().default(false).meta({
      description:
        'A challenge: goals only, and one step that states the problem; it combines several concepts the lessons it requires taught.',
    }),
    concepts: z
      .array(
        z
          .string()
          .max(80)
          .regex(/^[^§]*$/, { error: 'names a concept ("Timeouts"), not a section of a document the app does not show ("§5")' })
          .refine((name) => CONCEPT_NAMES.has(name), {
            error: (issue) =>
              `"${String(issue.input)}" is not a concept of the curriculum (src/lessons/concepts.ts lists them, by the names docs/CONCEPTS.md uses)`,
          }),
      )
      .min(1)
      .meta({
        description: 'The concepts it teaches, by their names in src/lessons/concepts.ts, e.g. "Timeouts" (the lesson list shows them).',
      }),
    summary: z.string().max(600),
    scenario: z.record(z.string(), z.unknown()).meta({ description: 'The system it starts from: a scenario document.' }),
    steps: z
      .array(
        z.strictObject({
          text: z.string().min(1).max(600),
          highlight: z
            .strictObject({
              node: Id.optional(),
              link: Id.optional(),
              control: z.enum(LESSON_CONTROLS).optional().meta({
                description: 'A control of the playground to point at: play, speed, timeline, break (the fault menu), palette, inspector.',
              }),
              chart: z.enum(LESSON_CHARTS).optional().meta({
                description:
                  "A chart to point at: summary (the run's figures), history (a queue's depth or a stream's lag over time, in the inspector of the node selected).",
              }),
            })
            .optional()
            .meta({ description: 'What the step points at: a node or link of the scenario, a control or a chart.' }),
          watch: z.array(WatchSchema).optional().meta({
            description:
              'What the step asks the learner to watch (or says happens), in the system they have at that step: a test checks each happens within the run.',
          }),
          script: ScriptTaskSchema.optional().meta({
            description:
              'A script task: the step opens a starter script in the Script panel; its goal is judged on the last run of the script.',
          }),
        }),
      )
      .min(1),
    editable: z.array(Id).meta({ description: 'The nodes and links (by id) the learner may change; everything else is locked.' }),
    goals: z.array(GoalSchema).min(1),
    hints: z.array(z.string().max(600)).default([]),
    solution: EditsSchema.meta({ description: 'The reference solution: settings to merge into the starting nodes and links, by id.' }),
    debrief: z.string().max(2000).meta({ description: 'What the learner just saw; {0}, {1}… are the measured figures of the goals.' }),
  })
  .refine((l) => !l.challenge || (l.steps.length === 1 && l.steps[0].watch === undefined), {
    error: 'a challenge has one step, its brief (no walk-through, nothing to watch): the goals are the guide',
    path: ['steps'],
  });

export type Lesson = z.output<typeof LessonSchema>;
export type Goal = z.output<typeof GoalSchema>;
export type ScriptGoal = z.output<typeof ScriptGoalSchema>;
export type ScriptTask = z.output<typeof ScriptTaskSchema>;

/** The lesson's starting system with a solution's settings merged in (by node and link id). */
export function applySolution(lesson: Lesson, solution: Edits = lesson.solution): ScenarioInput {
  const doc = structuredClone(lesson.scenario) as unknown as ScenarioInput;
  const linkKey = (l: { id?: string; from: string; to: string }) => l.id ?? `${l.from}->${l.to}`;
  return {
    ...doc,
    nodes: doc.nodes.map((n) => ({ ...n, ...(solution.nodes[n.id] ?? {}) }) as typeof n),
    links: (doc.links ?? []).map((l) => ({ ...l, ...(solution.links[linkKey(l)] ?? {}) }) as typeof l),
  };
}

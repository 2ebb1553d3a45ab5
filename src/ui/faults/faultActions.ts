/**
 * The ways to break a node or a link from the fault menu, as data: which apply to what, the
 * numbers each asks for (with defaults, units and bounds), and the schedule entry each makes.
 * Pure, so the menu and tests share one definition. Faults are placed at the playhead's time.
 */
import { linkId } from '../../model/index.ts';
import type { DocumentInput, FaultInput } from '../../store/document/commands.ts';
import { mostReplicas } from '../inspector/topologyQueries.ts';

/** What the menu was opened for: a node or a link, by id (as the canvas reports it). */
export interface FaultTargetRef {
  readonly kind: 'node' | 'link';
  readonly id: string;
}

/** The target as the document knows it. */
export type FaultTarget =
  /** `replicas`: the most instances the service has in the run, when more than one. */
  | { readonly kind: 'service'; readonly id: string; readonly name: string; readonly replicas?: number }
  | {
      readonly kind: 'client' | 'queue' | 'topic' | 'stream' | 'registry' | 'gateway' | 'loadBalancer';
      readonly id: string;
      readonly name: string;
    }
  | { readonly kind: 'link'; readonly id: string; readonly name: string; readonly from: string; readonly to: string };

/** One number a fault asks for, in the unit people think in (seconds, percent). */
export interface FaultField {
  readonly name: string;
  readonly label: string;
  readonly unit: string;
  readonly min: number;
  readonly max: number;
  readonly step: number;
  readonly defaultValue: number;
}

/** Which way a partition cuts: both ways, or only messages from `from` to `to` (or back). */
export type PartitionDirection = 'both' | 'forward' | 'backward';

export type FaultActionId = 'crash' | 'slow' | 'errors' | 'latency' | 'loss' | 'partition';

export interface FaultAction {
  readonly id: FaultActionId;
  /** The menu item's name. */
  readonly label: string;
  /** What it does, in a few words (shown after the label). */
  readonly hint: string;
  readonly fields: readonly FaultField[];
  /** Whether the form asks which way (partitions only). */
  readonly asksDirection: boolean;
}

/** The longest fault the menu offers: one simulated hour (the schema allows more; a file can say so). */
const MAX_SECONDS = 3600;
const lasting = (defaultValue: number): FaultField => ({
  name: 'seconds',
  label: 'For',
  unit: 's',
  min: 0.1,
  max: MAX_SECONDS,
  step: 0.1,
  defaultValue,
});
const percent = (label: string, defaultValue: number): FaultField => ({
  name: 'percent',
  label,
  unit: '%',
  min: 0,
  max: 100,
  step: 1,
  defaultValue,
});

const SERVICE_ACTIONS: readonly FaultAction[] = [
  {
    id: 'crash',
    label: 'Crash…',
    hint: 'restart after N s',
    asksDirection: false,
    fields: [{ ...lasting(5), label: 'Restart after' }],
  },
  {
    id: 'slow',
    label: 'Slow down…',
    hint: 'work takes ×N longer',
    asksDirection: false,
    fields: [{ name: 'factor', label: 'Slower by ×', unit: '', min: 1, max: 1000, step: 0.5, defaultValue: 4 }, lasting(10)],
  },
  { id: 'errors', label: 'Error rate…', hint: 'fail N % of requests', asksDirection: false, fields: [percent('Fail', 50), lasting(10)] },
];

/** A queue can only be crashed: a broker outage (it refuses publishes and delivers nothing meanwhile). */
const QUEUE_ACTIONS: readonly FaultAction[] = [
  { id: 'crash', label: 'Crash…', hint: 'broker down for N s', asksDirection: false, fields: [{ ...lasting(5), label: 'Back after' }] },
];

/** A topic can only be crashed too: it refuses publishes while down (its subscriptions keep what they have). */
const TOPIC_ACTIONS: readonly FaultAction[] = [
  {
    id: 'crash',
    label: 'Crash…',
    hint: 'refuse publishes for N s',
    asksDirection: false,
    fields: [{ ...lasting(5), label: 'Back after' }],
  },
];

/**
 * A stream can only be crashed as well: it refuses publishes and delivers nothing while down, and loses the commits that reach it (its logs
 * survive).
 */
const STREAM_ACTIONS: readonly FaultAction[] = [
  { id: 'crash', label: 'Crash…', hint: 'stream down for N s', asksDirection: false, fields: [{ ...lasting(5), label: 'Back after' }] },
];

/** A registry can only be crashed: an outage (heartbeats and lookups refused; callers keep their caches, leases run out). */
const REGISTRY_ACTIONS: readonly FaultAction[] = [
  { id: 'crash', label: 'Crash…', hint: 'registry down for N s', asksDirection: false, fields: [{ ...lasting(5), label: 'Back after' }] },
];

const LINK_ACTIONS: readonly FaultAction[] = [
  {
    id: 'latency',
    label: 'Latency spike…',
    hint: '+N ms each way',
    asksDirection: false,
    fields: [{ name: 'ms', label: 'Add', unit: 'ms', min: 0, max: 3_600_000, step: 1, defaultValue: 200 }, lasting(10)],
  },
  { id: 'loss', label: 'Packet loss…', hint: 'lose N % of messages', asksDirection: false, fields: [percent('Lose', 30), lasting(10)] },
  { id: 'partition', label: 'Partition…', hint: 'both ways or one way', asksDirection: true, fields: [lasting(10)] },
];

/** The node or link `ref` names in `document`, or undefined if there is none (any more). */
export function resolveTarget(document: DocumentInput, ref: FaultTargetRef): FaultTarget | undefined {
  if (ref.kind === 'node') {
    const node = document.nodes.find((n) => n.id === ref.id);
    // Kinds the menu has no faults for yet (a newer kind) get no menu rather than a wrong one.
    const known = ['service', 'gateway', 'loadBalancer', 'client', 'queue', 'topic', 'stream', 'registry'] as const;
    if (!node || !(known as readonly string[]).includes(node.kind)) return undefined;
    // A service with replicas (at any time of the run): its faults may hit one instance (the form asks which).
    const replicas = mostReplicas(document, node.id);
    if (node.kind === 'service' && replicas > 1) return { kind: 'service', id: node.id, name: node.label ?? node.id, replicas };
    return { kind: node.kind as (typeof known)[number], id: node.id, name: node.label ?? node.id };
  }
  const link = (document.links ?? []).find((l) => linkId(l) === ref.id);
  return link ? { kind: 'link', id: ref.id, name: ref.id, from: link.from, to: link.to } : undefined;
}

/** What can be done to `target` (nothing to a client: it only sends). */
export function actionsFor(target: FaultTarget): readonly FaultAction[] {
  // A gateway or a load balancer is a service at heart: it crashes, slows down and fails like one.
  if (target.kind === 'service' || target.kind === 'gateway' || target.kind === 'loadBalancer') return SERVICE_ACTIONS;
  if (target.kind === 'registry') return REGISTRY_ACTIONS;
  if (target.kind === 'queue') return QUEUE_ACTIONS;
  if (target.kind === 'topic') return TOPIC_ACTIONS;
  if (target.kind === 'stream') return STREAM_ACTIONS;
  if (target.kind === 'link') return LINK_ACTIONS;
  return [];
}

/** Every field's default, by name. */
export function defaultValues(action: FaultAction): Record<string, number> {
  return Object.fromEntries(action.fields.map((f) => [f.name, f.defaultValue]));
}

/** Why `value` cannot be used for `field`, or undefined if it can. */
export function fieldProblem(field: FaultField, value: number): string | undefined {
  if (!Number.isFinite(value)) return 'must be a number';
  if (value < field.min) return `must be at least ${field.min}`;
  if (value > field.max) return `must be at most ${field.max}`;
  if (field.name === 'seconds' && value <= 0) return 'must be greater than 0';
  return undefined;
}

/** Milliseconds of a number of seconds, without float noise (0.1 s → 100 ms, not 100.00000000000001). */
const secondsToMs = (seconds: number) => Math.round(seconds * 1e6) / 1e3;

/**
 * The schedule entry for `action` on `target` starting at `at` (ms). `values` are the form's
 * numbers by field name; `direction` matters for partitions only, `instance` (1, 2…; undefined:
 * every instance) for a service's faults only.
 */
export function buildFault(
  action: FaultActionId,
  target: FaultTarget,
  values: Readonly<Record<string, number>>,
  at: number,
  direction: PartitionDirection = 'both',
  instance?: number,
): FaultInput {
  const duration = secondsToMs(values.seconds);
  const rate = (values.percent ?? 0) / 100;
  if (target.kind === 'link') {
    switch (action) {
      case 'latency':
        return { kind: 'latency', link: target.id, at, duration, add: values.ms };
      case 'loss':
        return { kind: 'loss', link: target.id, at, duration, rate };
      case 'partition': {
        const between: [string, string] = direction === 'backward' ? [target.to, target.from] : [target.from, target.to];
        return { kind: 'partition', between, oneWay: direction !== 'both', at, duration };
      }
      default:
        break;
    }
  } else if (target.kind === 'queue' || target.kind === 'topic' || target.kind === 'stream' || target.kind === 'registry') {
    if (action === 'crash') return { kind: 'crash', target: target.id, at, duration };
  } else if (target.kind === 'service' || target.kind === 'gateway' || target.kind === 'loadBalancer') {
    const one = instance === undefined ? {} : { instance };
    switch (action) {
      case 'crash':
        return { kind: 'crash', target: target.id, at, duration, ...one };
      case 'slow':
        return { kind: 'slow', target: target.id, at, duration, factor: values.factor, ...one };
      case 'errors':
        return { kind: 'errors', target: target.id, at, duration, rate, ...one };
      default:
        break;
    }
  }
  throw new Error(`"${action}" does not apply to a ${target.kind}`);
}

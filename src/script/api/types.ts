/**
 * The script API as a script sees it (issue 22): the one source of the declarations the editor
 * shows (`npm run script:types` flattens this file into `src/script/apiDeclarations.ts`) and the
 * type the in-sandbox implementation (`prelude.ts`) is checked against. The system's shapes are
 * the model's own input types, so a script's system cannot drift from what import accepts.
 *
 * Every type exported here becomes a global type in the editor; `ScriptGlobals`' members become
 * the global functions. Names avoid the DOM's (`Node`), which the editor may also know.
 */
import type { z } from 'zod';
import type { DistributionSchema, DurationSchema, ScenarioInput } from '../../model/index.ts';
import type { RunReport } from '../../engine/index.ts';

/** A duration: milliseconds (`250`) or a string with a unit (`"250ms"`, `"60s"`, `"5m"`). */
export type Duration = z.input<typeof DurationSchema>;
/** A random quantity, e.g. `{ dist: 'exponential', mean: '20ms' }`, or a plain duration (constant). */
export type Distribution = z.input<typeof DistributionSchema>;
/** A whole system as a document: the same shape as a scenario file. */
export type Scenario = ScenarioInput;
/** Any node of a system. */
export type SystemNode = ScenarioInput['nodes'][number];
export type ClientNode = Extract<SystemNode, { kind: 'client' }>;
export type ServiceNode = Extract<SystemNode, { kind: 'service' }>;
export type QueueNode = Extract<SystemNode, { kind: 'queue' }>;
export type TopicNode = Extract<SystemNode, { kind: 'topic' }>;
export type StreamNode = Extract<SystemNode, { kind: 'stream' }>;
export type RegistryNode = Extract<SystemNode, { kind: 'registry' }>;
export type GatewayNode = Extract<SystemNode, { kind: 'gateway' }>;
export type LoadBalancerNode = Extract<SystemNode, { kind: 'loadBalancer' }>;
/** A step of a service's call plan: one call, or calls made at once (`{ parallel: [...] }`). */
export type CallStep = NonNullable<ServiceNode['calls']>[number];
/** One call to a downstream service, with its own policies (overriding the link's). */
export type Call = Extract<CallStep, { to: string }>;
/** A retry policy: attempts, backoff, jitter, what is retried, a budget. */
export type RetryPolicy = NonNullable<Call['retry']>;
/** A fallback: what a call answers when it fails. */
export type Fallback = NonNullable<Call['fallback']>;
/** What a client sends: constant, poisson, bursts, ramp or closed. */
export type Workload = ClientNode['workload'];
/** The network between two nodes, with its policies. */
export type Link = NonNullable<ScenarioInput['links']>[number];
/** A fault injected at a time: crash, slow, errors, latency, loss or partition. */
export type Fault = NonNullable<ScenarioInput['faults']>[number];
/** A property edit that takes effect at a time of the run. */
export type Change = NonNullable<ScenarioInput['changes']>[number];

export type ClientOptions = Omit<ClientNode, 'id' | 'kind'>;
export type ServiceOptions = Omit<ServiceNode, 'id' | 'kind'>;
export type QueueOptions = Omit<QueueNode, 'id' | 'kind'>;
export type TopicOptions = Omit<TopicNode, 'id' | 'kind'>;
export type StreamOptions = Omit<StreamNode, 'id' | 'kind'>;
export type RegistryOptions = Omit<RegistryNode, 'id' | 'kind'>;
export type GatewayOptions = Omit<GatewayNode, 'id' | 'kind'>;
export type LoadBalancerOptions = Omit<LoadBalancerNode, 'id' | 'kind'>;
export type LinkOptions = Omit<Link, 'from' | 'to'>;
/** A system's settings: a scenario without its version (nodes, links, faults and changes optional). */
export type SystemOptions = Partial<Omit<ScenarioInput, 'version' | '$schema'>>;

/** The report of one run: per client, service, link, queue, topic, stream and registry. */
export type Report = RunReport;

/** How `run()` runs a system. */
export interface RunOptions {
  /** The seed (default: the system's own, else the script's seed). Same system + same seed = the same run. */
  seed?: number;
  /** How long the run lasts (default: the system's duration); clients without their own stop send until then. */
  until?: Duration;
}

/** A cell of a table. */
export type Cell = string | number | boolean | null;
/** A row of a table: column name → cell; the columns are the keys in the order they first appear. */
export type Row = Record<string, Cell>;
/** A line of a chart: its name and its (x, y) points. */
export interface Series {
  name: string;
  points: [number, number][];
}
/** A chart's axis labels. */
export interface Axes {
  x?: string;
  y?: string;
}

/**
 * A system being built: nodes, links, faults and changes, added in any order (ids are checked
 * when it runs). Every method returns the system itself, so calls chain.
 */
export interface System {
  /** The document built so far: a scenario, plain data (what `open()` puts on the canvas). */
  readonly scenario: Scenario;
  /** Adds nodes and links made with `service()`, `client()`, `link()`… */
  add(...parts: (SystemNode | Link)[]): System;
  /** Adds a client: a load generator sending to `options.target`. */
  client(id: string, options: ClientOptions): System;
  /** Adds a service: a worker pool, a waiting line, some work, and calls to others. */
  service(id: string, options?: ServiceOptions): System;
  queue(id: string, options?: QueueOptions): System;
  topic(id: string, options?: TopicOptions): System;
  stream(id: string, options?: StreamOptions): System;
  registry(id: string, options?: RegistryOptions): System;
  gateway(id: string, options: GatewayOptions): System;
  loadBalancer(id: string, options: LoadBalancerOptions): System;
  /** Adds the link from `from` to `to` (every call needs one), with its policies. */
  link(from: string, to: string, options?: LinkOptions): System;
  /** Schedules a fault, e.g. `{ kind: 'crash', target: 'db', at: '10s', duration: '5s' }`. */
  fault(fault: Fault): System;
  /** Schedules a change, e.g. `{ kind: 'service', target: 'api', at: '20s', set: { workers: 8 } }`. */
  change(change: Change): System;
  /** The node with this id, to change it in place (undefined if there is none). */
  node(id: string): SystemNode | undefined;
  /** A deep copy: build variants of one system (a sweep) without changing it. */
  copy(): System;
}

/** The functions every script can call (declared as globals: no import needed). */
export interface ScriptGlobals {
  /** Starts a system, e.g. `system({ duration: '30s', seed: 7 })`; add parts with its methods or `options.nodes`. */
  system(options?: SystemOptions): System;
  /** A client node, for `system({ nodes: [...] })` or `sys.add(...)`. */
  client(id: string, options: ClientOptions): ClientNode;
  /** A service node. */
  service(id: string, options?: ServiceOptions): ServiceNode;
  /** A queue node. */
  queue(id: string, options?: QueueOptions): QueueNode;
  /** A topic node. */
  topic(id: string, options?: TopicOptions): TopicNode;
  /** A stream node. */
  stream(id: string, options?: StreamOptions): StreamNode;
  /** A link from one node to another. */
  link(from: string, to: string, options?: LinkOptions): Link;
  /**
   * Runs a system natively in the engine (not inside the script's sandbox) and returns its
   * report. An invalid system stops the script with the same problem list as an import.
   */
  run(system: System | Scenario, options?: RunOptions): Report;
  /** What is wrong with a system, as import would say it (an empty list: it is valid). */
  problems(system: System | Scenario): string[];
  /** Publishes a table: one row per object; the columns are the keys in order of appearance. */
  table(rows: Row[], title?: string): void;
  /** Publishes a chart of one or more lines. */
  chart(series: Series | Series[], title?: string, axes?: Axes): void;
  /** Publishes a check; a failed one makes the headless run exit with 1. Returns `passed`. */
  check(name: string, passed: boolean, detail?: string): boolean;
  /** Publishes a line of text (values that are not strings are shown as JSON). `console.log` does the same. */
  log(...values: unknown[]): void;
  /** Offers a system to put on the canvas. An invalid one stops the script with its problems. */
  open(system: System | Scenario, title?: string): void;
  /** A seeded random number in [0, 1): same seed, same numbers. `Math.random` is the same generator. */
  random(): number;
  /** The seed of this run of the script (`--seed`, or the page's), for seeding runs of your own. */
  seed(): number;
}

/**
 * The run-time records of the two message brokers that hold no log (a queue and a topic), kept
 * beside their modules (queueBroker.ts, topicBroker.ts) as a stream's is (streamState.ts).
 */
import type { MachineHost } from '../core/machineHost.ts';
import type { SeenIds } from './messageTable.ts';

/** A message queue (features/queue/queueBroker.ts): its messages, its consumers, and its counts. */
export interface QueueRuntime {
  readonly node: number;
  readonly id: string;
  /** Timeout lane of its deliveries: the visibility timeout. */
  readonly visibilityLane: number;
  /** Deliveries without an ack before a message is dead-lettered (Infinity: never). */
  readonly maxDeliveries: number;
  /** Ready messages it holds at most, and whether a full queue drops its oldest (else it refuses the publish). */
  readonly maxLength: number;
  readonly dropHead: boolean;
  /** Its modes (the service machine with no startup time: running, or down during an outage). */
  accepting: boolean;
  mode: number;
  machine: MachineHost;
  /** Ready messages, oldest first: a ring of message ids (its length a power of two). */
  ready: Int32Array;
  readyHead: number;
  readyLength: number;
  /** Its consumers: the links to them. */
  readonly consumerLinks: Int32Array;
  /**
   * Its competing consumers, one per instance of each consumer service (a service without replicas
   * is one): the link position it consumes over, the instance's node, its prefetch and its
   * deliveries outstanding; the next to try.
   */
  readonly slotLink: Int32Array;
  readonly slotNode: Int32Array;
  readonly prefetch: Int32Array;
  readonly outstanding: Int32Array;
  /** Per consumer link: an idempotent consumer's memory of processed message ids, shared by its instances (undefined: none). */
  readonly seen: (SeenIds | undefined)[];
  nextConsumer: number;
  inFlight: number;
  // Metrics.
  /** Publishes that reached it, refused ones included (the replay's arrivals); the report's published is those it stored. */
  published: number;
  delivered: number;
  redelivered: number;
  acked: number;
  deadLettered: number;
  dropped: number;
  rejected: number;
  /** Acks that came after the visibility timeout (the message was delivered again: a duplicate effect). */
  lateAcks: number;
  /**
   * Effects: successful processings by its consumers (an idempotent one commits once per id it remembers); repeats an idempotent consumer
   * acknowledged without an effect.
   */
  effects: number;
  deduplicated: number;
  maxDepth: number;
}

/** A publish/subscribe topic (features/topic/topicBroker.ts): its subscriptions and its counts. */
export interface TopicRuntime {
  readonly node: number;
  readonly id: string;
  /** Per subscription: the link to its queue, the timeout lane and the policy of its copies (−1: none / plain). */
  readonly subscriptions: Int32Array;
  readonly lanes: Int32Array;
  policies: Int32Array;
  accepting: boolean;
  mode: number;
  machine: MachineHost;
  /** Publishes that reached it, refused ones included; the report's published is those it confirmed. */
  published: number;
  rejected: number;
  /** Copies sent to subscriptions. */
  copies: number;
}

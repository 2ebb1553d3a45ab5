/**
 * The queues' bookkeeping of messages (features/queue/queueBroker.ts): every message's publish,
 * deliveries and effects in growable typed arrays, and an idempotent consumer's bounded memory of
 * the ids it processed.
 */
/** The ids of the last `capacity` messages an idempotent consumer processed (oldest forgotten first). */
export class SeenIds {
  private readonly ids = new Set<number>();
  private readonly order: Int32Array;
  private next = 0;
  constructor(readonly capacity: number) {
    this.order = new Int32Array(Math.min(capacity, 1 << 20)).fill(-1);
  }
  has(m: number): boolean {
    return this.ids.has(m);
  }
  add(m: number): void {
    if (this.ids.has(m)) return;
    if (this.ids.size >= this.order.length) this.ids.delete(this.order[this.next]);
    this.order[this.next] = m;
    this.next = (this.next + 1) % this.order.length;
    this.ids.add(m);
  }
}

/** Every message of every queue: the publish that brought it, how often it was delivered and processed. */
export class MessageTable {
  publish = new Int32Array(256);
  deliveries = new Int32Array(256);
  /** Successful processings of it by consumers: more than one is a duplicate effect. */
  effects = new Int32Array(256);
  /** An event-only message's publisher, whom each consumer calls back to fetch the data (−1: the message carries it). */
  fetchFrom = new Int32Array(256);
  length = 0;
  /**
   * Delivery call → message, while the delivery may still need it: until the queue is done with it
   * (its ack, nack or visibility timeout) and its consumer too (its reply arrived or was lost, the
   * request was lost, or the consumer crashed holding it). The consumer looks the message up on
   * arrival (an idempotent consumer's check), for an event's fetch and when it succeeds, all
   * before its reply goes, so a delivery whose reply is back or lost needs it no more. Memory
   * follows the deliveries in flight and those still with their consumers, not the whole run.
   */
  readonly byDelivery = new Map<number, number>();
  /** Deliveries the queue still waits on whose consumer is done with them (a message of theirs was lost). */
  readonly consumerDone = new Set<number>();

  /** The queue is done with delivery c (ack, nack or timeout); `replied`: by its reply, so its consumer is done too. */
  queueDoneWith(c: number, replied: boolean): void {
    if (replied || this.consumerDone.delete(c)) this.byDelivery.delete(c);
  }

  /**
   * Delivery c's consumer is done with it (its late reply arrived, or a message of it was lost); `queueDone`: the queue is done with it
   * already.
   */
  consumerDoneWith(c: number, queueDone: boolean): void {
    // (A request lost as it was sent comes here before its delivery is entered: the mark waits for the queue's end all the same.)
    if (queueDone) this.byDelivery.delete(c);
    else this.consumerDone.add(c);
  }

  add(publishCall: number, fetchFrom = -1): number {
    if (this.length === this.publish.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.publish = grow(this.publish);
      this.deliveries = grow(this.deliveries);
      this.effects = grow(this.effects);
      this.fetchFrom = grow(this.fetchFrom);
    }
    const m = this.length++;
    this.publish[m] = publishCall;
    this.deliveries[m] = 0;
    this.effects[m] = 0;
    this.fetchFrom[m] = fetchFrom;
    return m;
  }
}

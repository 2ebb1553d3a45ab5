/**
 * A bulkhead: a separate pool of places for calls to one dependency (resilience4j's semaphore
 * bulkhead, with an optional waiting line). A call takes a place to be sent and gives it back
 * when it ends; with every place taken it waits in line if the line has room, else it is
 * refused. A waiting call that gives up (its timeout, its deadline, its caller crashing) leaves
 * the line at once.
 */
export class Bulkhead {
  /** Places taken now. */
  inFlight = 0;
  /** Calls waiting for a place, oldest first. */
  private readonly line: number[] = [];

  constructor(
    readonly maxConcurrent: number,
    readonly maxWaiting: number,
    readonly maxWait: number,
  ) {}

  /** Takes a place if one is free. */
  tryEnter(): boolean {
    if (this.inFlight >= this.maxConcurrent) return false;
    this.inFlight++;
    return true;
  }

  /** Whether a call that found no place may wait for one. */
  get canWait(): boolean {
    return this.line.length < this.maxWaiting;
  }

  get waiting(): number {
    return this.line.length;
  }

  /** Call c waits for a place; returns how many wait now. */
  wait(c: number): number {
    this.line.push(c);
    return this.line.length;
  }

  /** Call c stops waiting (it gave up). Returns whether it was waiting. */
  leaveLine(c: number): boolean {
    const i = this.line.indexOf(c);
    if (i < 0) return false;
    this.line.splice(i, 1);
    return true;
  }

  /** Empties the line, returning the waiting calls in order (a new bulkhead takes them over). */
  drainLine(): number[] {
    return this.line.splice(0, this.line.length);
  }

  /** Gives a place back; returns the waiting call that takes it now (−1: none waits). */
  leave(): number {
    this.inFlight--;
    const next = this.line.shift();
    if (next === undefined) return -1;
    this.inFlight++;
    return next;
  }
}

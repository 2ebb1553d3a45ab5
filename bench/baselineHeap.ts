/**
 * The yardstick for the engine's event queue: a plain binary min-heap on a typed array of
 * times with one int payload, ordered by time only (no priorities, no tie-breaking by
 * sequence). It is as fast as a heap gets in JavaScript; the engine's queue does more per
 * entry (ordering key, two payload words) and is measured against it.
 */
export class BaselineHeap {
  private times = new Float64Array(1024);
  private ids = new Int32Array(1024);
  private n = 0;
  id = 0;

  get size(): number {
    return this.n;
  }

  push(time: number, id: number): void {
    if (this.n === this.times.length) {
      const t = new Float64Array(this.n * 2);
      t.set(this.times);
      this.times = t;
      const d = new Int32Array(this.n * 2);
      d.set(this.ids);
      this.ids = d;
    }
    const times = this.times,
      ids = this.ids;
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (times[parent] <= time) break;
      times[i] = times[parent];
      ids[i] = ids[parent];
      i = parent;
    }
    times[i] = time;
    ids[i] = id;
  }

  pop(): number {
    const times = this.times,
      ids = this.ids;
    const top = times[0];
    this.id = ids[0];
    const n = --this.n;
    if (n > 0) {
      const time = times[n],
        id = ids[n];
      let i = 0;
      const half = n >> 1;
      while (i < half) {
        let child = 2 * i + 1;
        if (child + 1 < n && times[child + 1] < times[child]) child++;
        if (time <= times[child]) break;
        times[i] = times[child];
        ids[i] = ids[child];
        i = child;
      }
      times[i] = time;
      ids[i] = id;
    }
    return top;
  }
}

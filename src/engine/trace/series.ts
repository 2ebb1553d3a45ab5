/**
 * Metrics over simulated time: at every multiple of the sampling interval, a snapshot of each
 * service (requests in line, busy workers, and running totals). Sampling happens as the clock
 * passes each instant, so it is the same whether a run goes in one piece or in chunks.
 */
import type { Runtime } from '../kernel/runtime.ts';

export interface ServiceSeries {
  readonly line: number[];
  readonly busy: number[];
  /** Running totals at each sample time. */
  readonly ok: number[];
  readonly errors: number[];
  readonly rejected: number[];
}

export class SeriesRecorder {
  readonly times: number[] = [];
  readonly services = new Map<number, ServiceSeries>();
  private next = 0;

  constructor(
    private readonly rt: Runtime,
    readonly interval: number,
  ) {
    for (const svc of rt.services) {
      if (svc) this.services.set(svc.node, { line: [], busy: [], ok: [], errors: [], rejected: [] });
    }
  }

  /** Takes every sample due at or before `time` (state as it is now, before `time`'s events). */
  sampleUpTo(time: number): void {
    while (this.next <= time) {
      this.times.push(this.next);
      for (const [node, series] of this.services) {
        const svc = this.rt.service(node);
        series.line.push(svc.lineLength);
        series.busy.push(svc.busy);
        series.ok.push(svc.ok);
        series.errors.push(svc.errors);
        series.rejected.push(svc.rejected);
      }
      this.next = this.times.length * this.interval;
    }
  }

  /** The next time a sample is due. */
  get nextSampleTime(): number {
    return this.next;
  }
}

/**
 * Faults of the schedule as people read them ("Crash api", "Packet loss web->api 30 %"), and
 * their place in time, for the timeline's markers. Faults come from the document as written, so
 * times may be strings ("12s"); anything unreadable yields undefined rather than a wrong marker.
 */
import { formatDuration, parseDuration } from '../../model/index.ts';
import type { FaultInput } from '../../store/document/commands.ts';

/** A fault's window in milliseconds; `end` is undefined when it lasts until the end of the run. */
export interface FaultWindow {
  readonly start: number;
  readonly end: number | undefined;
}

export function faultWindow(fault: FaultInput): FaultWindow | undefined {
  const start = parseDuration(fault.at);
  if (start === undefined) return undefined;
  const length = fault.duration === undefined ? undefined : parseDuration(fault.duration);
  return { start, end: length === undefined ? undefined : start + length };
}

const percent = (rate: number) => `${Math.round(rate * 1000) / 10} %`;
const duration = (value: string | number) => {
  const ms = parseDuration(value);
  return ms === undefined ? String(value) : formatDuration(ms);
};

/** A fault's target, with the instance it hits on a service with replicas ("api instance 2"). */
const hit = (fault: { target: string; instance?: number }) =>
  fault.instance === undefined ? fault.target : `${fault.target} instance ${fault.instance}`;

/** What the fault does to what, e.g. "Slow down api ×4", "Crash api instance 2". */
export function describeFault(fault: FaultInput): string {
  switch (fault.kind) {
    case 'crash':
      return `Crash ${hit(fault)}`;
    case 'slow':
      return `Slow down ${hit(fault)} ×${fault.factor}`;
    case 'errors':
      return `Error rate ${percent(fault.rate)} on ${hit(fault)}`;
    case 'latency':
      return `Latency spike +${duration(fault.add)} on ${fault.link}`;
    case 'loss':
      return `Packet loss ${percent(fault.rate)} on ${fault.link}`;
    case 'partition':
      return `Partition ${fault.between[0]} ${fault.oneWay ? '→' : '↔'} ${fault.between[1]}`;
  }
}

/** The description with its window: "Crash api at 12.3s for 5s". */
export function describeFaultWithTime(fault: FaultInput): string {
  const window = faultWindow(fault);
  if (!window) return describeFault(fault);
  const from = `at ${formatDuration(window.start)}`;
  const length = window.end === undefined ? 'until the end' : `for ${formatDuration(window.end - window.start)}`;
  return `${describeFault(fault)} ${from} ${length}`;
}

/**
 * A floor for `mm1_engine`: the M/M/1 example written by hand as one loop over the engine's own
 * parts (its event queue, random streams, trace log and latency histograms), doing per customer
 * what the engine must at least do: the same four events (a send, the request's arrival after
 * the protocol's overhead, the work's end, the reply's arrival), the same trace rows, the call's
 * times, and three latency records. It has none of the engine's generality: no call table, no
 * component objects, no checks for features the model does not use.
 *
 * The engine's time over this loop's, measured in one run, is what that generality costs; work
 * on the engine's speed can be judged against it where the peers' ratio moves with the machine.
 */
import { PROTOCOL_PROFILES } from '../src/model/index.ts';
import { EventQueue, RandomSource, TraceType } from '../src/engine/index.ts';
import { TraceLog } from '../src/engine/trace/traceLog.ts';
import { LatencyRecorder } from '../src/engine/trace/latency.ts';

// The loop's own events.
const SEND = 1,
  ARRIVE = 2,
  WORK_DONE = 3,
  REPLY = 4;
/** The example's link: zero latency over gRPC, so each message takes the protocol's overhead. */
const OVERHEAD_MS = PROTOCOL_PROFILES.grpc.overheadMs;

export interface FloorResult {
  readonly completed: number;
  readonly meanTimeInSystemMs: number;
  readonly rows: number;
  readonly traceHash: string;
}

/** Runs until `customers` replies have arrived at the client. */
export function runMm1Floor(customers: number, seed: number): FloorResult {
  const clock = new Float64Array(1);
  const queue = new EventQueue(4096, 2);
  const trace = new TraceLog(clock, true);
  const random = new RandomSource(seed);
  const arrivals = random.stream('client:client/arrivals');
  const work = random.stream('service:server/work');
  // Sends outrun completions only by the calls still out (a few hundred at ρ = 0.9): twice is ample.
  const sentAt = new Float64Array(customers * 2);
  const arrivedAt = new Float64Array(customers * 2);
  const lineMask = (1 << 20) - 1;
  const line = new Int32Array(lineMask + 1);
  let lineHead = 0,
    lineLength = 0,
    busy = false,
    calls = 0,
    completed = 0;
  const client = new LatencyRecorder(),
    link = new LatencyRecorder(),
    service = new LatencyRecorder();
  const gap = 1000 / 90,
    meanWork = 10;
  queue.pushDefault(gap * arrivals.exponential(), SEND, 0);
  while (completed < customers) {
    const now = queue.pop();
    clock[0] = now;
    const c = queue.arg;
    switch (queue.word) {
      case SEND: {
        const call = calls++;
        sentAt[call] = now;
        trace.recordNow(TraceType.SEND, 0, call, 0);
        queue.pushDefault(now + OVERHEAD_MS, ARRIVE, call);
        queue.pushDefault(now + gap * arrivals.exponential(), SEND, 0);
        break;
      }
      case ARRIVE:
        arrivedAt[c] = now;
        trace.recordNow(TraceType.ARRIVE, 1, c, 0);
        if (!busy) {
          busy = true;
          trace.recordNow(TraceType.START, 1, c, 0);
          queue.pushDefault(now + meanWork * work.exponential(), WORK_DONE, c);
        } else {
          line[(lineHead + lineLength++) & lineMask] = c;
          trace.recordNow(TraceType.QUEUE, 1, c, lineLength);
        }
        break;
      case WORK_DONE: {
        trace.recordNow(TraceType.WORK_DONE, 1, c, 0);
        service.record(now - arrivedAt[c]);
        trace.recordNow(TraceType.REPLY, 1, c, 0);
        queue.pushDefault(now + OVERHEAD_MS, REPLY, c);
        busy = false;
        if (lineLength > 0) {
          const next = line[lineHead];
          lineHead = (lineHead + 1) & lineMask;
          lineLength--;
          busy = true;
          trace.recordNow(TraceType.START, 1, next, 0);
          queue.pushDefault(now + meanWork * work.exponential(), WORK_DONE, next);
        }
        break;
      }
      case REPLY:
        trace.recordNow(TraceType.RECEIVE, 0, c, 0);
        link.record(now - sentAt[c]);
        client.record(now - sentAt[c]);
        completed++;
        break;
    }
  }
  return { completed, meanTimeInSystemMs: client.sum / client.count, rows: trace.length, traceHash: trace.hash() };
}

// Exponential backoff and jitter (after Marc Brooker, AWS Architecture Blog, 2015):
// N callers write to one store at the same instant; it takes one write at a time and no waiting
// line, so every loser retries with capped exponential backoff. Without jitter the losers retry
// in lockstep and collide again; with jitter they spread out. Calls = the work the store saw.

type Jitter = 'none' | 'full' | 'equal' | 'decorrelated';
const jitters: Jitter[] = ['none', 'full', 'equal', 'decorrelated'];
const callerCounts = [10, 20, 30, 40, 50];

function contention(callers: number, jitter: Jitter) {
  return system({ duration: '10m', seed: 1 })
    .client('callers', { target: 'store', workload: { pattern: 'bursts', size: callers, every: '1h', stop: '1ms' } })
    .service('store', { workers: 1, queueCapacity: 0, serviceTime: '5ms' })
    .link('callers', 'store', {
      protocol: 'grpc',
      latency: '1ms',
      retry: { maxAttempts: 100, backoff: 'exponential', base: '10ms', multiplier: 2, cap: '1s', jitter, retryOn: ['rejected'] },
    });
}

const calls: Row[] = [];
const finish: Row[] = [];
const callSeries: Series[] = jitters.map((j) => ({ name: j, points: [] }));
for (const n of callerCounts) {
  const callsRow: Row = { callers: n };
  const finishRow: Row = { callers: n };
  jitters.forEach((jitter, i) => {
    const report = run(contention(n, jitter));
    const c = report.clients.callers;
    callsRow[jitter] = report.links['callers->store'].calls;
    // Every write starts at t = 0, so the slowest one's latency is when the last caller finished.
    finishRow[jitter] = c.completed === n ? Math.round(c.latency.max) : null;
    callSeries[i].points.push([n, report.links['callers->store'].calls]);
  });
  calls.push(callsRow);
  finish.push(finishRow);
}

table(calls, 'Calls (attempts, retries included)');
table(finish, "Time to finish, ms (until the last caller's write succeeded)");
chart(callSeries, 'Calls by number of callers', { x: 'callers', y: 'calls' });

const at50 = calls[calls.length - 1];
check(
  'every caller finishes',
  finish.every((row) => jitters.every((j) => row[j] !== null)),
);
check(
  'full jitter needs fewer calls than none at 50 callers',
  (at50.full as number) < (at50.none as number),
  `${at50.full} vs ${at50.none}`,
);
open(contention(20, 'full'), 'Contention: 20 callers, full jitter');

// Capacity planning: the smallest worker pool that keeps p99 latency under 200 ms at a given
// load. An API with exponential service times (mean 40 ms) behind a Poisson load of 150 req/s:
// sweep the workers and pick the first count that meets the target.

const load = 150; // requests per second
const target = 200; // ms, p99

function api(workers: number) {
  return system({ duration: '30s', seed: 11 })
    .client('users', { target: 'api', workload: { pattern: 'poisson', rate: load } })
    .service('api', { workers, serviceTime: { dist: 'exponential', mean: '40ms' } })
    .link('users', 'api', { latency: '1ms' });
}

const rows: Row[] = [];
const p99: [number, number][] = [];
let smallest: number | undefined;
for (let workers = 4; workers <= 14; workers++) {
  const report = run(api(workers));
  const users = report.clients.users;
  const utilisation = (load * 0.04) / workers;
  rows.push({
    workers,
    utilisation: Math.round(utilisation * 100) / 100,
    p50: users.latency.p50,
    p99: users.latency.p99,
    completed: users.completed,
  });
  p99.push([workers, users.latency.p99]);
  if (smallest === undefined && utilisation < 1 && users.latency.p99 < target) smallest = workers;
}

table(rows, `API at ${load} req/s (mean service time 40 ms)`);
chart({ name: 'p99', points: p99 }, 'p99 latency by workers', { x: 'workers', y: 'ms' });
log(
  smallest === undefined ? 'no worker count in the sweep meets the target' : `smallest worker count with p99 < ${target} ms: ${smallest}`,
);
check(`some worker count meets p99 < ${target} ms`, smallest !== undefined);
check(
  'more workers never make p99 worse past the knee',
  p99.slice(4).every(([, v], i, all) => i === 0 || v <= all[i - 1][1] * 1.25),
);
if (smallest !== undefined) open(api(smallest), `API with ${smallest} workers`);

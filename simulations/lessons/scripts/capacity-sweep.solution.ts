// A capacity sweep: how many workers must one catalog instance have so that its p99 latency stays
// under 110 ms at 150 requests per second (mean service time 20 ms)? The loop runs the system
// with 3 to 10 workers; the check wants the smallest count that meets the target.

const target = 110; // ms, p99

function catalog(workers: number) {
  return system({ duration: '20s' })
    .client('shoppers', { target: 'catalog', workload: { pattern: 'poisson', rate: 150 } })
    .service('catalog', { workers, serviceTime: { dist: 'exponential', mean: '20ms' } })
    .link('shoppers', 'catalog', { latency: '2ms' });
}

const rows: Row[] = [];
for (let workers = 3; workers <= 10; workers++) {
  const report = run(catalog(workers), { seed: seed() });
  rows.push({ workers, p99: report.clients.shoppers.latency.p99 });
}
table(rows, 'p99 latency by worker count');

// The first row (fewest workers) whose p99 is under the target.
const smallest: Row | undefined = rows.find((row) => (row.p99 as number) < target);

const before = smallest === undefined ? undefined : rows[rows.indexOf(smallest) - 1];
check(
  `the smallest worker count with p99 under ${target} ms`,
  smallest !== undefined && (smallest.p99 as number) < target && (before === undefined || (before.p99 as number) >= target),
  smallest === undefined ? 'no row picked yet' : `${smallest.workers} workers: p99 ${(smallest.p99 as number).toFixed(1)} ms`,
);

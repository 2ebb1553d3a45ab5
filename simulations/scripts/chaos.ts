// Seeded chaos: an order flow with a queue between checkout and fulfilment. For each of several
// seeds the script draws faults (crashes, slowdowns, lossy links) from random() and asserts
// two invariants over every run: conservation (every request sent is accounted for), and no
// acknowledged message lost (every message the queue confirmed is acked, ready or in flight).

function orderFlow() {
  return system({ duration: '30s' })
    .client('shoppers', { target: 'checkout', workload: { pattern: 'poisson', rate: 20 }, timeout: '2s' })
    .service('checkout', { workers: 8, serviceTime: '3ms', calls: [{ to: 'orders' }] })
    .queue('orders', { visibilityTimeout: '2s' })
    .service('fulfilment', { workers: 4, serviceTime: { dist: 'exponential', mean: '30ms' } })
    .link('shoppers', 'checkout')
    .link('checkout', 'orders', {
      kind: 'async',
      retry: { maxAttempts: 3, backoff: 'exponential', base: '50ms', jitter: 'full', retryOn: ['timeout', 'refused', 'error'] },
      timeout: '1s',
    })
    .link('orders', 'fulfilment', { kind: 'async' });
}

function pick<T>(list: T[]): T {
  return list[Math.floor(random() * list.length)];
}

const rows: Row[] = [];
let conserved = true;
let lost = 0;
for (let round = 1; round <= 6; round++) {
  const sys = orderFlow();
  const faults = 1 + Math.floor(random() * 3);
  const names: string[] = [];
  for (let f = 0; f < faults; f++) {
    const at = `${Math.floor(random() * 20)}s`;
    const duration = `${1 + Math.floor(random() * 5)}s`;
    const kind = pick(['crash', 'slow', 'loss'] as const);
    if (kind === 'crash') sys.fault({ kind, target: pick(['checkout', 'fulfilment', 'orders']), at, duration });
    else if (kind === 'slow') sys.fault({ kind, target: pick(['checkout', 'fulfilment']), at, duration, factor: 5 });
    else sys.fault({ kind, link: pick(['checkout->orders', 'orders->fulfilment']), at, duration, rate: 0.3 });
    names.push(`${kind}@${at}`);
  }
  const seed = Math.floor(random() * 1_000_000);
  const report = run(sys, { seed, until: '40s' });
  const c = report.clients.shoppers;
  const q = report.queues.orders;
  const accounted = c.completed + c.failed + c.timedOut + c.rejected + c.dropped + c.inFlight;
  // A message the queue confirmed is never lost: it is acked, dead-lettered, waiting, or out for delivery.
  const missing = q.published - (q.acked + q.deadLettered + q.ready + q.inFlight);
  conserved &&= accounted === c.sent;
  lost += Math.abs(missing) + q.dropped;
  rows.push({
    round,
    seed,
    faults: names.join(' '),
    sent: c.sent,
    completed: c.completed,
    published: q.published,
    acked: q.acked,
    redelivered: q.redelivered,
    ready: q.ready,
    'in flight': q.inFlight,
  });
}
table(rows, 'Six seeded chaos rounds');
check('conservation: every request is accounted for', conserved);
check('no acknowledged message lost', lost === 0, `${lost} missing`);

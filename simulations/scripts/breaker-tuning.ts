// Circuit-breaker tuning: a payments service fails completely for 10 s. How does the window
// size of the checkout's breaker (count-based, resilience4j semantics) trade how fast it opens
// against how many calls it sends to the broken service? Same seed for every variant (A/B).

function shop(windowSize: number | null) {
  const sys = system({ duration: '40s', seed: 21 })
    .client('shoppers', { target: 'checkout', workload: { pattern: 'poisson', rate: 40 }, timeout: '2s' })
    .service('checkout', { workers: 16, serviceTime: '2ms', calls: [{ to: 'payments' }] })
    .service('payments', { workers: 8, serviceTime: { dist: 'exponential', mean: '20ms' } })
    .link('shoppers', 'checkout')
    .link('checkout', 'payments', {
      timeout: '500ms',
      fallback: { kind: 'static' },
      ...(windowSize !== null && {
        breaker: {
          windowType: 'count',
          windowSize,
          minimumNumberOfCalls: Math.min(windowSize, 10),
          failureRateThreshold: 50,
          waitInOpen: '2s',
          permittedInHalfOpen: 3,
        },
      }),
    })
    .fault({ kind: 'errors', target: 'payments', at: '10s', duration: '10s', rate: 1 });
  return sys;
}

const rows: Row[] = [];
const variants: (number | null)[] = [null, 5, 10, 20, 50, 100];
for (const windowSize of variants) {
  const report = run(shop(windowSize));
  const link = report.links['checkout->payments'];
  rows.push({
    window: windowSize === null ? 'no breaker' : windowSize,
    'calls sent to payments': link.calls,
    'failed calls': link.errors,
    'refused by breaker': link.breaker?.notPermitted ?? 0,
    'state changes': link.breaker?.transitions ?? 0,
    'shopper p99 ms': report.clients.shoppers.latency.p99,
  });
}
table(rows, 'Breaker window size vs calls to a payments service that fails for 10 s');
chart(
  { name: 'failed calls', points: rows.slice(1).map((r) => [r.window as number, r['failed calls'] as number]) },
  'Failed calls by window size',
  { x: 'window (calls)', y: 'calls' },
);

const none = rows[0]['failed calls'] as number;
check(
  'every breaker sends fewer failing calls than none',
  rows.slice(1).every((r) => (r['failed calls'] as number) < none),
);
check(
  'a small window opens sooner than a large one (fewer failures)',
  (rows[1]['failed calls'] as number) < (rows[rows.length - 1]['failed calls'] as number),
);
open(shop(10), 'Checkout with a breaker (window 10)');

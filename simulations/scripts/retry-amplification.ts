// Retry amplification: three layers (edge → orders → inventory → db), each retrying up to 3
// attempts. When the database fails every request, one user request becomes up to
// 3 × 3 × 3 = 27 attempts at the bottom. The same system with retries only at the edge sends 3.

function chain(attemptsPerLayer: number) {
  const retry = { maxAttempts: attemptsPerLayer, backoff: 'none' as const, retryOn: ['error' as const] };
  const sys = system({ duration: '10s', seed: 5 })
    .client('users', { target: 'edge', workload: { pattern: 'constant', rate: 5 } })
    .service('edge', { workers: 50, serviceTime: '1ms', calls: [{ to: 'orders' }] })
    .service('orders', { workers: 50, serviceTime: '1ms', calls: [{ to: 'inventory' }] })
    .service('inventory', { workers: 50, serviceTime: '1ms', calls: [{ to: 'db' }] })
    .service('db', { workers: 50, serviceTime: '2ms', errorRate: 1 })
    .link('users', 'edge');
  for (const [from, to] of [
    ['edge', 'orders'],
    ['orders', 'inventory'],
    ['inventory', 'db'],
  ]) {
    sys.link(from, to, attemptsPerLayer > 1 ? { retry } : {});
  }
  return sys;
}

const rows: Row[] = [];
for (const attempts of [1, 2, 3]) {
  const report = run(chain(attempts));
  const sent = report.clients.users.sent;
  const dbCalls = report.links['inventory->db'].calls;
  rows.push({
    'attempts per layer': attempts,
    'user requests': sent,
    'calls to orders': report.links['edge->orders'].calls,
    'calls to inventory': report.links['orders->inventory'].calls,
    'calls to db': dbCalls,
    'db calls per request': Math.round((dbCalls / sent) * 100) / 100,
  });
}
table(rows, 'A failing database behind three layers of retries');

const worst = rows[2];
const perRequest = worst['db calls per request'] as number;
check('3 × 3 × 3 attempts reach the database 27 times per request', Math.abs(perRequest - 27) < 0.5, `${perRequest} per request`);
check('one attempt per layer reaches it once', rows[0]['db calls per request'] === 1);
open(chain(3), 'Three layers of retries');

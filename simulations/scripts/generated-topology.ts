// A generated topology: 30 services in layers, each calling two or three services of the next
// layer (chosen by the script's seeded random()), behind one client. The script checks the
// system is valid, runs it, and lists the busiest services.

const layers = [1, 4, 7, 8, 10]; // 30 services in all
const sys = system({ name: 'Generated: 30 services', duration: '20s', seed: 3 });
sys.client('users', { target: 's0-0', workload: { pattern: 'poisson', rate: 30 } });
sys.link('users', 's0-0');
const names = layers.map((count, layer) => Array.from({ length: count }, (_, i) => `s${layer}-${i}`));
names.forEach((layer, depth) => {
  const next = names[depth + 1] ?? [];
  for (const id of layer) {
    const fanOut = next.length === 0 ? 0 : 2 + Math.floor(random() * 2);
    const callees = [...next].sort(() => random() - 0.5).slice(0, fanOut);
    sys.service(id, {
      workers: 16,
      serviceTime: { dist: 'exponential', mean: `${(1 + random() * 4).toFixed(1)}ms` },
      calls: callees.length > 0 ? [{ parallel: callees.map((to) => ({ to, timeout: '500ms' })) }] : [],
    });
    for (const to of callees) sys.link(id, to, { latency: '1ms' });
  }
});

const found = problems(sys);
check('the generated system is valid', found.length === 0, found.slice(0, 3).join('; '));
const report = run(sys);
const services = Object.entries(report.nodes)
  .map(([id, n]) => ({ id, requests: n.arrivals, ok: n.ok, utilization: Math.round(n.utilization * 1000) / 1000 }))
  .sort((a, b) => b.requests - a.requests || (a.id < b.id ? -1 : 1));
table(services.slice(0, 8), 'The 8 busiest services');
check('30 services', services.length === 30, `${services.length}`);
check(
  'every request completes',
  report.clients.users.failed + report.clients.users.timedOut === 0,
  `${report.clients.users.completed} of ${report.clients.users.sent}`,
);
open(sys, 'Generated: 30 services');

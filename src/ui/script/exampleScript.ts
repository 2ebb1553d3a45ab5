/**
 * The script the Script tab starts with while the document has none of its own: a short sweep
 * that shows the API's shape (build a system, run it, publish a table, a chart and a check, offer
 * a system for the canvas). Written against the API's global functions (src/script/apiDeclarations.ts).
 */
export const EXAMPLE_SCRIPT = `// A capacity sweep: how many workers keep p99 under 200 ms at 100 requests per second?
// Run it with the Run button (or Ctrl/Cmd+Enter). Completion (Ctrl+Space) lists the API.

function shop(workers: number) {
  return system({ name: \`Shop with \${workers} workers\`, duration: '30s' })
    .client('users', { target: 'api', workload: { pattern: 'poisson', rate: 100 } })
    .service('api', { workers, serviceTime: { dist: 'exponential', mean: '30ms' } })
    .link('users', 'api');
}

const rows = [];
const points: [number, number][] = [];
for (let workers = 2; workers <= 8; workers++) {
  const report = run(shop(workers), { seed: seed() });
  rows.push({ workers, p99: report.latency.p99, completed: report.clients.users.completed });
  points.push([workers, report.latency.p99]);
}
table(rows, 'p99 latency by worker count');
chart({ name: 'p99 (ms)', points }, 'p99 latency by worker count', { x: 'workers', y: 'ms' });

const enough = rows.find((row) => row.p99 < 200);
check('some worker count keeps p99 under 200 ms', enough !== undefined, enough ? \`\${enough.workers} workers: p99 \${enough.p99.toFixed(1)} ms\` : 'none of 2 to 8');
if (enough) open(shop(enough.workers), \`Shop with \${enough.workers} workers\`);
`;

/**
 * A partition between api and db and a latency spike on web → api that start together at 2 s (the link-fault browser test and the README's
 * picture).
 */
export const faultySystem = {
  version: 1,
  name: 'Faults on links',
  seed: 7,
  duration: '8s',
  nodes: [
    { id: 'web', kind: 'client', target: 'api', workload: { pattern: 'poisson', rate: 20 }, position: { x: 0, y: 120 } },
    {
      id: 'api',
      kind: 'service',
      workers: 4,
      serviceTime: { dist: 'exponential', mean: 20 },
      calls: [{ to: 'db' }],
      position: { x: 300, y: 120 },
    },
    { id: 'db', kind: 'service', workers: 4, serviceTime: { dist: 'exponential', mean: 5 }, position: { x: 600, y: 120 } },
  ],
  links: [
    { from: 'web', to: 'api', latency: { dist: 'constant', value: 2 }, timeout: '1s' },
    { from: 'api', to: 'db', latency: { dist: 'constant', value: 1 }, timeout: '500ms' },
  ],
  faults: [
    { kind: 'partition', between: ['api', 'db'], at: '2s', duration: '2s' },
    { kind: 'latency', link: 'web->api', add: '200ms', at: '2s', duration: '2s' },
  ],
};

/**
 * The browser tests' long run: 3,000 requests a second through two services (front calls back
 * over gRPC), about 21k engine events a simulated second. Tests choose its name and length.
 */
import type { DocumentInput } from '../../src/store/document/commands.ts';

export function frontBackSystem(name: string, duration: string): DocumentInput {
  return {
    version: 1,
    name,
    seed: 5,
    duration,
    nodes: [
      { id: 'load', kind: 'client', target: 'front', workload: { pattern: 'poisson', rate: 3000 }, position: { x: 0, y: 0 } },
      {
        id: 'front',
        kind: 'service',
        workers: 64,
        serviceTime: { dist: 'exponential', mean: '2ms' },
        calls: [{ to: 'back' }],
        position: { x: 250, y: 0 },
      },
      { id: 'back', kind: 'service', workers: 64, serviceTime: { dist: 'exponential', mean: '3ms' }, position: { x: 500, y: 0 } },
    ],
    links: [
      { from: 'load', to: 'front', latency: '2ms' },
      { from: 'front', to: 'back', latency: '1ms', protocol: 'grpc' },
    ],
    faults: [],
  };
}

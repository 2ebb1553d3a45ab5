/** Documents with resilience policies for component tests. */
import type { DocumentInput } from '../../src/store/document/commands.ts';
import { webAndApi } from './playbackSupport.tsx';

/**
 * web calls api through a breaker (count window of 10, opens at 50 %, 2 s open), a bulkhead of 3, and api limits its arrivals; api crashes
 * from 3 s to 6 s.
 */
export const guarded: DocumentInput = {
  ...webAndApi,
  duration: '12s',
  nodes: [
    webAndApi.nodes![0],
    { id: 'api', kind: 'service', workers: 4, serviceTime: { dist: 'exponential', mean: '30ms' }, rateLimit: { rate: 30, burst: 5 } },
  ],
  links: [
    {
      from: 'web',
      to: 'api',
      latency: { dist: 'constant', value: '5ms' },
      timeout: '200ms',
      breaker: { minimumNumberOfCalls: 5, windowSize: 10, waitInOpen: '2s', permittedInHalfOpen: 3 },
      bulkhead: { maxConcurrent: 3 },
    },
  ],
  faults: [{ kind: 'crash', target: 'api', at: '3s', duration: '3s' }],
};

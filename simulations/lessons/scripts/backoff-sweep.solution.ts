// A jitter sweep: 30 callers write to one store at the same instant. It takes one write at a
// time and keeps no waiting line, so every loser retries with capped exponential backoff.
// The check compares the calls (attempts, retries included) the store saw with each jitter.

type Jitter = 'none' | 'full' | 'equal' | 'decorrelated';

const jitters: Jitter[] = ['none', 'full', 'equal', 'decorrelated'];

function contention(jitter: Jitter) {
  return system({ duration: '5m' })
    .client('callers', { target: 'store', workload: { pattern: 'bursts', size: 30, every: '1h', stop: '1ms' } })
    .service('store', { workers: 1, queueCapacity: 0, serviceTime: '5ms' })
    .link('callers', 'store', {
      latency: '1ms',
      retry: { maxAttempts: 100, backoff: 'exponential', base: '10ms', multiplier: 2, cap: '1s', jitter, retryOn: ['rejected'] },
    });
}

const calls: Row = {};
for (const jitter of jitters) calls[jitter] = run(contention(jitter), { seed: seed() }).links['callers->store'].calls;
table([calls], 'Calls the store saw, by jitter (30 callers)');

const full = calls.full as number | undefined;
const none = calls.none as number | undefined;
check(
  'full jitter needs fewer calls than none',
  full !== undefined && none !== undefined && full < none,
  full === undefined ? "the sweep has no 'full' jitter yet" : `${full} calls with full jitter, ${none} without`,
);

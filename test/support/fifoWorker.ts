/**
 * The simulation API as the page meets it across a Web Worker, with the test deciding when each
 * answer arrives: every call is made at once on the real in-thread API (a worker takes its
 * messages in order), and its answer is held until the test delivers it, in the order of the calls
 * (comlink answers in order too). So the page's code can be caught between any two answers.
 */
import { createSimulationApi, type SimulationApi } from '../../src/worker/simulationApi.ts';

export interface FifoWorker {
  readonly api: SimulationApi;
  /** Answers waiting to be delivered. */
  readonly waiting: () => number;
  /** Delivers up to `n` answers, in call order, letting the page react after each. */
  deliver(n: number): Promise<void>;
  /** Delivers answers until none is waiting, even after the page has reacted (new calls included). */
  drain(): Promise<void>;
}

/** Lets promise reactions (and the page's `await`s) run. */
export const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function fifoWorker(real: SimulationApi = createSimulationApi()): FifoWorker {
  const queue: (() => void)[] = [];
  /** `method` of the real API, called now, answered when delivered. */
  const held =
    <A extends unknown[], R>(method: (...args: A) => R | Promise<R>) =>
    (...args: A): Promise<R> => {
      const answer = Promise.resolve(method(...args));
      return new Promise<R>((resolve, reject) =>
        queue.push(() => {
          answer.then(resolve, reject);
        }),
      );
    };
  const api: SimulationApi = {
    estimate: (document) => real.estimate(document),
    open: held(real.open),
    advance: held(real.advance),
    setGoals: held(real.setGoals),
    traceHash: (id) => real.traceHash(id),
    exportRun: (document, seed, format) => real.exportRun(document, seed, format),
  };
  const deliver = async (n: number) => {
    for (let i = 0; i < n && queue.length > 0; i++) {
      queue.shift()!();
      await settle();
    }
  };
  return {
    api,
    waiting: () => queue.length,
    deliver,
    async drain() {
      for (let rounds = 0; rounds < 100_000; rounds++) {
        await settle();
        if (queue.length === 0) {
          await settle();
          if (queue.length === 0) return;
        }
        await deliver(queue.length);
      }
      throw new Error('the page kept asking: no end in sight');
    },
  };
}

/** Options of the scenario generator (see ./index.ts). */

/**
 * - `guaranteed`: the first client is a Poisson client (at least 10 req/s, sending from t = 0 to the
 *   end), so the trace of every run depends on the seed: its first SEND alone happens at a random
 *   time, and the chance that a run has no such SEND is below e^-10.
 * - `any`: anything goes, random or not.
 * - `none`: nothing random at all: constant, bursts and closed-loop workloads only; distributions
 *   are constants or degenerate forms that always give the same value (uniform with min = max,
 *   normal or lognormal with stddev 0); error rates, loss rates and error/loss faults are 0 or 1.
 *   Such a scenario must give the same trace whatever the seed.
 */
export type Randomness = 'guaranteed' | 'any' | 'none';

export interface ScenarioArbitraryOptions {
  /** Fewest services (default 2). */
  readonly minServices?: number;
  /** Most services (default 6). */
  readonly maxServices?: number;
  /** Most clients (default 3; there is always at least one). */
  readonly maxClients?: number;
  /** Shortest run, ms (default 1000). */
  readonly minDuration?: number;
  /** Longest run, ms (default 10000). */
  readonly maxDuration?: number;
  /** Highest request rate of one client, req/s (default 200). */
  readonly maxRate?: number;
  /** Most faults (default 4; 0 for none). */
  readonly maxFaults?: number;
  /** Most changes during the run (default 4; 0 for none). */
  readonly maxChanges?: number;
  /** Default `guaranteed`. */
  readonly randomness?: Randomness;
  /** Expected calls per simulated second, all clients together (default 1500). */
  readonly callBudget?: number;
}

/** One request to a service causes at most this many calls (itself included). */
export const MAX_CALLS_PER_REQUEST = 12;

/** The smallest rate a `guaranteed` Poisson client keeps after budget scaling, req/s. */
export const MIN_GUARANTEED_RATE = 10;

export type Options = Required<ScenarioArbitraryOptions>;
export const DEFAULTS: Options = {
  minServices: 2,
  maxServices: 6,
  maxClients: 3,
  minDuration: 1000,
  maxDuration: 10_000,
  maxRate: 200,
  maxFaults: 4,
  maxChanges: 4,
  randomness: 'guaranteed',
  callBudget: 1500,
};

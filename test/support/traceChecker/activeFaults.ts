/**
 * The effects of the faults active now, computed from the scenario (not the engine): the replay
 * turns faults on and off at their FAULT_START / FAULT_END rows and asks this what they imply.
 */
import type { Fault } from '../../../src/model/index.ts';
import { ServiceMode } from '../../../src/engine/index.ts';
import type { ScenarioModel } from './scenarioModel.ts';

/** Does a service in this mode take requests? */
export function accepting(mode: number): boolean {
  return mode === ServiceMode.HEALTHY || mode === ServiceMode.DEGRADED;
}

/** The set of active faults (by index in the scenario) and what they do to links and services. */
export class ActiveFaults {
  private readonly model: ScenarioModel;
  // A Set keeps start order, so combined effects multiply in the same order every time.
  private readonly active = new Set<number>();

  constructor(model: ScenarioModel) {
    this.model = model;
  }

  has(fault: number): boolean {
    return this.active.has(fault);
  }
  add(fault: number): void {
    this.active.add(fault);
  }
  /** Returns false if the fault was not active. */
  delete(fault: number): boolean {
    return this.active.delete(fault);
  }

  /** The active faults of one kind. */
  of<K extends Fault['kind']>(kind: K): Extract<Fault, { kind: K }>[] {
    return [...this.active].map((i) => this.model.faults[i]).filter((f) => f.kind === kind) as Extract<Fault, { kind: K }>[];
  }

  /** Probability that a message on link l is lost: independent losses combine. */
  lossOn(l: number): number {
    const { linkIndex, links } = this.model;
    const fs = this.of('loss').filter((f) => linkIndex.get(f.link) === l);
    return fs.length === 0 ? links[l].loss : 1 - fs.reduce((d, f) => d * (1 - f.rate), 1 - links[l].loss);
  }

  /** Latency added to messages sent now on link l, ms. */
  extraOn(l: number): number {
    return this.of('latency')
      .filter((f) => this.model.linkIndex.get(f.link) === l)
      .reduce((s, f) => s + f.add, 0);
  }

  /** Are messages from node x to node y cut off by a partition? */
  cut(x: number, y: number): boolean {
    const { nodeIndex } = this.model;
    return this.of('partition').some((f) => {
      const a = nodeIndex.get(f.between[0]),
        b = nodeIndex.get(f.between[1]);
      return (a === x && b === y) || (!f.oneWay && a === y && b === x);
    });
  }

  /** Factor on the service time of work started now at service s. */
  slowOf(s: number): number {
    return this.of('slow')
      .filter((f) => this.model.nodeIndex.get(f.target) === s)
      .reduce((k, f) => k * f.factor, 1);
  }

  /** Probability that work finished now at service s fails: independent error sources combine. */
  errorRateOf(s: number): number {
    const fs = this.of('errors').filter((f) => this.model.nodeIndex.get(f.target) === s);
    const base = this.model.services[s]!.errorRate;
    return fs.length === 0 ? base : 1 - fs.reduce((h, f) => h * (1 - f.rate), 1 - base);
  }

  /** How many slow / error faults on service s are active (any makes it degraded). */
  impairmentsOf(s: number): number {
    const { faults, nodeIndex } = this.model;
    return [...this.active].filter((i) => {
      const f = faults[i];
      return (f.kind === 'slow' || f.kind === 'errors') && nodeIndex.get(f.target) === s;
    }).length;
  }
}

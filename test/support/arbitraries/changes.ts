/**
 * Changes during a run in generated scenarios: the arbitrary that draws them, the step that aims
 * client changes at clients that have a rate, and their encoding. Values stay inside the ranges
 * the rest of the generator uses, so a change never asks for a run the budget did not allow for
 * (client rates are part of the budget: see `peakRate` in ./index.ts).
 */
import fc from 'fast-check';
import type { Distribution } from '../../../src/model/index.ts';
import { distributionArb, maybe, msArb, probabilityArb, type Blueprint, type ChangeBlueprint, type ChangeInput, type DistributionInput, type DurationInput } from './blueprint.ts';
import type { Randomness } from './options.ts';

export function changeArb(duration: number, maxRate: number, randomness: Randomness): fc.Arbitrary<ChangeBlueprint> {
  const head = { pick: fc.nat(), at: msArb(0, duration - 1) };
  const service = fc.record({
    ...head, kind: fc.constant('service' as const),
    workers: maybe(fc.integer({ min: 1, max: 8 })),
    queueCapacity: maybe(fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 20 }))),
    serviceTime: maybe(distributionArb(30, randomness)),
    errorRate: maybe(probabilityArb(randomness, 0.3)),
  }).map((c): ChangeBlueprint => (
    // The schema wants at least one setting; a pool resize is the change with the most to check.
    c.workers === undefined && c.queueCapacity === undefined && c.serviceTime === undefined && c.errorRate === undefined ? { ...c, workers: 1 + (c.pick % 8) } : c
  ));
  const client = fc.record({
    ...head, kind: fc.constant('client' as const),
    rate: fc.integer({ min: 10, max: maxRate * 10 }).map((x) => x / 10),
  });
  const link = fc.record({
    ...head, kind: fc.constant('link' as const),
    latency: maybe(distributionArb(20, randomness), 0.6),
    loss: maybe(probabilityArb(randomness, 0.3), 0.6),
  }).map((c): ChangeBlueprint => (c.latency === undefined && c.loss === undefined ? { ...c, loss: 0 } : c));
  return fc.oneof({ arbitrary: service, weight: 2 }, client, link);
}

/**
 * Aims each client change at a constant or poisson client (the only ones with a rate; `pick`
 * becomes that client's index), drops client changes when there is none, and sorts by time.
 */
export function placeChanges(bp: Blueprint): Blueprint {
  const open = bp.clients.flatMap((c, j) => (c.workload.pattern === 'constant' || c.workload.pattern === 'poisson' ? [j] : []));
  const changes = bp.changes
    .flatMap((ch) => (ch.kind !== 'client' ? [ch] : open.length === 0 ? [] : [{ ...ch, pick: open[ch.pick % open.length] }]))
    .sort((a, b) => a.at - b.at);
  return { ...bp, changes };
}

export interface ChangeEncoding {
  readonly dur: (ms: number) => DurationInput;
  readonly dist: (d: Distribution) => DistributionInput;
  readonly serviceId: (i: number) => string;
  readonly clientId: (j: number) => string;
  readonly services: number;
  readonly linkIds: readonly string[];
}

export function encodeChanges(changes: readonly ChangeBlueprint[], e: ChangeEncoding): ChangeInput[] {
  return changes.map((ch): ChangeInput => {
    const at = e.dur(ch.at);
    switch (ch.kind) {
      case 'service': {
        const set: Extract<ChangeInput, { kind: 'service' }>['set'] = {};
        if (ch.workers !== undefined) set.workers = ch.workers;
        if (ch.queueCapacity !== undefined) set.queueCapacity = ch.queueCapacity;
        if (ch.serviceTime !== undefined) set.serviceTime = e.dist(ch.serviceTime);
        if (ch.errorRate !== undefined) set.errorRate = ch.errorRate;
        return { kind: 'service', target: e.serviceId(ch.pick % e.services), at, set };
      }
      case 'client': return { kind: 'client', target: e.clientId(ch.pick), at, set: { rate: ch.rate } };
      case 'link': {
        const set: Extract<ChangeInput, { kind: 'link' }>['set'] = {};
        if (ch.latency !== undefined) set.latency = e.dist(ch.latency);
        if (ch.loss !== undefined) set.loss = ch.loss;
        return { kind: 'link', link: e.linkIds[ch.pick % e.linkIds.length], at, set };
      }
    }
  });
}

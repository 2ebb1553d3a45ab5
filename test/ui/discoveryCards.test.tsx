// @vitest-environment jsdom
/**
 * Instance cards and what callers know of each instance, from real runs: an instance a caller's
 * health checks mark unhealthy is flagged while it is out of rotation; an instance still in a
 * discovering caller's cache though it is down, or though its registry entry has expired, is
 * flagged stale in that caller's cache, until a lookup drops it (or it is back); zoomed out, a
 * mark says the same.
 */
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TraceType } from '../../src/engine/trace/eventTypes.ts';
import type { DocumentInput } from '../../src/store/document/commands.ts';
import { InstanceWindow, windowsAt } from '../../src/engine/replay/indexes/instanceWindows.ts';
import { InstanceCards } from '../../src/ui/playback/InstanceCards.tsx';
import { EntryState } from '../../src/engine/replay/indexes/registryEntries.ts';
import { renderWith } from './playbackSupport.tsx';
import { discovery, firstRow, showAt } from './discoverySupport.ts';

const card = (n: number) => within(screen.getByRole('list', { name: 'Instances of catalog' })).getByTestId(`instance-${n}`);
const flag = (n: number, which: string) => within(card(n)).queryByTestId(`instance-${which}`);

/** shop probes catalog's three instances every 2 s (2 failures: unhealthy, 1 answer: healthy); instance 2 is down from 5 s to 25 s. */
const checked: DocumentInput = {
  version: 1,
  seed: 7,
  duration: '40s',
  nodes: [
    { id: 'shop', kind: 'client', target: 'catalog', workload: { pattern: 'poisson', rate: 60 } },
    { id: 'catalog', kind: 'service', replicas: 3, workers: 4, serviceTime: { dist: 'exponential', mean: 20 } },
  ],
  links: [
    {
      from: 'shop',
      to: 'catalog',
      timeout: '1s',
      healthCheck: { interval: '2s', timeout: '500ms', unhealthyThreshold: 2, healthyThreshold: 1 },
    },
  ],
  faults: [{ kind: 'crash', target: 'catalog', instance: 2, at: '5s', duration: '20s' }],
};

describe("an instance a caller's health checks mark unhealthy", () => {
  it("is flagged while it is out of the caller's rotation, and no longer once marked healthy again", async () => {
    const stores = renderWith(<InstanceCards nodeId="catalog" />, checked);
    await act(() => stores.run.start(checked, 30_000));
    const replay = stores.run.getState().replay!;
    // Engine node 2 is catalog's instance 2 (the scenario's nodes first, then instances 2 and 3).
    const marked = firstRow(replay, TraceType.MARKED_UNHEALTHY, 2);
    const back = firstRow(replay, TraceType.MARKED_HEALTHY, 2);
    expect(marked).toBeGreaterThan(5000);
    expect(back).toBeGreaterThan(25_000);
    showAt(stores, marked - 1);
    expect(card(2)).toHaveAttribute('data-mode', 'crashed');
    expect(flag(2, 'unhealthy')).toBeNull();
    showAt(stores, marked);
    expect(flag(2, 'unhealthy')).toHaveTextContent('unhealthy');
    expect(card(2)).toHaveTextContent('Instance 2: crashed, 0 of 4 workers busy, 0 waiting, marked unhealthy by shop');
    expect(flag(1, 'unhealthy')).toBeNull();
    // Up again at 25 s, but out of rotation until a probe answers.
    showAt(stores, back - 1);
    expect(card(2)).toHaveAttribute('data-mode', 'healthy');
    expect(flag(2, 'unhealthy')).toBeInTheDocument();
    showAt(stores, back);
    expect(flag(2, 'unhealthy')).toBeNull();
    // Without discovery, nothing is cached: nothing is stale.
    expect(flag(2, 'stale')).toBeNull();
  });
});

describe("an instance stale in a discovering caller's cache", () => {
  it('is flagged while the caller caches it though it is down, until a lookup drops it', async () => {
    const stores = renderWith(<InstanceCards nodeId="catalog" />, discovery);
    await act(() => stores.run.start(discovery, 35_000));
    const replay = stores.run.getState().replay!;
    const dropped = firstRow(replay, TraceType.CACHE_REMOVE, 3);
    const expired = firstRow(replay, TraceType.REGISTRY_ENTRY, EntryState.EXPIRED, 3);
    expect(dropped).toBeGreaterThan(expired);
    showAt(stores, 19_000);
    expect(flag(2, 'stale')).toBeNull();
    // Instance 2 (engine node 3) crashed at 20 s: shop still has it, and sends it calls.
    showAt(stores, 20_500);
    expect(flag(2, 'stale')).toHaveTextContent("stale in shop's cache");
    expect(card(2)).toHaveClass('is-stale');
    expect(card(2)).toHaveTextContent("Instance 2: crashed, 0 of 4 workers busy, 0 waiting, stale in shop's cache");
    expect(flag(1, 'stale')).toBeNull();
    // Its entry has expired; shop's cache has it until the answer of its next lookup.
    showAt(stores, expired);
    expect(flag(2, 'stale')).toBeInTheDocument();
    showAt(stores, dropped);
    expect(flag(2, 'stale')).toBeNull();
    expect(windowsAt(replay, InstanceWindow.CACHED, dropped)?.[3]).toBeUndefined();
    expect(windowsAt(replay, InstanceWindow.CACHED, dropped)?.[1]).toEqual([0]);
  });

  it('is flagged too while an instance that is up is cached though the registry no longer lists it', async () => {
    // catalog's heartbeats cannot reach the registry from 5 s: every entry expires (15 s after the last one), though all are up.
    const cut: DocumentInput = { ...discovery, faults: [{ kind: 'partition', between: ['catalog', 'registry'], oneWay: true, at: '5s' }] };
    const stores = renderWith(<InstanceCards nodeId="catalog" compact />, cut);
    await act(() => stores.run.start(cut, 35_000));
    const replay = stores.run.getState().replay!;
    const expired = firstRow(replay, TraceType.REGISTRY_ENTRY, EntryState.EXPIRED, 1);
    const dropped = firstRow(replay, TraceType.CACHE_REMOVE, 1);
    expect(dropped).toBeGreaterThan(expired + 1000);
    showAt(stores, expired - 1);
    expect(flag(1, 'stale')).toBeNull();
    showAt(stores, expired + 500);
    expect(card(1)).toHaveAttribute('data-mode', 'healthy');
    // Zoomed out: a mark, the sentence saying why.
    expect(flag(1, 'stale')).toHaveTextContent('?');
    expect(card(1)).toHaveTextContent('Instance 1: healthy, ');
    expect(card(1)).toHaveTextContent("stale in shop's cache");
    showAt(stores, dropped);
    expect(flag(1, 'stale')).toBeNull();
  });
});

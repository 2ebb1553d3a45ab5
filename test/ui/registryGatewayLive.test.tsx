// @vitest-environment jsdom
/**
 * A registry's and a gateway's boxes during a run, from real runs of the examples: the registry's
 * entries at the playhead (state, last heartbeat's age), an instance that is down listed as stale
 * until its lease runs out, then expired; the calls it answered, and those refused in an outage;
 * the gateway's routes with what each took, its refusals by kind (401, 429, 404) as the trace
 * counts them, each client's bucket; both loaded only for runs that have one; and the registry's
 * traffic drawn faint on the canvas.
 */
import { act, cleanup, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TraceReplay } from '../../src/engine/replay/traceReplay.ts';
import { RejectReason, TraceType } from '../../src/engine/trace/eventTypes.ts';
import { RegistrySlot, GatewaySlot } from '../../src/ui/playback/KindSlots.tsx';
import { GatewayLive } from '../../src/ui/playback/GatewayLive.tsx';
import { NodeLiveStatus } from '../../src/ui/playback/NodeLiveStatus.tsx';
import { ageText, RegistryEntries } from '../../src/ui/playback/RegistryEntries.tsx';
import { EntryState, registryEntriesAt } from '../../src/engine/replay/indexes/registryEntries.ts';
import { FAINT_ALPHA, OverlayRenderer } from '../../src/ui/overlay/OverlayRenderer.ts';
import { renderWith, setLive, webAndApi } from './playbackSupport.tsx';
import { renderWithStores } from './canvasHarness.tsx';
import { box, palette, recordingContext, view } from './overlaySupport.ts';
import { discovery, firstRow, gatewayExample, showAt } from './discoverySupport.ts';

const rowOf = (name: string) => screen.getByTestId(`entry-${name}`);
const cells = (name: string) =>
  within(rowOf(name))
    .getAllByRole('cell')
    .map((c) => c.textContent);

/** The rows of `type` in the replay's trace, as [time, node, a, b]. */
function rows(replay: TraceReplay, type: number): [number, number, number, number][] {
  const t = replay.trace,
    out: [number, number, number, number][] = [];
  for (let r = 0; r < t.length; r++) if (t.type(r) === type) out.push([t.time(r), t.node(r), t.a(r), t.b(r)]);
  return out;
}

describe("a registry's entries at the playhead", () => {
  it('lists each instance with its state and last heartbeat; a crashed one stale until its lease runs out, then expired', async () => {
    const stores = renderWith(<RegistryEntries nodeId="registry" />, discovery);
    await act(() => stores.run.start(discovery, 35_000));
    showAt(stores, 12_000);
    expect(screen.getByRole('table', { name: 'Entries of registry' })).toBeInTheDocument();
    // Heartbeats every 5 s, 1 ms on the way: the last one came at 10.001 s.
    expect(cells('catalog #1')).toEqual(['catalog #1', 'healthy', '1.9s ago']);
    expect(cells('catalog #2')).toEqual(['catalog #2', 'healthy', '1.9s ago']);
    expect(screen.getAllByRole('row')).toHaveLength(4); // the header and three entries
    // Instance 2 crashed at 20 s: still listed, though down.
    showAt(stores, 25_000);
    expect(cells('catalog #2')).toEqual(['catalog #2', 'stale', '9.9s ago']);
    expect(within(rowOf('catalog #2')).getByText('stale')).toHaveAttribute(
      'title',
      expect.stringMatching(/^Listed as healthy, but the instance is down/),
    );
    expect(rowOf('catalog #2')).toHaveAttribute('data-stale', 'true');
    expect(cells('catalog #3')).toEqual(['catalog #3', 'healthy', '4.9s ago']);
    // 15 s after its last heartbeat (just after 15 s) the entry expires.
    const expiry = firstRow(stores.run.getState().replay!, TraceType.REGISTRY_ENTRY, EntryState.EXPIRED, 3);
    expect(expiry).toBeGreaterThan(30_000);
    expect(expiry).toBeLessThan(30_010);
    showAt(stores, expiry - 1);
    expect(cells('catalog #2')[1]).toBe('stale');
    showAt(stores, expiry);
    expect(cells('catalog #2')).toEqual(['catalog #2', 'expired', '15s ago']);
    expect(rowOf('catalog #2')).toHaveAttribute('data-state', 'expired');
    expect(rowOf('catalog #2')).not.toHaveAttribute('data-stale');
  });

  it("reads the trace's own rows: every entry change and every heartbeat answered", async () => {
    const stores = renderWith(<></>, discovery);
    await act(() => stores.run.start(discovery, 35_000));
    const replay = stores.run.getState().replay!;
    const changes = rows(replay, TraceType.REGISTRY_ENTRY);
    // Instance 2 (engine node 3) expires once, 15 s after its last heartbeat.
    const expired = changes.filter(([, , instance, state]) => instance === 3 && state === EntryState.EXPIRED).map(([t]) => t);
    expect(expired).toHaveLength(1);
    const beats = rows(replay, TraceType.REGISTRY_ANSWER)
      .filter(([, , , kind]) => kind === 1)
      .map(([t, , call]) => [t, replay.call(call).caller]);
    for (const time of [7000, 22_000, 33_000]) {
      for (const e of registryEntriesAt(replay, 2, time)) {
        const last = beats
          .filter(([t, caller]) => caller === e.instance && t <= time)
          .map(([t]) => t)
          .at(-1);
        expect(e.lastBeat).toBe(last);
        expect(e.state).toBe(changes.filter(([t, , instance]) => instance === e.instance && t <= time).at(-1)![3]);
      }
    }
  });

  it('reads its ages as people say them', () => {
    expect([ageText(-1), ageText(0), ageText(32), ageText(99), ageText(100), ageText(599), ageText(1254)]).toEqual([
      '—',
      '0.0s ago',
      '3.2s ago',
      '9.9s ago',
      '10s ago',
      '59s ago',
      '2m 5s ago',
    ]);
  });

  it('counts the calls a registry answered, and those it refused while down (an outage), on its box', async () => {
    const outage = { ...discovery, faults: [{ kind: 'crash' as const, target: 'registry', at: '12s', duration: '10s' }] };
    const stores = renderWith(<NodeLiveStatus nodeId="registry" />, outage);
    await act(() => stores.run.start(outage, 25_000));
    showAt(stores, 11_000);
    const live = screen.getByTestId('node-live-registry');
    expect(Number(within(live).getByTestId('answered').textContent)).toBeGreaterThan(5);
    expect(within(live).queryByTestId('refused')).toBeNull();
    showAt(stores, 21_000);
    expect(live).toHaveAttribute('data-mode', '3');
    // Heartbeats at 15 and 20 s and the lookup at 20 s were refused.
    expect(Number(within(live).getByTestId('refused').textContent)).toBeGreaterThanOrEqual(4);
  });

  it('is loaded only once a run has the registry', async () => {
    const plain = renderWithStores(<RegistrySlot nodeId="registry" />, webAndApi);
    act(() => setLive(plain, 1000, {}, {}));
    expect(screen.queryByRole('table')).toBeNull();
    cleanup();
    const stores = renderWithStores(<RegistrySlot nodeId="registry" />, discovery);
    expect(screen.queryByRole('table')).toBeNull();
    await act(() => stores.run.start(discovery, 3000));
    showAt(stores, 2000);
    expect(await screen.findByRole('table', { name: 'Entries of registry' })).toBeInTheDocument();
  });
});

describe("a gateway's door at the playhead", () => {
  const routes = (gatewayExample.nodes.find((n) => n.kind === 'gateway') as { routes: { prefix: string }[] }).routes;

  it('shows what each route took and what it refused, by kind, as its log in the trace counts them', async () => {
    const stores = renderWith(<GatewayLive nodeId="gateway" routes={routes} />, gatewayExample);
    await act(() => stores.run.start(gatewayExample, 12_000));
    showAt(stores, 10_000);
    const log = rows(stores.run.getState().replay!, TraceType.GATEWAY).filter(([t]) => t <= 10_000);
    const count = (b: number) => log.filter((r) => r[3] === b).length;
    const items = within(screen.getByRole('list', { name: 'Routes of gateway' })).getAllByRole('listitem');
    expect(items.map((li) => Number(li.querySelector('.node-route-count')!.textContent!.replace(/\D/g, '')))).toEqual([count(0), count(1)]);
    const unauthorized = count(-RejectReason.UNAUTHENTICATED) + count(-RejectReason.TOKEN_EXPIRED) + count(-RejectReason.TOKEN_INVALID);
    expect(unauthorized).toBeGreaterThan(10);
    expect(screen.getByTestId('refused-401')).toHaveTextContent(String(unauthorized));
    expect(screen.getByTestId('gateway-401')).toHaveAttribute(
      'title',
      expect.stringMatching(/^Unauthorized: \d+ without a token, \d+ with an expired one, \d+ with a forged one$/),
    );
    expect(Number(screen.getByTestId('refused-429').textContent!.replace(/\D/g, ''))).toBe(count(-RejectReason.RATE_LIMITED));
    // Every path has a route: no 404s.
    expect(screen.queryByTestId('gateway-404')).toBeNull();
  });

  it("shows each client's bucket: the scraper, four times over its rate, keeps it empty while the others' stay full", async () => {
    const stores = renderWith(<GatewayLive nodeId="gateway" routes={routes} />, gatewayExample);
    await act(() => stores.run.start(gatewayExample, 6000));
    showAt(stores, 5000);
    const tokens = (client: string) => Number(/([\d.]+) of 10 tokens/.exec(screen.getByTestId(`bucket-${client}`).textContent ?? '')![1]);
    expect(tokens('scraper')).toBeLessThan(2);
    expect(tokens('web')).toBeGreaterThan(7);
    expect(tokens('mobile')).toBeGreaterThan(5);
  });

  it('lists the routes alone before any run, and its door once the run has the gateway', async () => {
    // The same gateway without a per-client limit: the run's topology says so, not the page.
    const unlimited = {
      ...gatewayExample,
      nodes: gatewayExample.nodes.map((n) => (n.kind === 'gateway' ? { ...n, rateLimit: undefined } : n)),
    };
    const stores = renderWithStores(<GatewaySlot nodeId="gateway" routes={routes} />, unlimited);
    expect(screen.getByRole('list', { name: 'Routes of gateway' })).toHaveTextContent('/orders');
    expect(screen.queryByLabelText('Refused at the door')).toBeNull();
    await act(() => stores.run.start(unlimited, 3000));
    showAt(stores, 2000);
    expect(await screen.findByLabelText('Refused at the door')).toBeInTheDocument();
    // Without a per-client limit, no buckets.
    expect(screen.queryByRole('list', { name: "Each client's tokens" })).toBeNull();
  });
});

describe('registry traffic on the canvas', () => {
  it('draws heartbeats and lookups faint, the calls to the service as usual', async () => {
    const stores = renderWith(<></>, discovery);
    await act(() => stores.run.start(discovery, 6000));
    const replay = stores.run.getState().replay!;
    const nodes = { shop: box(0, 120), catalog: box(280, 120), registry: box(140, 320) };
    const renderer = new OverlayRenderer(palette);
    const { ctx, calls } = recordingContext();
    // 5.0005 s: the heartbeats sent at 5 s are halfway to the registry.
    renderer.draw(ctx, 800, 600, replay, 5000.5, view(nodes));
    const alphas = calls.filter((c) => c.name === 'set globalAlpha').map((c) => c.args[0]);
    expect(alphas).toContain(FAINT_ALPHA);
    expect(alphas.at(-1)).toBe(1);
    // In a run without a registry, no faint pass at all.
    const other = renderWith(<></>, webAndApi);
    await act(() => other.run.start(webAndApi, 2000));
    const plain = recordingContext();
    renderer.draw(plain.ctx, 800, 600, other.run.getState().replay!, 1500, view({ web: box(0, 0), api: box(300, 0) }));
    expect(plain.calls.some((c) => c.name === 'set globalAlpha' && c.args[0] === FAINT_ALPHA)).toBe(false);
  });
});

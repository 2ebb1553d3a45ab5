// @vitest-environment jsdom
/**
 * The inspector on replicated services and the links that spread calls over them: a service's
 * replicas, described and validated by the schema, one undoable edit each; on a call to a
 * service, load balancing (consistent hashing with its keys, set and cleared together) and outlier
 * ejection, shown only where they mean something; a service's figures at the playhead as totals
 * over its instances.
 */
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { DocumentInput } from '../../src/store/document/commands.ts';
import { undo } from '../../src/store/documentStore.ts';
import type { Selection } from '../../src/store/uiStore.ts';
import { MODE } from '../../src/ui/playback/nodeStatus.ts';
import { renderInspector } from './inspectorSupport.tsx';
import { replicated, setReplicaLive } from './replicaSupport.tsx';

type Rendered = ReturnType<typeof renderInspector>;
const node = (stores: Rendered, id: string) =>
  stores.document.getState().document.nodes.find((n) => n.id === id) as Record<string, unknown>;
const link = (stores: Rendered, id: string) =>
  (stores.document.getState().document.links ?? []).find((l) => `${l.from}->${l.to}` === id) as Record<string, unknown>;

/** The inspector over `doc`, with `selection` selected. */
function select(doc: DocumentInput, selection: Partial<Selection>) {
  const stores = renderInspector(doc);
  act(() => stores.ui.getState().select(selection));
  return stores;
}

describe("a service's replicas", () => {
  it('are described by the schema and commit as one undoable edit; the pool is then per instance', async () => {
    const user = userEvent.setup();
    const stores = select(replicated, { nodeIds: ['db'] });
    const replicas = screen.getByLabelText('Replicas');
    expect(replicas).toHaveValue('');
    expect(replicas).toHaveAttribute('placeholder', '1');
    expect(replicas).toHaveAccessibleDescription(expect.stringContaining('each with its own worker pool, waiting line, health and faults'));
    expect(screen.getByLabelText('Workers')).toHaveAccessibleDescription(expect.stringMatching(/^workers/));
    await user.type(replicas, '3{Enter}');
    expect(stores.document.getState().lastCommand).toEqual({ type: 'updateNode', id: 'db', patch: { replicas: 3 } });
    expect(screen.getByLabelText('Workers')).toHaveAccessibleDescription(expect.stringMatching(/^per instance/));
    act(() => undo(stores.document));
    expect(node(stores, 'db')).not.toHaveProperty('replicas');
  });

  it('refuses a count the schema does not allow, inline, and leaves the document alone', async () => {
    const user = userEvent.setup();
    const stores = select(replicated, { nodeIds: ['api'] });
    const before = stores.document.getState().document;
    const replicas = screen.getByLabelText('Replicas');
    expect(replicas).toHaveValue('3');
    await user.clear(replicas);
    await user.type(replicas, '0{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('must be greater than 0');
    expect(replicas).toHaveAttribute('aria-invalid', 'true');
    await user.clear(replicas);
    await user.type(replicas, '101{Enter}');
    expect(screen.getByRole('alert')).toHaveTextContent('at most 100');
    await user.clear(replicas);
    await user.type(replicas, '2.5{Enter}');
    expect(screen.getByRole('alert')).toBeInTheDocument();
    expect(stores.document.getState().document).toBe(before);
  });

  it('scale the service at the playhead when edited during a run: a change, listed', async () => {
    const user = userEvent.setup();
    const stores = select(replicated, { nodeIds: ['api'] });
    await act(async () => {
      await stores.run.start(stores.document.getState().document, 1000);
      stores.playback.getState().seek(500);
    });
    const replicas = screen.getByLabelText('Replicas');
    await user.clear(replicas);
    await user.type(replicas, '5{Enter}');
    expect(stores.document.getState().lastCommand).toEqual({
      type: 'addChange',
      change: { kind: 'service', target: 'api', at: 500, set: { replicas: 5 } },
    });
    expect(node(stores, 'api').replicas).toBe(3);
    expect(replicas).toHaveValue('5');
    expect(screen.getByRole('region', { name: 'Changes during the run' })).toHaveTextContent('At 500ms: replicas 5');
    expect(stores.ui.getState().notice).toBeUndefined();
  });

  it('show as totals at the playhead, with how many instances serve and how many a caller ejects', () => {
    const stores = select(replicated, { nodeIds: ['api'] });
    act(() =>
      setReplicaLive(
        stores,
        4000,
        {
          api: { busy: 2, line: 1, arrivals: 70, ok: 70 },
          'api#2': { busy: 0, arrivals: 40, ok: 30, errors: 10, mode: MODE.degraded },
          'api#3': { busy: 3, line: 4, arrivals: 60, ok: 58, rejected: 2, mode: MODE.crashed },
        },
        { 'api#2': ['web->api'] },
      ),
    );
    const live = screen.getByRole('region', { name: 'At the playhead' });
    const figure = (name: string) => within(live).getByText(name).nextElementSibling;
    expect(figure('Mode')).toHaveTextContent('degraded');
    expect(figure('Instances serving')).toHaveTextContent('2 / 3');
    expect(figure('Instances ejected')).toHaveTextContent('1');
    expect(figure('Busy workers')).toHaveTextContent('5 / 12');
    expect(figure('Waiting in line')).toHaveTextContent('5');
    expect(figure('Arrived')).toHaveTextContent('170');
    expect(figure('Succeeded')).toHaveTextContent('158');
    expect(figure('Failed')).toHaveTextContent('10');
    expect(figure('Rejected')).toHaveTextContent('2');
  });

  it('show a service of one instance as before: no instance figures', () => {
    const stores = select(replicated, { nodeIds: ['db'] });
    act(() => setReplicaLive(stores, 4000, { db: { busy: 1, arrivals: 9, ok: 8 } }));
    const live = screen.getByRole('region', { name: 'At the playhead' });
    expect(within(live).getByText('Busy workers').nextElementSibling).toHaveTextContent('1 / 4');
    expect(within(live).queryByText('Instances serving')).toBeNull();
  });
});

describe('load balancing on a call to a service', () => {
  it('offers the five algorithms in words a learner reads, explains the chosen one and commits it', async () => {
    const user = userEvent.setup();
    const stores = select(replicated, { linkIds: ['web->api'] });
    const choice = await screen.findByLabelText('Load balancing');
    expect(choice).toHaveValue('roundRobin');
    expect(
      within(choice)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual([
      'Round robin (each in turn)',
      'Random',
      'Least outstanding (fewest in flight)',
      'Power of two choices',
      'Consistent hashing (by key)',
    ]);
    expect(choice).toHaveAccessibleDescription(expect.stringContaining('in turn'));
    expect(screen.getByTestId('balancing-note')).toHaveTextContent('api runs 3 instances: web picks one for each call');
    await user.selectOptions(choice, 'leastOutstanding');
    expect(link(stores, 'web->api').loadBalancing).toBe('leastOutstanding');
    expect(choice).toHaveAccessibleDescription(expect.stringContaining("fewest of this caller's calls still unanswered"));
    expect(screen.queryByLabelText('Keys')).toBeNull();
    act(() => undo(stores.document));
    expect(link(stores, 'web->api')).not.toHaveProperty('loadBalancing');
  });

  it('sets consistent hashing with its keys in one edit, and clears the keys with it', async () => {
    const user = userEvent.setup();
    const stores = select(replicated, { linkIds: ['web->api'] });
    const choice = await screen.findByLabelText('Load balancing');
    await user.selectOptions(choice, 'consistentHash');
    expect(stores.document.getState().lastCommand).toEqual({
      type: 'updateLink',
      id: 'web->api',
      patch: { loadBalancing: 'consistentHash', keys: 100 },
    });
    const keys = screen.getByLabelText('Keys');
    expect(keys).toHaveValue('100');
    expect(keys).toHaveAccessibleDescription(expect.stringContaining('the key chooses the instance'));
    await user.clear(keys);
    await user.type(keys, '12{Enter}');
    expect(link(stores, 'web->api').keys).toBe(12);
    // Hashing needs a key per call: emptying the keys is refused.
    await user.clear(keys);
    await user.tab();
    expect(screen.getByRole('alert')).toHaveTextContent('consistent hashing needs a key per call');
    expect(link(stores, 'web->api').keys).toBe(12);
    // Any other algorithm takes the keys away with it (keys to a service mean nothing without hashing).
    await user.selectOptions(choice, 'powerOfTwo');
    expect(link(stores, 'web->api')).toMatchObject({ loadBalancing: 'powerOfTwo' });
    expect(link(stores, 'web->api')).not.toHaveProperty('keys');
    act(() => undo(stores.document));
    expect(link(stores, 'web->api')).toMatchObject({ loadBalancing: 'consistentHash', keys: 12 });
    act(() => undo(stores.document));
    act(() => undo(stores.document));
    expect(link(stores, 'web->api')).not.toHaveProperty('loadBalancing');
    expect(link(stores, 'web->api')).not.toHaveProperty('keys');
  });

  it('turns outlier ejection on with its defaults, edits and validates its settings, undoably', async () => {
    const user = userEvent.setup();
    const stores = select(replicated, { linkIds: ['api->db'] });
    expect(await screen.findByTestId('balancing-note')).toHaveTextContent(
      'This matters once db has more than one instance (set its Replicas)',
    );
    const group = screen.getByRole('group', { name: 'Outlier ejection' });
    expect(group).toHaveAccessibleDescription(expect.stringContaining('takes a failing one out of its rotation'));
    await user.click(within(group).getByLabelText('Take an instance that keeps failing out of rotation'));
    expect(link(stores, 'api->db').outlierEjection).toEqual({ consecutiveFailures: 5, ejectionTime: '30s', maxEjectedPercent: 50 });
    const failures = within(group).getByLabelText('After failures in a row');
    expect(failures).toHaveAccessibleDescription(expect.stringContaining('Failed calls in a row'));
    await user.clear(failures);
    await user.type(failures, '3{Enter}');
    expect(link(stores, 'api->db').outlierEjection).toEqual({ consecutiveFailures: 3, ejectionTime: '30s', maxEjectedPercent: 50 });
    const time = within(group).getByLabelText('Out of rotation for');
    await user.clear(time);
    await user.type(time, '10s{Enter}');
    expect(link(stores, 'api->db').outlierEjection).toMatchObject({ ejectionTime: '10s' });
    const share = within(group).getByLabelText('At most ejected');
    await user.clear(share);
    await user.type(share, '150{Enter}');
    expect(within(group).getByRole('alert')).toHaveTextContent('must be at most 100');
    expect(link(stores, 'api->db').outlierEjection).toMatchObject({ maxEjectedPercent: 50 });
    act(() => undo(stores.document));
    expect(link(stores, 'api->db').outlierEjection).toMatchObject({ ejectionTime: '30s' });
    await user.click(within(group).getByLabelText('Take an instance that keeps failing out of rotation'));
    expect(link(stores, 'api->db')).not.toHaveProperty('outlierEjection');
  });

  it("is not offered where calls do not go to a service's instances: a publish to a queue, a queue's deliveries", async () => {
    const stores = select(replicated, { linkIds: ['web->api'] });
    await screen.findByLabelText('Load balancing');
    act(() => stores.ui.getState().select({ linkIds: ['api->jobs'] }));
    expect(screen.getByRole('heading', { name: 'Link api → jobs' })).toBeInTheDocument();
    expect(screen.queryByLabelText('Load balancing')).toBeNull();
    expect(screen.queryByRole('group', { name: 'Outlier ejection' })).toBeNull();
    act(() => stores.ui.getState().select({ linkIds: ['jobs->worker'] }));
    expect(screen.getByRole('heading', { name: 'Link jobs → worker' })).toBeInTheDocument();
    expect(screen.queryByLabelText('Load balancing')).toBeNull();
  });

  it('applies from the start when changed during a run, and says so', async () => {
    const user = userEvent.setup();
    const stores = select(replicated, { linkIds: ['web->api'] });
    await act(async () => {
      await stores.run.start(stores.document.getState().document, 1000);
      stores.playback.getState().seek(500);
    });
    await user.selectOptions(await screen.findByLabelText('Load balancing'), 'random');
    expect(stores.document.getState().lastCommand).toEqual({
      type: 'updateLink',
      id: 'web->api',
      patch: { loadBalancing: 'random', keys: undefined },
    });
    expect(stores.document.getState().document.changes ?? []).toEqual([]);
    expect(stores.ui.getState().notice?.text).toMatch(/applies from the start/);
  });
});

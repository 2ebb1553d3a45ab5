// @vitest-environment jsdom
/**
 * The inspector while a run is being watched: a message's trace id, hops and elapsed time; a
 * node's figures at the playhead; an edit made mid-run becoming a change at the playhead (in a
 * lesson: an edit of the whole run).
 */
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { messagesBuffer } from '../../src/engine/replay/messageIndex.ts';
import { refreshLive } from '../../src/ui/playback/liveState.ts';
import type { DocumentInput } from '../../src/store/document/commands.ts';
import { renderInspector, system } from './inspectorSupport.tsx';

/** The system with a 2 s timeout on the client's link. */
const webAndApiWithTimeout: DocumentInput = {
  ...system,
  links: (system.links ?? []).map((l) => (l.from === 'web' ? { ...l, timeout: '2s' } : l)),
};

async function watched(time: number, doc: DocumentInput = system) {
  const stores = renderInspector(doc);
  await act(async () => {
    await stores.run.start(stores.document.getState().document, 1000);
    stores.playback.getState().seek(time);
    refreshLive(stores.live, stores);
  });
  return stores;
}

/** The first call made by a service (a hop below a client's request). */
function firstInnerCall(stores: Awaited<ReturnType<typeof watched>>): number {
  const replay = stores.run.getState().replay!;
  for (let c = 0; c < replay.callsKnown; c++) if (replay.call(c).parent >= 0) return c;
  throw new Error('no inner call');
}

describe('a selected message', () => {
  it('shows its trace id, ends, hops and elapsed time at the playhead', async () => {
    const stores = await watched(900);
    const replay = stores.run.getState().replay!;
    const c = firstInnerCall(stores);
    const info = replay.call(c);
    act(() => stores.ui.getState().select({ call: c }));
    // The message view is loaded when a message is first picked.
    expect(await screen.findByRole('heading', { name: `Message of call #${c}` })).toBeInTheDocument();
    expect(screen.getByTestId('message-trace')).toHaveTextContent(`#${info.root}`);
    expect(screen.getByTestId('message-hops')).toHaveTextContent('2');
    expect(screen.getByText(/^api → (db|cache)$/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: `Select parent call #${info.parent}` })).toBeInTheDocument();
    // Long since finished at 900 ms: it says so and how long it took.
    expect(screen.getByText(/^Finished: api got the reply/)).toBeInTheDocument();
    expect(screen.getByText('Took')).toBeInTheDocument();
  });

  it('follows the playhead: not sent yet before, under way just after sending', async () => {
    const stores = await watched(0);
    const replay = stores.run.getState().replay!;
    let c = 0;
    while (replay.call(c).sentAt < 1) c++; // one with time before it
    const { sentAt } = replay.call(c);
    act(() => stores.ui.getState().select({ call: c }));
    await screen.findByRole('heading', { name: `Message of call #${c}` });
    act(() => stores.playback.getState().seek(sentAt + 0.01));
    expect(screen.getByText(/^The request is on its way from web to api/)).toBeInTheDocument();
    expect(screen.getByText('Elapsed').nextSibling).toHaveTextContent('10us');
    expect(screen.getByText('none — sent by a client')).toBeInTheDocument();
    act(() => stores.playback.getState().seek(sentAt - 1));
    expect(screen.getByText('Not sent yet at the playhead.')).toBeInTheDocument();
    expect(screen.getByText('Elapsed').nextSibling).toHaveTextContent('—');
  });

  it('says so when the call is not part of the run', async () => {
    const stores = await watched(100);
    act(() => stores.ui.getState().select({ call: 10_000_000 }));
    expect(await screen.findByText('This message is not part of the current run.')).toBeInTheDocument();
  });
});

describe('a node during a run', () => {
  it('shows its live figures at the playhead', async () => {
    const stores = await watched(900);
    act(() => stores.ui.getState().select({ nodeIds: ['api'] }));
    const live = screen.getByRole('region', { name: 'At the playhead' });
    expect(live).toHaveTextContent('Modehealthy');
    expect(live).toHaveTextContent(/Busy workers\d+ \/ 4/);
    const arrived = stores.live.getState().state!.nodes[1].arrivals;
    expect(arrived).toBeGreaterThan(0);
    expect(live).toHaveTextContent(`Arrived${arrived}`);
  });

  it('turns an edit of a changeable setting into a change at the playhead, listed and removable', async () => {
    const user = userEvent.setup();
    const stores = await watched(500);
    act(() => stores.ui.getState().select({ nodeIds: ['api'] }));
    const workers = screen.getByLabelText('Workers');
    await user.clear(workers);
    await user.type(workers, '8{Enter}');
    expect(stores.document.getState().lastCommand).toEqual({
      type: 'addChange',
      change: { kind: 'service', target: 'api', at: 500, set: { workers: 8 } },
    });
    expect((stores.document.getState().document.nodes[1] as { workers: number }).workers).toBe(4);
    expect(workers).toHaveValue('8');
    // Before the change, the document's value holds.
    act(() => stores.playback.getState().seek(100));
    expect(workers).toHaveValue('4');
    const changes = screen.getByRole('region', { name: 'Changes during the run' });
    expect(changes).toHaveTextContent('At 500ms: workers 8');
    await user.click(screen.getByRole('button', { name: /^Remove change/ }));
    expect(stores.document.getState().document.changes).toEqual([]);
    // The startup time, the call plan and timeouts change at the playhead too (100 ms now).
    await user.type(screen.getByLabelText('Startup time'), '1s{Enter}');
    expect(stores.document.getState().lastCommand).toEqual({
      type: 'addChange',
      change: { kind: 'service', target: 'api', at: 100, set: { startupTime: '1s' } },
    });
    expect(stores.ui.getState().notice).toBeUndefined();
  });

  it('in a lesson, applies an edit to the whole run (from 0 s) whatever the playhead, and says so (issue 20)', async () => {
    const user = userEvent.setup();
    const stores = await watched(500);
    act(() => stores.lesson.getState().begin('some-lesson', ['api']));
    act(() => stores.ui.getState().select({ nodeIds: ['api'] }));
    const workers = screen.getByLabelText('Workers');
    await user.clear(workers);
    await user.type(workers, '8{Enter}');
    expect(stores.document.getState().lastCommand).toEqual({ type: 'updateNode', id: 'api', patch: { workers: 8 } });
    expect(stores.document.getState().document.changes ?? []).toEqual([]);
    expect(stores.ui.getState().notice?.text).toMatch(/In a lesson, your change applies to the whole run: it is simulated again from 0 s/);
    // Back at the start (Restart), the field reads what the learner set.
    act(() => stores.playback.getState().seek(0));
    expect(workers).toHaveValue('8');
    // The lesson kept in the browser must not come back in the next test.
    act(() => stores.lesson.getState().leave());
    localStorage.clear();
  });

  it('starts a new workload at the playhead when the pattern changes, and shows it from then on', async () => {
    const user = userEvent.setup();
    const stores = await watched(500);
    act(() => stores.ui.getState().select({ nodeIds: ['web'] }));
    await user.selectOptions(screen.getByLabelText('Pattern'), 'closed');
    const command = stores.document.getState().lastCommand;
    expect(command?.type).toBe('addChange');
    expect(command?.type === 'addChange' && command.change.kind === 'client' && command.change.set.workload?.pattern).toBe('closed');
    expect(screen.getByLabelText('Pattern')).toHaveValue('closed');
    expect(screen.getByRole('region', { name: 'Changes during the run' })).toHaveTextContent(/At 500ms: workload closed \(users \d+/);
    act(() => stores.playback.getState().seek(100));
    expect(screen.getByLabelText('Pattern')).toHaveValue('poisson');
    expect(stores.ui.getState().notice).toBeUndefined();
  });

  it('applies from the start what cannot change mid-run (the seed), and says so', async () => {
    const user = userEvent.setup();
    const stores = await watched(500);
    const seed = screen.getByLabelText('Seed');
    await user.clear(seed);
    await user.type(seed, '99{Enter}');
    expect(stores.document.getState().document.seed).toBe(99);
    expect(stores.ui.getState().notice?.text).toMatch(/applies from the start/);
  });

  it('shows a timeout cleared mid-run as none from then on, and lists it', async () => {
    const user = userEvent.setup();
    const stores = await watched(500, webAndApiWithTimeout);
    act(() => stores.ui.getState().select({ linkIds: ['web->api'] }));
    const timeout = screen.getByLabelText('Timeout');
    expect(timeout).toHaveValue('2s');
    await user.clear(timeout);
    await user.keyboard('{Enter}');
    expect(stores.document.getState().lastCommand).toEqual({
      type: 'addChange',
      change: { kind: 'link', link: 'web->api', at: 500, set: { timeout: null } },
    });
    expect(timeout).toHaveValue('');
    expect(screen.getByRole('region', { name: 'Changes during the run' })).toHaveTextContent('At 500ms: timeout none');
    act(() => stores.playback.getState().seek(100));
    expect(timeout).toHaveValue('2s');
  });
});

describe('a link during a run', () => {
  it('lists the messages on it at the playhead, and choosing one selects it (no pointer needed)', async () => {
    const user = userEvent.setup();
    const stores = await watched(0);
    const replay = stores.run.getState().replay!;
    // What the overlay would draw on the link: the first moment with a message on it.
    const l = replay.topology.linkIds.indexOf('web->api');
    const buffer = messagesBuffer();
    const onLinkAt = (t: number) => {
      replay.messagesAt(t, buffer);
      return Array.from({ length: buffer.count }, (_, i) => i)
        .filter((i) => buffer.link[i] === l)
        .map((i) => buffer.call[i]);
    };
    let t = 1;
    while (t < 1000 && onLinkAt(t).length === 0) t += 0.25;
    const onLink = onLinkAt(t);
    expect(onLink.length).toBeGreaterThan(0);
    act(() => {
      stores.playback.getState().seek(t);
      refreshLive(stores.live, stores);
    });
    act(() => stores.ui.getState().select({ linkIds: ['web->api'] }));
    const region = screen.getByRole('region', { name: 'Messages on this link now' });
    const buttons = within(region).queryAllByRole('button');
    expect(buttons.map((b) => Number(/#(\d+)/.exec(b.textContent ?? '')?.[1]))).toEqual(onLink.slice(0, 12));
    await user.click(buttons[0]);
    expect(stores.ui.getState().selection.call).toBe(onLink[0]);
    expect(screen.getByRole('heading', { name: `Message of call #${onLink[0]}` })).toBeInTheDocument();
  });
});

// @vitest-environment jsdom
/**
 * The inspector on a topic and its links: the schema's description of a topic, its producers and
 * subscriptions listed read-only (it has no settings of its own), advice when either is missing;
 * call policies on both a producer's publish link and a topic's link to a subscription, which
 * says what a retry does there; a client and a call step naming the topic as a publish; a queue
 * listing the topic among its producers; a crash on a topic in the fault view.
 */
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { DocumentInput } from '../../src/store/document/commands.ts';
import type { Selection } from '../../src/store/uiStore.ts';
import { renderInspector } from './inspectorSupport.tsx';
import { fanout } from './topicSupport.tsx';

type Rendered = ReturnType<typeof renderInspector>;
const link = (stores: Rendered, id: string) =>
  (stores.document.getState().document.links ?? []).find((l) => `${l.from}->${l.to}` === id) as Record<string, unknown>;

/** The inspector over `doc`, with `selection` selected. */
function select(doc: DocumentInput, selection: Partial<Selection>) {
  const stores = renderInspector(doc);
  act(() => stores.ui.getState().select(selection));
  return stores;
}

describe('a selected topic', () => {
  it('is described by the schema and lists its producers and subscriptions, read-only', () => {
    select(fanout, { nodeIds: ['placed'] });
    expect(screen.getByRole('heading', { name: 'placed' })).toBeInTheDocument();
    expect(screen.getByText('Topic')).toBeInTheDocument();
    expect(screen.getByText(/A publish\/subscribe topic \(SNS\/fanout-like\)/)).toBeInTheDocument();
    const producers = screen.getByLabelText('Producers');
    expect(producers).toHaveValue('order');
    expect(producers).toHaveAttribute('readonly');
    expect(producers).toHaveAccessibleDescription(expect.stringContaining('confirms a publish at once'));
    const subscriptions = screen.getByLabelText('Subscriptions');
    expect(subscriptions).toHaveValue('email-q, stats-q');
    expect(subscriptions).toHaveAttribute('readonly');
    expect(subscriptions).toHaveAccessibleDescription(expect.stringContaining('its own copy of every publish'));
    // No queue's or service's settings: a topic has none.
    for (const name of ['Visibility timeout', 'Max length', 'Workers']) expect(screen.queryByLabelText(name)).toBeNull();
  });

  it('says what to connect when nothing publishes to it and no queue subscribes', () => {
    select({ ...fanout, links: [] }, { nodeIds: ['placed'] });
    expect(screen.getByLabelText('Producers')).toHaveValue('none');
    expect(screen.getByLabelText('Producers')).toHaveAccessibleDescription(expect.stringContaining('connect a client or a service to it'));
    expect(screen.getByLabelText('Subscriptions')).toHaveValue('none');
    expect(screen.getByLabelText('Subscriptions')).toHaveAccessibleDescription(expect.stringContaining('goes nowhere'));
  });

  it('is listed among the producers of a queue subscribed to it', () => {
    select(fanout, { nodeIds: ['email-q'] });
    expect(screen.getByLabelText('Producers')).toHaveValue('placed');
  });
});

describe("a topic's links", () => {
  it("keeps call policies on a subscription's link, saying that a retry sends refused copies again", async () => {
    const user = userEvent.setup();
    const stores = select(fanout, { linkIds: ['placed->email-q'] });
    expect(screen.getByLabelText('Kind')).toHaveValue('Async (through a queue)');
    expect(screen.getByLabelText('From')).toHaveAccessibleDescription(expect.stringContaining('sends a copy of every publish'));
    expect(screen.getByLabelText('To')).toHaveAccessibleDescription(expect.stringContaining('A subscription'));
    const policies = screen.getByRole('region', { name: 'Resilience' });
    expect(within(policies).getByLabelText('Timeout')).toBeInTheDocument();
    expect(
      screen.getByText(/A retry here sends again the copies refused by this subscription while its queue is down/),
    ).toBeInTheDocument();
    // Copies are calls, not deliveries: no prefetch nor deduplication here.
    expect(screen.queryByLabelText('Prefetch')).toBeNull();
    expect(screen.queryByLabelText('Remember processed ids')).toBeNull();
    await user.click(within(policies).getByRole('checkbox', { name: 'Retry failed attempts' }));
    expect(link(stores, 'placed->email-q').retry).toMatchObject({ maxAttempts: 3 });
  });

  it("keeps call policies on a producer's publish link, without the note on copies", () => {
    select(fanout, { linkIds: ['order->placed'] });
    expect(screen.getByLabelText('From')).toHaveAccessibleDescription(expect.stringContaining('which a topic gives at once'));
    expect(screen.getByLabelText('To')).toHaveValue('placed');
    expect(
      within(screen.getByRole('region', { name: 'Resilience' })).getByRole('checkbox', { name: 'Guard with a circuit breaker' }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/sends again the copies/)).toBeNull();
  });

  it("offers the topic as a client's target, marked as a publish", () => {
    const direct: DocumentInput = {
      ...fanout,
      nodes: fanout.nodes.map((n) => (n.id === 'web' ? { ...n, target: 'placed' } : n)),
      links: [{ from: 'web', to: 'placed', kind: 'async' }, ...(fanout.links ?? []).slice(2)],
    };
    select(direct, { nodeIds: ['web'] });
    const target = screen.getByLabelText('Target');
    expect(target).toHaveValue('placed');
    expect(within(target).getByRole('option', { name: 'placed (topic: publish)' })).toBeInTheDocument();
  });

  it("names the topic as a publish in the producer's call plan", () => {
    select(fanout, { nodeIds: ['order'] });
    const step = within(screen.getByRole('group', { name: 'Calls' })).getByLabelText('Step 1: Service');
    expect(step).toHaveValue('placed');
    expect(within(step).getByRole('option', { name: 'placed (topic: publish)' })).toBeInTheDocument();
  });
});

describe('a crash on a topic in the fault view', () => {
  it('names its target a topic and says what its outage does', () => {
    select({ ...fanout, faults: [{ kind: 'crash', target: 'placed', at: '2s', duration: '3s' }] }, { faultIndex: 0 });
    const target = screen.getByLabelText('Topic');
    expect(target).toHaveValue('placed');
    expect(target).toHaveAccessibleDescription(expect.stringContaining('its subscriptions get no copies'));
    // A crash can hit services, queues and topics alike.
    expect(
      within(target)
        .getAllByRole('option')
        .map((o) => o.getAttribute('value')),
    ).toEqual(['order', 'placed', 'email-q', 'stats-q', 'email', 'stats']);
  });
});

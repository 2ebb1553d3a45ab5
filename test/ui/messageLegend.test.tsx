// @vitest-environment jsdom
/**
 * The message legend: every kind's shape and name, with the messaging kinds (publish, delivery, poll, ack, nack) only where a system has
 * them.
 */
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MessageLegend } from '../../src/ui/overlay/MessageLegend.tsx';
import { renderWith, webAndApi } from './playbackSupport.tsx';

const names = () =>
  within(screen.getByRole('list', { name: 'Message legend' }))
    .getAllByRole('listitem')
    .map((li) => li.textContent);

describe('the message legend', () => {
  it('lists the request/response kinds for a system of services', () => {
    renderWith(<MessageLegend />, webAndApi);
    expect(names()).toEqual(['Request', 'Reply', 'Error', 'Rejected', 'Late', 'Lost']);
  });

  it('adds publishes, deliveries, polls, acks and nacks once the system has a broker or polling', () => {
    const stores = renderWith(<MessageLegend />, webAndApi);
    act(() => stores.document.getState().dispatch({ type: 'updateLink', id: 'web->api', patch: { polling: { interval: '1s' } } }));
    expect(names()).toEqual(['Request', 'Reply', 'Error', 'Rejected', 'Late', 'Publish', 'Delivery', 'Poll', 'Ack', 'Nack', 'Lost']);
    const poll = within(screen.getByRole('list', { name: 'Message legend' })).getByText('Poll');
    expect(poll.closest('li')).toHaveAttribute('title', expect.stringContaining('async HTTP'));
    expect(poll.closest('li')?.querySelector('path')?.getAttribute('fill')).toBe('var(--msg-poll)');
  });
});

describe("a gateway's refusals in the legend", () => {
  it('lists 401, 429 and 404, each its own shape and colour, only once the system has a gateway', () => {
    const stores = renderWith(<MessageLegend />, webAndApi);
    expect(names()).not.toContain('401');
    act(() =>
      stores.document.getState().dispatch({ type: 'addNode', node: { id: 'gw', kind: 'gateway', routes: [{ prefix: '/', to: 'api' }] } }),
    );
    expect(names()).toEqual(expect.arrayContaining(['401', '429', '404']));
    const list = within(screen.getByRole('list', { name: 'Message legend' }));
    const fills = ['401', '429', '404'].map((n) => list.getByText(n).closest('li')?.querySelector('path')?.getAttribute('fill'));
    expect(fills).toEqual(['var(--msg-unauthorized)', 'var(--msg-throttled)', 'var(--msg-not-found)']);
    expect(list.getByText('429').closest('li')).toHaveAttribute('title', expect.stringContaining('rate'));
  });
});

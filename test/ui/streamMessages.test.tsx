// @vitest-environment jsdom
/**
 * A stream's messages as the overlay draws them: in a real run, what a producer sends to a stream
 * is a publish and what the stream sends its consumers a delivery (the replay tells them from
 * requests), and the legend lists both kinds for a system with a stream.
 */
import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MessageKind, messagesBuffer } from '../../src/engine/replay/messageIndex.ts';
import { MessageLegend } from '../../src/ui/overlay/MessageLegend.tsx';
import { renderWith } from './playbackSupport.tsx';
import { orderEvents } from './streamSupport.tsx';

describe("a stream's messages", () => {
  it('are publishes on the way in and deliveries on the way out, and the legend lists both', async () => {
    const stores = renderWith(<MessageLegend />, orderEvents);
    const names = within(screen.getByRole('list', { name: 'Message legend' }))
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(names).toEqual(expect.arrayContaining(['Publish', 'Delivery']));
    await act(() => stores.run.start(orderEvents, 3000));
    const replay = stores.run.getState().replay!;
    const links = (orderEvents.links ?? []).map((l) => `${l.from}->${l.to}`);
    const seen = new Map<string, Set<number>>();
    const out = messagesBuffer();
    // Sample every 0.5 ms: links are 1 ms long, so every message is caught in flight at least once.
    for (let t = 100; t < 2000; t += 0.5) {
      replay.messagesAt(t, out);
      for (let i = 0; i < out.count; i++) {
        if (out.backward[i]) continue; // replies: the confirm and the commit's reply
        const id = links[out.link[i]];
        seen.set(id, (seen.get(id) ?? new Set()).add(out.kind[i]));
      }
    }
    expect([...(seen.get('orders->events') ?? [])]).toEqual([MessageKind.PUBLISH]);
    for (const consumer of ['billing-1', 'billing-2', 'analytics'])
      expect([...(seen.get(`events->${consumer}`) ?? [])]).toEqual([MessageKind.DELIVERY]);
    expect([...(seen.get('shop->orders') ?? [])]).toEqual([MessageKind.REQUEST]);
  });
});

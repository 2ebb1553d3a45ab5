/**
 * The seeds' case study: a Notification outage costs checkout nothing (the queue's backlog grows,
 * then drains, nothing lost), a Payment outage fails checkouts, unless a breaker and a default
 * answer on Order's calls to Payment step in.
 */
import { describe, expect, it } from 'vitest';
import { OUTAGE, runSyncVsAsync } from '../../src/experiments/syncVsAsync.ts';
import { formatSyncVsAsync } from '../../src/cli/experimentFormat.ts';

describe('sync vs async (the order flow)', () => {
  const result = runSyncVsAsync();
  const variant = (name: string) => result.variants.find((v) => v.variant === name)!;
  const healthy = variant('healthy'),
    notificationDown = variant('notification down');
  const paymentDown = variant('payment down'),
    guarded = variant('payment down, with a fallback');
  const rate = 20,
    outageSeconds = OUTAGE.duration / 1000;

  it('runs every variant on the same shoppers', () => {
    expect(new Set(result.variants.map((v) => v.checkouts)).size).toBe(1);
    expect(healthy.failed).toBe(0);
  });

  it('a Notification outage: checkout does not notice; the backlog grows, drains, and nothing is lost', () => {
    expect(notificationDown.ok).toBe(healthy.ok);
    expect(notificationDown.failed).toBe(0);
    expect(notificationDown.p99).toBeCloseTo(healthy.p99, 6);
    expect(notificationDown.deepest).toBeGreaterThan(0.8 * rate * outageSeconds);
    expect(healthy.deepest).toBeLessThan(100);
    expect(notificationDown.lost).toBe(0);
    expect(notificationDown.emails).toBe(notificationDown.published);
    expect(notificationDown.pending).toBe(0);
  });

  it('a Payment outage: the checkouts of those 30 s fail', () => {
    expect(paymentDown.failed).toBeGreaterThan(0.8 * rate * outageSeconds);
    expect(paymentDown.ok).toBeLessThan(healthy.ok - 0.8 * rate * outageSeconds);
    // No order, no OrderPlaced: the emails follow the answered checkouts.
    expect(paymentDown.published).toBeLessThanOrEqual(paymentDown.ok + 1);
  });

  it('a Payment outage with a breaker and a default answer: checkouts go through', () => {
    expect(guarded.failed).toBe(0);
    expect(guarded.fallbacks).toBeGreaterThan(0.8 * rate * outageSeconds);
    expect(guarded.ok).toBeGreaterThanOrEqual(healthy.ok);
  });

  it('an event-only OrderPlaced: checkout is as fast, but Order answers a call back for every email', () => {
    const eventOnly = variant('event only');
    expect(eventOnly.failed).toBe(0);
    // Order's workers also serve the calls back (and draw their work from its stream): a little different, not slower.
    expect(eventOnly.p99).toBeLessThan(healthy.p99 * 1.1);
    expect(eventOnly.emails).toBe(healthy.emails);
    expect(eventOnly.orderRequests).toBe(healthy.orderRequests + eventOnly.emails + eventOnly.pending);
    expect(eventOnly.emailP50).toBeGreaterThan(healthy.emailP50 + 10);
  });

  it('prints the variants side by side', () => {
    const table = formatSyncVsAsync(result);
    for (const v of result.variants) expect(table).toContain(v.variant);
    expect(table).toMatch(new RegExp(`deepest backlog\\s+${healthy.deepest}\\s+${notificationDown.deepest}\\s`));
  });
});

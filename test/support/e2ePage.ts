/**
 * What the browser tests do to a page, shared by them: named steps that leave a screenshot when
 * they fail, the simulated clock as the page shows it, a node's box, a figure's number, scrubbing
 * the timeline and dragging with intermediate pointer moves (React Flow follows moves, not jumps).
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Runs one step of a test; a failure names the step and leaves a screenshot of the page in the
 * temp folder, named after `suite` and the step.
 */
export async function step(page: Page, suite: string, name: string, action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    const shot = join(tmpdir(), `crosstalk-${suite}-${name.replace(/\W+/g, '-').slice(0, 40)}.png`);
    await page.screenshot({ path: shot }).catch(() => undefined);
    throw new Error(`step "${name}" failed (screenshot: ${shot}): ${(error as Error).message}`, { cause: error });
  }
}

/** The simulated time the playback bar shows, ms. */
export const simTime = async (page: Page) => Number((await page.getByTestId('sim-time').textContent())?.replace(/[^\d.]/g, '')) * 1000;
/** Node `id`'s box on the canvas. */
export const nodeBox = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
/** The whole number a locator's text shows (separators dropped). */
export const numberIn = async (locator: Locator) => Number((await locator.textContent())?.replace(/[^\d]/g, ''));

/** Drags the timeline to `ms` (the range input's value, as a pointer drag sets it). */
export async function scrubTo(page: Page, ms: number): Promise<void> {
  await page.getByRole('slider', { name: 'Timeline' }).evaluate((input, value) => {
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    setter.call(input, String(value));
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, ms);
  await expect.poll(() => simTime(page)).toBeCloseTo(ms, -1);
}

/** Drags from one element's centre to another's with intermediate pointer moves. */
export async function dragBetween(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error('an element to drag between is not visible');
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}

/** Runs the open document to its end (the toolbar's "Run to the end") and returns the trace hash the page then shows. */
export async function runToTheEnd(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Run to the end' }).click();
  await expect.poll(() => page.getByTestId('trace-hash').textContent(), { timeout: 30_000 }).toMatch(/^[0-9a-f]{16}$/);
  return (await page.getByTestId('trace-hash').textContent()) ?? '';
}

/**
 * The promise of docs/ARCHITECTURE.md: same scenario + same seed ⇒ the same trace, in Node and in the browser.
 * The built site runs the shipped examples in Chromium; their trace hashes must equal Node's.
 * The page must also load nothing from outside the local server (it works offline).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import type { BrowserContext, Page } from 'playwright-core';
import { simulate } from '../../src/engine/index.ts';
import { example } from '../support/scenarios.ts';
import { browserAvailable, buildSite, launchChromium, serve } from '../support/browser.ts';
import { runToTheEnd } from '../support/e2ePage.ts';

describe.skipIf(!browserAvailable())('in the browser', () => {
  let browser: BrowserContext;
  let server: Server;
  let page: Page;
  const outside: string[] = [];

  beforeAll(async () => {
    const dist = await buildSite();
    const served = await serve(dist);
    server = served.server;
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('request', (request) => {
      if (!request.url().startsWith(served.url) && !request.url().startsWith('data:')) outside.push(request.url());
    });
    await page.goto(served.url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it.each([
    'mm1',
    'checkout',
    'cascade-protected',
    'contention',
    'order-flow',
    'stream',
    'discovery',
    'gateway',
    'slow-instance',
    'graphql-vs-rest',
    'competing-consumers',
  ])('runs the %s example (in the simulation worker) to the same trace hash as Node', async (name) => {
    await page.getByLabel('Open an example').selectOption(name);
    const hash = await runToTheEnd(page);
    expect(hash).toBe(simulate(example(name)).report.traceHash);
  });

  it('loads nothing from outside its own server', () => {
    expect(outside).toEqual([]);
  });
});

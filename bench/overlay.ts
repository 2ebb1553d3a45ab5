/**
 * `overlay_frame_ms_p95`: what drawing the messages costs a frame. The built site runs in Chromium
 * (the browser tests' setup) at 1280×720 with a generated system of 100 nodes and 150 links loaded
 * into the autosave slot, fitted to the view and played at 1× with ~2,000 messages in flight;
 * requestAnimationFrame deltas over 5 s give the frame times. The same page with `?overlay=off`
 * (nothing drawn) is the baseline: `ratio` = p95 with the overlay ÷ p95 without (target ≤ 1.25).
 * Each mode runs ROUNDS times, alternating, and the p95s are averaged.
 */
import type { BrowserContext } from 'playwright-core';
import type { DocumentInput } from '../src/store/document/commands.ts';
import { DOCUMENT_KEY } from '../src/ui/persistence/storage.ts';
import { buildSite, launchChromium, serve } from '../test/support/browser.ts';

const GROUPS = 10;
/** Requests per second per client: 15 calls each, 2 messages a call, 50 ms a message ⇒ ~2,000 in flight. */
const RATE = 135;
const WARM_UP_MS = 2500;
const MEASURE_MS = 5000;
/** Measurements per mode, alternating (frame times step by whole vsync intervals: one run is coarse). */
const ROUNDS = 3;

/**
 * Ten groups of a client and nine services (100 nodes). In each group the client calls s0, s0
 * calls s1 and s2, they call s3…s6, and each of those calls both s7 and s8: 15 links a group,
 * 150 in all, every one of them busy. Workers wait for their calls' replies, so s0 holds one for
 * ~0.3 s a request: pools of 128 keep every service ahead of its load (no growing queues).
 */
export function benchDocument(): DocumentInput {
  const nodes: DocumentInput['nodes'] = [];
  const links: NonNullable<DocumentInput['links']> = [];
  const latency = { dist: 'constant', value: '50ms' } as const;
  const calls: Record<number, number[]> = { 0: [1, 2], 1: [3, 4], 2: [5, 6], 3: [7, 8], 4: [7, 8], 5: [7, 8], 6: [7, 8] };
  const column: Record<number, [number, number]> = {
    0: [1, 1.5],
    1: [2, 0.5],
    2: [2, 2.5],
    3: [3, 0],
    4: [3, 1],
    5: [3, 2],
    6: [3, 3],
    7: [4, 1],
    8: [4, 2],
  };
  for (let g = 0; g < GROUPS; g++) {
    // Groups in two columns of five blocks, each block five node columns by four rows.
    const ox = (g % 2) * 1300,
      oy = Math.floor(g / 2) * 420;
    const id = (k: number) => `g${g}-s${k}`;
    nodes.push({
      id: `g${g}-client`,
      kind: 'client',
      target: id(0),
      workload: { pattern: 'poisson', rate: RATE },
      position: { x: ox, y: oy + 150 },
    });
    links.push({ from: `g${g}-client`, to: id(0), latency });
    for (let k = 0; k <= 8; k++) {
      const [cx, cy] = column[k];
      const callees = calls[k] ?? [];
      nodes.push({
        id: id(k),
        kind: 'service',
        workers: 128,
        serviceTime: { dist: 'exponential', mean: '2ms' },
        calls: callees.length > 0 ? [{ parallel: callees.map((c) => ({ to: id(c) })) }] : [],
        position: { x: ox + cx * 250, y: oy + cy * 100 },
      });
      for (const c of callees) links.push({ from: id(k), to: id(c), latency });
    }
  }
  return { version: 1, name: 'Overlay bench: 100 nodes, 150 links', seed: 11, duration: '30s', nodes, links, faults: [] };
}

interface FrameSample {
  readonly p95: number;
  /** Mean frame time: finer than the p95, which moves in whole vsync intervals. */
  readonly mean: number;
  /** Mean number of messages the overlay showed per frame (0 with the overlay off). */
  readonly messages: number;
  /** Simulated ms played during the measurement (≈ MEASURE_MS at 1× unless playback buffered). */
  readonly played: number;
}

/**
 * Runs in the page: requestAnimationFrame deltas for MEASURE_MS, and the overlay's message count
 * averaged over those frames. A string, not a function: tsx's transform would add helpers to a
 * function's source that do not exist in the page.
 */
const FRAME_TIMES = `new Promise((resolve) => {
  const deltas = [];
  const overlay = document.querySelector('[data-testid="message-overlay"]');
  let shown = 0, last, start;
  function frame(now) {
    if (last !== undefined) deltas.push(now - last);
    last = now;
    if (start === undefined) start = now;
    shown += Number(overlay?.dataset.messages ?? 0);
    if (now - start < MEASURE_MS) requestAnimationFrame(frame);
    else resolve({ deltas, messages: shown / (deltas.length + 1) });
  }
  requestAnimationFrame(frame);
})`;

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))];
}

async function measure(context: BrowserContext, url: string, doc: DocumentInput): Promise<FrameSample> {
  const page = await context.newPage();
  try {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.addInitScript(
      ([key, text]) => {
        localStorage.setItem(key, text);
      },
      [DOCUMENT_KEY, JSON.stringify(doc)] as const,
    );
    await page.goto(url);
    await page
      .locator('.react-flow__node')
      .nth(doc.nodes.length - 1)
      .waitFor();
    await page.getByRole('button', { name: 'Fit view', exact: true }).click();
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.waitForTimeout(WARM_UP_MS);
    const simSeconds = async () => Number((await page.getByTestId('sim-time').textContent())?.replace(' s', ''));
    const before = await simSeconds();
    const { deltas, messages } = (await page.evaluate(FRAME_TIMES.replace('MEASURE_MS', String(MEASURE_MS)))) as {
      deltas: number[];
      messages: number;
    };
    const played = ((await simSeconds()) - before) * 1000;
    return { p95: percentile(deltas, 0.95), mean: deltas.reduce((a, b) => a + b, 0) / deltas.length, messages, played };
  } finally {
    await page.close();
  }
}

export interface OverlayFrames {
  readonly onP95: number;
  readonly offP95: number;
  readonly onMean: number;
  readonly offMean: number;
  readonly ratio: number;
  readonly messages: number;
  readonly played: number;
}

export async function measureOverlayFrames(): Promise<OverlayFrames> {
  const { url, server } = await serve(await buildSite());
  const context = await launchChromium();
  try {
    const doc = benchDocument();
    const on: FrameSample[] = [],
      off: FrameSample[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      off.push(await measure(context, `${url}?overlay=off`, doc));
      on.push(await measure(context, url, doc));
    }
    const mean = (xs: FrameSample[], f: (x: FrameSample) => number) => xs.reduce((s, x) => s + f(x), 0) / xs.length;
    const onP95 = mean(on, (x) => x.p95),
      offP95 = mean(off, (x) => x.p95);
    return {
      onP95,
      offP95,
      onMean: mean(on, (x) => x.mean),
      offMean: mean(off, (x) => x.mean),
      ratio: onP95 / offP95,
      messages: mean(on, (x) => x.messages),
      played: mean(on, (x) => x.played),
    };
  } finally {
    await context.close();
    server.close();
  }
}

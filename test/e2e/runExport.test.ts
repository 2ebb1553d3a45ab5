/**
 * The run's exports from the File menu, in Chromium from the built site: "Export trace (OTLP
 * JSON)", "Export trace (Chrome/Perfetto)" and "Export metrics (CSV)" each download a file that
 * parses with the right shape, made in the worker, and the same bytes as the command line's
 * export of the same system (a run is the same in Node and in the browser).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { shareUrl } from '../../src/ui/persistence/shareLink.ts';
import { validateScenario } from '../../src/model/index.ts';
import { Simulation } from '../../src/engine/index.ts';
import { exportText, type ExportFormat } from '../../src/engine/export/index.ts';
import { browserAvailable, useBuiltSite } from '../support/browser.ts';
import { nodeBox, step } from '../support/e2ePage.ts';

const system = {
  version: 1,
  name: 'Three in a row',
  seed: 7,
  duration: '4s',
  nodes: [
    { id: 'web', kind: 'client', target: 'api', workload: { pattern: 'poisson', rate: 20 }, position: { x: 0, y: 120 } },
    {
      id: 'api',
      kind: 'service',
      workers: 4,
      serviceTime: { dist: 'exponential', mean: 20 },
      calls: [{ to: 'db' }],
      position: { x: 380, y: 120 },
    },
    { id: 'db', kind: 'service', workers: 4, serviceTime: { dist: 'exponential', mean: 5 }, position: { x: 760, y: 160 } },
  ],
  links: [
    { from: 'web', to: 'api', latency: { dist: 'constant', value: 2 } },
    { from: 'api', to: 'db', latency: { dist: 'constant', value: 1 } },
  ],
  faults: [],
};

async function downloadOf(page: Page, item: string): Promise<{ name: string; text: string }> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'File' }).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
  const file = await download;
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

/** The same export made in Node. */
function nodeExport(format: ExportFormat): string {
  const result = validateScenario(system);
  if (!result.ok) throw new Error('invalid system');
  const simulation = new Simulation(result.scenario, { record: 'full' });
  simulation.runUntil(result.scenario.duration);
  return exportText(simulation, format);
}

interface Otlp {
  resourceSpans: {
    resource: { attributes: { key: string; value: { stringValue?: string } }[] };
    scopeSpans: { spans: { traceId: string; spanId: string; parentSpanId?: string }[] }[];
  }[];
}

describe.skipIf(!browserAvailable())('exporting the run from the File menu', () => {
  const site = useBuiltSite();

  it('downloads the OTLP trace, the Chrome trace and the metrics CSV', async () => {
    const page = await site.page();
    page.setDefaultTimeout(20_000);
    await page.setViewportSize({ width: 1280, height: 800 });
    await step(page, 'runExport', 'open the system', async () => {
      await page.goto(shareUrl(site.url, system));
      await expect.poll(() => nodeBox(page, 'db').getAttribute('aria-label')).toBe('Service db');
    });

    await step(page, 'runExport', 'Export trace (OTLP JSON): a resource per service, every parent in its trace', async () => {
      const { name, text } = await downloadOf(page, 'Export trace (OTLP JSON)');
      expect(name).toBe('Three-in-a-row.otlp.json');
      const doc = JSON.parse(text) as Otlp;
      const services = doc.resourceSpans.map((r) => r.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue);
      expect(services.sort()).toEqual(['api', 'db']);
      const spans = doc.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
      expect(spans.length).toBeGreaterThan(100);
      const ids = new Set(spans.map((s) => `${s.traceId}/${s.spanId}`));
      for (const s of spans) {
        expect(s.traceId).toMatch(/^[0-9a-f]{32}$/);
        expect(s.spanId).toMatch(/^[0-9a-f]{16}$/);
        if (s.parentSpanId !== undefined) expect(ids.has(`${s.traceId}/${s.parentSpanId}`)).toBe(true);
      }
      // Every call to api made one to db: half the spans are roots.
      expect(spans.filter((s) => s.parentSpanId === undefined).length * 2).toBe(spans.length);
      expect(text).toBe(nodeExport('otlp'));
    });

    await step(page, 'runExport', 'Export trace (Chrome/Perfetto) and Export metrics (CSV)', async () => {
      const chrome = await downloadOf(page, 'Export trace (Chrome/Perfetto)');
      expect(chrome.name).toBe('Three-in-a-row.trace.json');
      const events = (JSON.parse(chrome.text) as { traceEvents: { ph: string; cat?: string }[] }).traceEvents;
      expect(events.filter((e) => e.ph === 'X' && e.cat === 'call').length).toBeGreaterThan(100);
      const csv = await downloadOf(page, 'Export metrics (CSV)');
      expect(csv.name).toBe('Three-in-a-row.metrics.csv');
      expect(csv.text.split('\n')[0]).toBe('time_ms,kind,id,metric,value');
      expect(csv.text).toContain(',link,api->db,calls,');
      expect(csv.text).toBe(nodeExport('metrics-csv'));
    });
  });
});

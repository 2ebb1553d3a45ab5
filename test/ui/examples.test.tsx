// @vitest-environment jsdom
/**
 * The Examples menu: every entry ships as a valid document, loaded only when picked (none is in
 * the first page's code), and picking one opens it; running waits until it has arrived.
 */
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../../src/model/index.ts';
import { EXAMPLES, hasExample, loadExample } from '../../src/ui/app/examples.ts';
import { RunInfo } from '../../src/ui/app/RunInfo.tsx';
import { renderWith, webAndApi } from './playbackSupport.tsx';

describe('the examples menu', () => {
  it('lists distinct examples, each a shipped file that validates, discovery, the gateway, the slow instance and GraphQL vs REST among them', async () => {
    expect(new Set(EXAMPLES.map((x) => x.id)).size).toBe(EXAMPLES.length);
    expect(EXAMPLES.map((x) => x.id)).toEqual(
      expect.arrayContaining(['discovery', 'gateway', 'checkout', 'stream', 'slow-instance', 'graphql-vs-rest']),
    );
    const files = readdirSync(join(process.cwd(), 'simulations/examples')).map((f) => f.replace(/\.json$/, ''));
    for (const { id } of EXAMPLES) {
      expect(files).toContain(id);
      expect(hasExample(id)).toBe(true);
      const result = validateScenario(await loadExample(id));
      expect(result.ok ? [] : result.problems).toEqual([]);
    }
    expect(hasExample('teapot')).toBe(false);
    await expect(loadExample('teapot')).rejects.toThrow(/no example named teapot/);
  });

  it('opens the picked example once it has loaded', async () => {
    const user = userEvent.setup();
    const stores = renderWith(<RunInfo />, webAndApi);
    const run = screen.getByRole('button', { name: 'Run to the end' });
    expect(run).toBeEnabled();
    await user.selectOptions(screen.getByLabelText('Open an example'), 'discovery');
    await waitFor(() => expect(stores.document.getState().document.name).toBe('Finding each other: a registry and stale caches'));
    expect(stores.document.getState().document.nodes.map((n) => n.kind)).toEqual(['client', 'service', 'registry']);
    await waitFor(() => expect(run).toBeEnabled());
  });
});

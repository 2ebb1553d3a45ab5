// @vitest-environment jsdom
/**
 * Importing files at the edges (issue 19): a byte-order mark before the JSON, and a file with a
 * flood of problems, which the dialog lists in part and counts in full.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDocumentStore } from '../../src/store/documentStore.ts';
import { emptyDocument } from '../../src/store/document/commands.ts';
import { importDocumentText } from '../../src/ui/persistence/documentFiles.ts';
import { missingNodesText } from '../support/bigScenarios.ts';
import { renderToolbar, twoNodes } from './toolbarSupport.tsx';

const checkoutText = readFileSync(join(process.cwd(), 'simulations/examples/checkout.json'), 'utf8');
const BOM = '\uFEFF';

beforeEach(() => localStorage.clear());
afterEach(() => vi.restoreAllMocks());

async function upload(text: string, name: string) {
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'File' }));
  await user.click(screen.getByRole('menuitem', { name: 'Import' }));
  await user.upload(document.querySelector('input[type="file"]') as HTMLInputElement, new File([text], name, { type: 'application/json' }));
}

describe('a byte-order mark before the JSON', () => {
  it('is accepted by the import function, which keeps the document as written', () => {
    const store = createDocumentStore(emptyDocument());
    const result = importDocumentText(store, `${BOM}${checkoutText}`);
    expect(result.ok).toBe(true);
    expect(store.getState().document).toEqual(JSON.parse(checkoutText));
  });

  it('is accepted when a file is picked in the File menu', async () => {
    const stores = renderToolbar(twoNodes);
    await upload(`${BOM}${checkoutText}`, 'windows.json');
    await waitFor(() => expect(stores.document.getState().document).toEqual(JSON.parse(checkoutText)));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });
});

describe('a file with a flood of problems', () => {
  it('shows the first 100 and counts the rest by kind, every one', async () => {
    const text = missingNodesText(1_000_000);
    const links = text.split('"from"').length - 1;
    const total = 2 * links + 1; // both ends of every link are missing, and there are too many links
    renderToolbar(twoNodes);
    await upload(text, 'flood.json');
    const dialog = await screen.findByRole('alertdialog', { name: 'Import failed' });
    expect(within(dialog).getAllByRole('listitem')).toHaveLength(100);
    expect(dialog).toHaveTextContent(`${total.toLocaleString('en')} problems`);
    const more = within(dialog).getByText(/^… and [\d,]+ more:/).textContent ?? '';
    const counts = [...more.matchAll(/([\d,]+) × /g)].map((m) => Number(m[1].replace(/,/g, '')));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(total - 100);
    expect(more).toContain('× no node has the id "…"');
  });
});

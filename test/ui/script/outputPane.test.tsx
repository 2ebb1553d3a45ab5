// @vitest-environment jsdom
/**
 * The Script panel's output pane over hand-built results: a table shows its cells, a chart draws
 * one line per series and names its points for assistive technology, a failed check says it
 * failed with its detail, an error's place in the script is a link that hands its line and column
 * to the editor, an invalid system lists its problems, and an offered system has a button that
 * opens it.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ScriptResult } from '../../../src/script/output.ts';
import { OutputPane } from '../../../src/ui/script/OutputPane.tsx';

const noop = () => undefined;
const show = (result: ScriptResult | undefined, handlers: { onGoTo?: (l: number, c: number) => void; onOpen?: () => void } = {}) =>
  render(<OutputPane result={result} running={false} onGoTo={handlers.onGoTo ?? noop} onOpen={handlers.onOpen ?? noop} />);

describe('the output pane', () => {
  it('shows a table with its title, columns and cells', () => {
    show({
      elapsedMs: 12,
      items: [
        {
          kind: 'table',
          title: 'p99 by workers',
          columns: ['workers', 'p99', 'ok'],
          rows: [
            [2, 812.34567, false],
            [4, 120.5, true],
            [8, null, true],
          ],
        },
      ],
    });
    const table = screen.getByRole('table', { name: 'p99 by workers' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['workers', 'p99', 'ok']);
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      );
    expect(rows).toEqual([
      ['2', '812.3457', 'false'],
      ['4', '120.5', 'true'],
      ['8', '', 'true'],
    ]);
  });

  it('draws a chart: one line per series, a legend, and its points in words', () => {
    show({
      elapsedMs: 1,
      items: [
        {
          kind: 'chart',
          title: 'Latency',
          xLabel: 'callers',
          yLabel: 'ms',
          series: [
            {
              name: 'full jitter',
              points: [
                [10, 5],
                [20, 9],
                [30, 14],
              ],
            },
            {
              name: 'no jitter',
              points: [
                [10, 8],
                [20, 30],
                [30, 75],
              ],
            },
          ],
        },
      ],
    });
    const chart = screen.getByTestId('script-chart');
    expect(chart.querySelectorAll('polyline')).toHaveLength(2);
    expect(chart.querySelectorAll('polyline')[1].getAttribute('points')?.split(' ')).toHaveLength(3);
    expect(within(chart).getByRole('img').getAttribute('aria-label')).toContain('no jitter: (10, 8) (20, 30) (30, 75)');
    expect(within(chart).getByText('full jitter')).toBeInTheDocument();
    expect(chart.textContent).toContain('callers: 10 … 30');
    expect(chart.textContent).toContain('ms: 0 … 75');
  });

  it('says a failed check failed, with its detail, and counts the checks', () => {
    show({
      elapsedMs: 3,
      items: [
        { kind: 'check', name: 'conservation', passed: true },
        { kind: 'check', name: 'no acknowledged message lost', passed: false, detail: '3 lost after ack' },
      ],
    });
    const [passed, failed] = screen.getAllByTestId('script-check');
    expect(passed.className).toContain('is-passed');
    expect(failed.className).toContain('is-failed');
    expect(failed.textContent).toContain('Failed: no acknowledged message lost');
    expect(failed.textContent).toContain('3 lost after ack');
    expect(screen.getByText(/1 of 2 checks passed/)).toBeInTheDocument();
  });

  it("makes an error's place a link that gives the editor its line and column", async () => {
    const onGoTo = vi.fn();
    show(
      {
        elapsedMs: 2,
        items: [{ kind: 'log', text: 'before the error' }],
        error: { kind: 'runtime', message: "TypeError: cannot read properties of undefined (reading 'p99')", line: 14, column: 7 },
      },
      { onGoTo },
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Runtime error');
    expect(alert.textContent).toContain("reading 'p99'");
    expect(screen.getByText('before the error')).toBeInTheDocument();
    await userEvent.click(within(alert).getByRole('button', { name: 'line 14, column 7' }));
    expect(onGoTo).toHaveBeenCalledWith(14, 7);
  });

  it("lists an invalid system's problems, as an import does", () => {
    show({
      elapsedMs: 2,
      items: [],
      error: {
        kind: 'invalid-system',
        message: 'the system is not valid',
        problems: ['nodes[1].target: no node "api"', 'links[0]: links a node to itself'],
      },
    });
    const items = within(screen.getByRole('alert'))
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toEqual(['nodes[1].target: no node "api"', 'links[0]: links a node to itself']);
  });

  it('offers a system with a button that opens it', async () => {
    const onOpen = vi.fn();
    const scenario = {
      version: 1 as const,
      name: 'Chain',
      seed: 1,
      duration: 1000,
      nodes: [{ id: 'a', kind: 'service' }],
      links: [],
      faults: [],
      changes: [],
    };
    show({ elapsedMs: 2, items: [{ kind: 'open', title: 'A chain of 30', scenario: scenario as never }] }, { onOpen });
    expect(screen.getByText('A chain of 30 (1 nodes)')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Open on the canvas' }));
    expect(onOpen).toHaveBeenCalledWith(expect.objectContaining({ kind: 'open', title: 'A chain of 30' }));
  });

  it('before a first run, says what the pane is for', () => {
    show(undefined);
    expect(screen.getByText(/Run the script to see/)).toBeInTheDocument();
  });
});

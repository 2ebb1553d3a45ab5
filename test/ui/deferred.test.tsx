// @vitest-environment jsdom
/**
 * deferred(): a component whose code comes apart from the first page renders its stand-in (or
 * nothing) until the code arrives, then the component itself, in the same place; mounting again
 * after that renders it at once.
 */
import { act, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { deferred } from '../../src/ui/app/deferred.tsx';

function Figures({ id }: { id: string }) {
  return <div data-testid={`box-${id}`}>figures of {id}</div>;
}

/** A load the test resolves when it says. */
function controlledLoad() {
  let arrive!: () => void;
  const arrived = new Promise<void>((resolve) => {
    arrive = resolve;
  });
  return { load: () => arrived.then(() => Figures), arrive };
}

describe('deferred', () => {
  it('shows the stand-in until the code arrives, then the component', async () => {
    const { load, arrive } = controlledLoad();
    const Live = deferred(load, ({ id }: { id: string }) => <div data-testid={`box-${id}`} />);
    const first = render(<Live id="api" />);
    expect(screen.getByTestId('box-api')).toBeEmptyDOMElement();
    await act(async () => {
      arrive();
      await Promise.resolve();
    });
    expect(screen.getByTestId('box-api')).toHaveTextContent('figures of api');
    first.unmount();
    // Its code is there now: a new mount shows the component from its first render.
    render(<Live id="db" />);
    expect(screen.getByTestId('box-db')).toHaveTextContent('figures of db');
  });

  it('renders nothing meanwhile without a stand-in', async () => {
    const { load, arrive } = controlledLoad();
    const Live = deferred(load);
    const { container } = render(<Live id="api" />);
    expect(container).toBeEmptyDOMElement();
    await act(async () => {
      arrive();
      await Promise.resolve();
    });
    expect(screen.getByTestId('box-api')).toHaveTextContent('figures of api');
  });
});

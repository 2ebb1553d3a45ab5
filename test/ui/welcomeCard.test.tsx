// @vitest-environment jsdom
/** The first visit's welcome card on the empty canvas: its three ways in, and a dismissal remembered in the browser. */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { Canvas } from '../../src/ui/canvas/Canvas.tsx';
import { emptyDocument } from '../../src/store/document/commands.ts';
import { WELCOME_DISMISSED_KEY } from '../../src/ui/persistence/storage.ts';
import { chainDocument, renderWithStores, stubLayout } from './canvasHarness.tsx';

beforeAll(() => stubLayout());
beforeEach(() => {
  cleanup();
  localStorage.clear();
});

const card = () => screen.queryByRole('region', { name: 'Welcome to Crosstalk' });

describe('WelcomeCard', () => {
  it('greets a first visit with three ways in, over the empty canvas only', () => {
    const stores = renderWithStores(<Canvas />, emptyDocument());
    expect(card()).toBeInTheDocument();
    for (const name of [/Start Lesson 1/, /Open an example/, /Build your own/])
      expect(screen.getByRole('button', { name })).toBeInTheDocument();
    act(() => stores.document.getState().dispatch({ type: 'addNode', node: { id: 's', kind: 'service', position: { x: 0, y: 0 } } }));
    expect(card()).not.toBeInTheDocument();
  });

  it('once dismissed, stays dismissed on the next visit, and the plain hint shows instead', () => {
    renderWithStores(<Canvas />, emptyDocument());
    fireEvent.click(screen.getByRole('button', { name: /Build your own/ }));
    expect(card()).not.toBeInTheDocument();
    expect(localStorage.getItem(WELCOME_DISMISSED_KEY)).not.toBeNull();
    expect(screen.getByRole('note')).toHaveTextContent(/Drag a Client and a Service here/);
    cleanup();
    renderWithStores(<Canvas />, emptyDocument());
    expect(card()).not.toBeInTheDocument();
  });

  it('is closed by its close button too, and never covers a system', () => {
    renderWithStores(<Canvas />, emptyDocument());
    fireEvent.click(screen.getByRole('button', { name: 'Close the welcome' }));
    expect(localStorage.getItem(WELCOME_DISMISSED_KEY)).not.toBeNull();
    cleanup();
    localStorage.clear();
    renderWithStores(<Canvas />, chainDocument());
    expect(card()).not.toBeInTheDocument();
  });
});

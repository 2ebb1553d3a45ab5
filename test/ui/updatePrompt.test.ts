// @vitest-environment jsdom
/**
 * The update prompt (src/ui/offline): a region named "New version" that says so; Reload asks for
 * the new version once (the button then says it is reloading), Later only hides it.
 */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { updatePrompt } from '../../src/ui/offline/offline.ts';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the update prompt', () => {
  it('says a new version is available; Reload asks for it once', async () => {
    const onReload = vi.fn();
    const onLater = vi.fn();
    document.body.appendChild(updatePrompt(onReload, onLater));
    const region = screen.getByRole('region', { name: 'New version' });
    expect(within(region).getByRole('status').textContent).toBe('New version available.');
    const reload = within(region).getByRole('button', { name: 'Reload' });
    await userEvent.click(reload);
    await userEvent.click(reload);
    expect(onReload).toHaveBeenCalledTimes(1);
    expect(reload.textContent).toBe('Reloading…');
    expect(onLater).not.toHaveBeenCalled();
  });

  it('Later only calls back to hide it', async () => {
    const onReload = vi.fn();
    const onLater = vi.fn();
    document.body.appendChild(updatePrompt(onReload, onLater));
    await userEvent.click(screen.getByRole('button', { name: 'Later' }));
    expect(onLater).toHaveBeenCalledTimes(1);
    expect(onReload).not.toHaveBeenCalled();
  });
});

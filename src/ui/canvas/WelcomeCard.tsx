/**
 * What a first visit sees on its empty canvas: three ways in (the first lesson, an example, a
 * system of one's own), until the person picks one or closes the card. Dismissal is remembered in
 * the browser (persistence/storage.ts), so the card greets a first visit only; after it the empty
 * canvas shows its plain first-step hint.
 */
import { useState } from 'react';
import type { Stores } from '../app/stores.tsx';
import { useStores } from '../app/stores.tsx';
import { exampleOpening, loadExample } from '../app/examples.ts';
import { openSystem } from '../app/openSystem.ts';
import { browserStorage, dismissWelcome, welcomeDismissed } from '../persistence/storage.ts';

/** The example the card opens: small, and shows a call chain with a failure. */
export const WELCOME_EXAMPLE = 'checkout';

/** Whether the card is shown, and how to dismiss it (for good). */
export function useWelcome(): { readonly shown: boolean; dismiss(): void } {
  const [shown, setShown] = useState(() => !welcomeDismissed(browserStorage()));
  return {
    shown,
    dismiss: () => {
      dismissWelcome(browserStorage());
      setShown(false);
    },
  };
}

/** Starts the first lesson (its code comes apart from the first page, as the lesson panel's does). */
async function startFirstLesson(stores: Stores): Promise<void> {
  const [{ startLesson }, { LESSONS }] = await Promise.all([import('../lessons/LessonPanel.tsx'), import('../lessons/lessonCatalog.ts')]);
  if (LESSONS[0]) startLesson(stores, LESSONS[0]);
}

async function openWelcomeExample(stores: Stores): Promise<void> {
  try {
    openSystem(stores, exampleOpening(WELCOME_EXAMPLE, await loadExample(WELCOME_EXAMPLE)));
  } catch {
    stores.ui.getState().notify('The example could not be loaded; reload the page and try again.', 'error');
  }
}

/** The card itself; `onDismiss` runs on any choice (each is a way in: the card has done its job). */
export function WelcomeCard({ onDismiss }: { readonly onDismiss: () => void }) {
  const stores = useStores();
  const choose = (action: () => unknown) => () => {
    onDismiss();
    void action();
  };
  return (
    <section className="welcome-card" aria-labelledby="welcome-title">
      <button type="button" className="welcome-close" aria-label="Close the welcome" title="Close" onClick={onDismiss}>
        ×
      </button>
      <h2 id="welcome-title">Welcome to Crosstalk</h2>
      <p>Build a system of services, press Play, and watch the requests travel, queue and fail.</p>
      <div className="welcome-choices">
        <button type="button" className="primary" onClick={choose(() => startFirstLesson(stores))}>
          <strong>Start Lesson 1</strong>
          <span>A guided first request, with goals checked on your run</span>
        </button>
        <button type="button" onClick={choose(() => openWelcomeExample(stores))}>
          <strong>Open an example</strong>
          <span>A checkout calling payments and inventory; more under Examples</span>
        </button>
        <button type="button" onClick={choose(() => undefined)}>
          <strong>Build your own</strong>
          <span>Drag a Client and a Service here from the palette, then connect them</span>
        </button>
      </div>
    </section>
  );
}

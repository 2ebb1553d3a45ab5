/**
 * Offline and updates, loaded apart from the first page (it weighs nothing on the first load):
 * registers the service worker the build generates (vite.config.ts, VitePWA), which precaches the
 * whole site so it loads and runs with no network after a first visit. When a new version has
 * been deployed, the worker installs it in the background and this shows "New version available"
 * with a Reload button; nothing changes under the learner until they press it (prompt for
 * update, not auto-update: an automatic reload would cut short a run or an edit).
 *
 * The prompt is plain DOM and workbox-window is imported statically: importing React here, or
 * importing another chunk on demand from here, makes the bundler split React and the stores out
 * of the first page's chunk, which costs the first load more than 1 KiB.
 */
import { Workbox } from 'workbox-window';
import './offline.css';

/** How often an open page asks whether a new version has been deployed (also whenever it is shown again). */
export const UPDATE_CHECK_MS = 60 * 60 * 1000;

/**
 * Registers the service worker and shows the update prompt when a new version waits. The worker
 * is `sw.js` (vite-plugin-pwa's name for it) beside index.html, both relative to the page, so the
 * site's own folder is its scope, whatever sub-path it is served under.
 */
export function startOffline(): void {
  const workbox = new Workbox('./sw.js', { scope: './' });
  let prompt: HTMLElement | undefined;
  let announced = false;
  // A new version waits (found now or on an earlier visit): say so, and let the learner choose.
  workbox.addEventListener('waiting', () => {
    announced = true;
    prompt ??= document.body.appendChild(
      updatePrompt(
        () => workbox.messageSkipWaiting(),
        () => {
          prompt?.remove();
          prompt = undefined;
        },
      ),
    );
  });
  // The new version took over (Reload here or in another tab): its files replace this page's, so reload.
  workbox.addEventListener('controlling', () => {
    if (announced) location.reload();
  });
  void workbox.register().then(
    (registration) => {
      if (registration) checkForUpdates(registration);
    },
    () => undefined,
  );
}

/**
 * The browser looks for a new sw.js on each navigation; a page left open for hours asks too,
 * hourly and whenever it becomes visible again. Offline, it does not ask.
 */
function checkForUpdates(registration: ServiceWorkerRegistration): void {
  const check = () => {
    if (navigator.onLine) registration.update().catch(() => undefined);
  };
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check();
  });
  setInterval(check, UPDATE_CHECK_MS);
}

/**
 * "New version available — Reload / Later", a region named "New version". Reload takes the new
 * version (the page reloads once it is in control); Later hides the prompt until the next visit.
 */
export function updatePrompt(onReload: () => void, onLater: () => void): HTMLElement {
  const section = document.createElement('section');
  section.className = 'update-toast';
  section.setAttribute('aria-label', 'New version');
  const text = section.appendChild(document.createElement('p'));
  text.className = 'update-toast-text';
  text.setAttribute('role', 'status');
  text.textContent = 'New version available.';
  const reload = section.appendChild(
    button('Reload', () => {
      reload.disabled = true;
      reload.textContent = 'Reloading…';
      onReload();
    }),
  );
  reload.className = 'primary';
  section.appendChild(button('Later', onLater));
  return section;
}

function button(label: string, onClick: () => void): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = label;
  element.addEventListener('click', onClick);
  return element;
}

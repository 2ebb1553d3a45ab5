/**
 * Offline support and the update prompt (src/ui/offline/offline.ts, a service worker), loaded
 * once the page has, apart from its first bundle. Only the built site has a service worker.
 */
export function loadOfflineSupport(): void {
  if (!import.meta.env.SERVICE_WORKER || !('serviceWorker' in navigator)) return;
  const start = () => void import('./offline.ts').then((m) => m.startOffline());
  if (document.readyState === 'complete') start();
  else addEventListener('load', start, { once: true });
}

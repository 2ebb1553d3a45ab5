/**
 * Components whose code is fetched apart from the first page (bench: bundle_initial_kib) and,
 * once fetched, render at once like any other: no Suspense boundary, no fallback flashing each
 * time one mounts. Until its code has arrived, a deferred component renders nothing and fetches it.
 * Every deferred component is known here, so the page can fetch them all while it is idle, after
 * its first paint (`preloadDeferred`), and tests can have them before they render.
 */
import { useEffect, useState, type ComponentType } from 'react';

const loaders: (() => Promise<void>)[] = [];

/**
 * A component `load` fetches (`load` resolves to the component itself); `preload` fetches it now.
 * Until its code has arrived it renders `fallback` (nothing if none): a stand-in the size of what
 * it shows on a first screen keeps the layout from moving when the code arrives.
 */
export function deferred<P extends object>(
  load: () => Promise<ComponentType<P>>,
  fallback?: ComponentType<P>,
): ComponentType<P> & { preload(): Promise<void> } {
  let Component: ComponentType<P> | undefined;
  let pending: Promise<void> | undefined;
  const preload = () =>
    (pending ??= load().then(
      (c) => {
        Component = c;
      },
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    ));
  loaders.push(preload);
  function Deferred(props: P) {
    const [, setArrived] = useState(false);
    useEffect(() => {
      if (Component) return;
      let mounted = true;
      // A failed fetch (the site updated under an open page) leaves it empty; the next mount tries again.
      preload().then(
        () => {
          if (mounted) setArrived(true);
        },
        () => undefined,
      );
      return () => {
        mounted = false;
      };
    }, []);
    if (Component) return <Component {...props} />;
    const Fallback = fallback;
    return Fallback ? <Fallback {...props} /> : null;
  }
  return Object.assign(Deferred, { preload });
}

/** Fetches every deferred component's code (those of modules imported so far). */
export function preloadDeferred(): Promise<void> {
  return Promise.all(loaders.map((load) => load())).then(() => undefined);
}

/**
 * Fetches every deferred component's code once the page is idle after its first paint, so the
 * first selection shows at once (browsers without idle callbacks fetch it on first use).
 */
export function preloadWhenIdle(): () => void {
  if (typeof requestIdleCallback !== 'function') return () => undefined;
  const id = requestIdleCallback(
    () => {
      void preloadDeferred().catch(() => undefined);
    },
    { timeout: 3000 },
  );
  return () => cancelIdleCallback(id);
}

/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** True in a built site, which has a service worker (vite.config.ts); false in dev and unit tests. */
  readonly SERVICE_WORKER: boolean;
}

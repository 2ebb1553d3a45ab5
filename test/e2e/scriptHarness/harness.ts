/**
 * A test page for the script runtime (test/e2e/scripts.test.ts): the real `startScript`, its
 * worker and the QuickJS wasm as Vite bundles them, exposed to the test, and a button whose
 * clicks prove the page still answers while a script runs.
 */
import { startScript, type ScriptRun } from '../../../src/script/runInBrowser.ts';

declare global {
  interface Window {
    crosstalkScript: { startScript: typeof startScript; runs: ScriptRun[] };
  }
}

window.crosstalkScript = { startScript, runs: [] };
const pings = document.getElementById('pings') as HTMLOutputElement;
document.getElementById('ping')?.addEventListener('click', () => {
  pings.value = String(Number(pings.value) + 1);
});

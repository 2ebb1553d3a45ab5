/**
 * The most engine events a run in the page may have (issue 19, defect 5); a run estimated
 * beyond it is to be refused up front (the estimate and the message are another change's: this
 * is the one place the number lives until the two meet).
 *
 * Why 10⁷ and not 10⁸: with the trace held as a window (store/runStore.ts), what still grows
 * with a run is one row per call, kept for the whole run, in the worker's call table (about 110
 * bytes) and in the page's replay (about 70 bytes), at about 3.2 events a call: some 56 bytes an
 * event. Measured in Chromium (test/e2e/longRunWindow.test.ts, 300k-row window; renderer RSS
 * 540 MB before the run): 4.2 M events peaked at 1,061 MB and 8.4 M at 1,331 MB, so about 64
 * bytes more for each event; 10⁷ events come near 1.4-1.5 GB and 10⁸ would need about 7 GB.
 * Windowing the call columns (a call's row freed once no later row can name it) would lift the
 * bound towards 10⁸.
 */
export const BROWSER_MAX_EVENTS = 1e7;

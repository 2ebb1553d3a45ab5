/**
 * `npm run bench [-- --json] [-- --only NAME]`: the engine's speed, measured in one process so
 * ratios compare like with like on a noisy machine. Each figure is the median of several timed
 * repetitions after a warm-up. With --json: one JSON object per line (name, value, unit, ratio).
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseScenario, PROTOCOL_PROFILES, validateScenarioText, type ScenarioInput } from '../src/model/index.ts';
import { dropSpareMemory, EventQueue, RandomSource, simulate } from '../src/engine/index.ts';
import { BaselineHeap } from './baselineHeap.ts';
import { runMm1JsSimulator } from './peers/jsSimulatorMm1.ts';
import { runMm1Simjs } from './peers/simjsMm1.ts';
import { runMm1Floor } from './floorMm1.ts';
import { timeRounds } from './timing.ts';

interface Result {
  name: string;
  value: number;
  unit: string;
  ratio?: number;
  note?: string;
}

const json = process.argv.includes('--json');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const results: Result[] = [];

function report(result: Result): void {
  results.push(result);
  if (json) console.log(JSON.stringify(result));
  else
    console.log(
      `${result.name.padEnd(24)} ${format(result.value).padStart(12)} ${result.unit.padEnd(14)}${result.ratio !== undefined ? ` ratio ${result.ratio.toFixed(3)}` : ''}${result.note ? `  (${result.note})` : ''}`,
    );
}

function format(value: number): string {
  return value >= 1000 ? Math.round(value).toLocaleString('en') : value.toPrecision(4);
}

const loadExample = (name: string) =>
  parseScenario(JSON.parse(readFileSync(new URL(`../simulations/examples/${name}.json`, import.meta.url), 'utf8')));

// ------------------------------------------------------------------ queue_hold_1k
if (!only || only === 'queue_hold_1k') {
  const PENDING = 1000,
    OPS = 1_000_000;
  // The same pre-drawn increments for both heaps, so only the heaps differ.
  const rng = new RandomSource(1).stream('bench/hold');
  const increments = Float64Array.from({ length: OPS + PENDING }, () => -Math.log(rng.nextOpen()));
  let sink = 0;
  // Interleaved rounds (bench/timing.ts): both heaps meet the same machine in each round.
  const rounds = timeRounds(
    {
      engine: () => {
        const q = new EventQueue(2048);
        for (let i = 0; i < PENDING; i++) q.push(increments[i], 1, i, 0);
        for (let i = 0; i < OPS; i++) {
          const t = q.pop();
          q.push(t + increments[PENDING + i], 1, q.word, 0);
        }
        sink += q.size;
      },
      baseline: () => {
        const h = new BaselineHeap();
        for (let i = 0; i < PENDING; i++) h.push(increments[i], i);
        for (let i = 0; i < OPS; i++) {
          const t = h.pop();
          h.push(t + increments[PENDING + i], h.id);
        }
        sink += h.size;
      },
    },
    7,
    2,
  );
  const engineMs = rounds.ms('engine'),
    baselineMs = rounds.ms('baseline');
  if (sink < 0) console.log(sink);
  report({
    name: 'queue_hold_1k',
    value: (OPS / engineMs) * 1000,
    unit: 'holds/s',
    ratio: rounds.perRound((r) => r.baseline / r.engine),
    note: `baseline heap ${Math.round((OPS / baselineMs) * 1000).toLocaleString('en')} holds/s`,
  });
}

// ------------------------------------------------------------------ mm1_engine, mm1_summary_only
if (!only || only === 'mm1_engine' || only === 'mm1_summary_only') {
  const CUSTOMERS = 1_000_000;
  const base = loadExample('mm1');
  // Long enough for 10^6 arrivals at 90/s; the engine stops at the time the peers reach 10^6 completions.
  const scenario = { ...base, duration: (CUSTOMERS / 90) * 1000 };
  let completed = 0;
  let events = 0;
  let rows = 0;
  let floorRows = 0;
  let summaryCompleted = 0;
  // The peers run the same system: mm1.json's link is zero latency over gRPC, so each message
  // still takes the protocol's overhead, and a customer's request and reply are two deliveries
  // the engine simulates as events. The textbook M/M/1 without them (half the events) is timed
  // too and reported beside the ratio.
  const hopMs = PROTOCOL_PROFILES[base.links[0].protocol].overheadMs; // its latency is 0, its messages carry no payload
  // Interleaved rounds (bench/timing.ts): each ratio is the median of ratios within a round.
  // Each engine run hands its memory to the next (Simulation.release), as the page's worker does
  // when an edit re-runs a scenario; `engineFresh` allocates all of it anew, as a first run does.
  const rounds = timeRounds(
    {
      engine: () => {
        const { report: r, simulation } = simulate(scenario);
        completed = r.clients.client.completed;
        events = r.events;
        rows = r.traceEvents;
        simulation.release();
      },
      engineFresh: () => {
        dropSpareMemory();
        simulate(scenario).simulation.release();
      },
      // A summary-only run (no trace rows, call rows reused), as the CLI without --trace and the experiments run.
      summary: () => {
        summaryCompleted = simulate(scenario, { record: 'summary' }).report.clients.client.completed;
      },
      jsSim: () => {
        runMm1JsSimulator(CUSTOMERS, 1, hopMs);
      },
      simjs: () => {
        runMm1Simjs(CUSTOMERS, 1, hopMs);
      },
      jsSimTextbook: () => {
        runMm1JsSimulator(CUSTOMERS, 1);
      },
      simjsTextbook: () => {
        runMm1Simjs(CUSTOMERS, 1);
      },
      floor: () => {
        floorRows = runMm1Floor(CUSTOMERS, 1).rows;
      },
    },
    5,
    1,
  );
  const rate = (ms: number) => (CUSTOMERS / ms) * 1000;
  const perSecond = (name: Parameters<typeof rounds.ms>[0]) => `${Math.round(rate(rounds.ms(name))).toLocaleString('en')}/s`;
  const engineRateOf = (run: 'engine' | 'engineFresh') => (completed / rounds.ms(run)) * 1000;
  const engineRate = engineRateOf('engine');
  // engine rate ÷ the faster peer's rate, in one round (the engine's run counts `completed` customers, the peers CUSTOMERS).
  const share = completed / CUSTOMERS;
  const peerRatioOf = (run: 'engine' | 'engineFresh') => rounds.perRound((r) => (share * Math.min(r.jsSim, r.simjs)) / r[run]);
  const ratio = peerRatioOf('engine');
  const textbookRatio = rounds.perRound((r) => (share * Math.min(r.jsSimTextbook, r.simjsTextbook)) / r.engine);
  report({
    name: 'mm1_engine',
    value: engineRate,
    unit: 'customers/s',
    ratio,
    // Per customer the engine handles a client send, two network deliveries and a work completion,
    // and records trace rows, a span and three latency histograms (the peers: one sum).
    note:
      `${completed.toLocaleString('en')} customers, ${(events / completed).toFixed(1)} events and ${(rows / completed).toFixed(1)} trace rows each, in the memory of the run before (in fresh memory ${Math.round(engineRateOf('engineFresh')).toLocaleString('en')}/s, ratio ${peerRatioOf('engineFresh').toFixed(3)}); ` +
      `peers with the link's two deliveries: js-simulator ${perSecond('jsSim')}, simjs ${perSecond('simjs')}; ` +
      `textbook M/M/1 without them: js-simulator ${perSecond('jsSimTextbook')}, simjs ${perSecond('simjsTextbook')}, ratio ${textbookRatio.toFixed(3)}`,
  });
  if (summaryCompleted !== completed)
    throw new Error(`the summary-only run completed ${summaryCompleted} customers, the full run ${completed}`);
  report({
    name: 'mm1_summary_only',
    value: (completed / rounds.ms('summary')) * 1000,
    unit: 'customers/s',
    ratio: rounds.perRound((r) => (share * Math.min(r.jsSim, r.simjs)) / r.summary),
    note: `the same run with record: 'summary' (no trace rows kept, call rows reused: the same report but the trace hash), in the same rounds as mm1_engine; ratio to the faster peer (js-simulator); target ≥ 1.3`,
  });
  // The same model by hand on the engine's own parts (bench/floorMm1.ts): ratio = engine ÷ floor.
  const floorRate = rate(rounds.ms('floor'));
  report({
    name: 'mm1_floor',
    value: floorRate,
    unit: 'customers/s',
    ratio: rounds.perRound((r) => (share * r.floor) / r.engine),
    note: `one hand-written loop on the engine's queue, streams, trace log and histograms, ${(floorRows / CUSTOMERS).toFixed(1)} trace rows a customer; ratio = mm1_engine ÷ this`,
  });
}

// ------------------------------------------------------------------ full_stack_requests
if (!only || only === 'full_stack_requests') {
  const doc: ScenarioInput = {
    version: 1,
    seed: 3,
    duration: '100s',
    nodes: [
      { id: 'load', kind: 'client', target: 'api', workload: { pattern: 'poisson', rate: 10_000 } },
      { id: 'api', kind: 'service', workers: 64, serviceTime: { dist: 'exponential', mean: '2ms' } },
    ],
    links: [{ from: 'load', to: 'api', protocol: 'http', latency: { dist: 'exponential', mean: '1ms' } }],
  };
  const scenario = parseScenario(doc);
  let completed = 0;
  let traceEvents = 0;
  const runs = timeRounds(
    {
      run: () => {
        const { report: r, simulation } = simulate(scenario);
        completed = r.clients.load.completed;
        traceEvents = r.traceEvents;
        simulation.release(); // as a re-run in the page's worker does (see mm1_engine)
      },
    },
    3,
  );
  const perSecond = (ms: number) => (completed / ms) * 1000;
  report({
    name: 'full_stack_requests',
    value: perSecond(runs.ms('run')),
    unit: 'round trips/s',
    note: `${completed.toLocaleString('en')} round trips, ${traceEvents.toLocaleString('en')} trace events, tracing on; median of 3, fastest ${Math.round(perSecond(runs.best('run'))).toLocaleString('en')}/s`,
  });
}

// ------------------------------------------------------------------ resim_reference_ms
if (!only || only === 'resim_reference_ms') {
  const scenario = loadExample('reference');
  let events = 0;
  // A re-simulation, as the page's worker runs one after an edit: in the memory of the run it replaces.
  const runs = timeRounds(
    {
      run: () => {
        const { report: r, simulation } = simulate(scenario);
        events = r.events;
        simulation.release();
      },
      fresh: () => {
        dropSpareMemory();
        simulate(scenario).simulation.release();
      },
      // As the page's worker runs it since issue 19: the rows of finished calls reused, the same trace.
      reused: () => {
        simulate(scenario, { reuseCallRows: true }).simulation.release();
      },
    },
    9,
    3,
  );
  report({
    name: 'resim_reference_ms',
    value: runs.ms('run'),
    unit: 'ms',
    note: `${events.toLocaleString('en')} engine events, 20 nodes, 60 simulated s; median of 9, fastest ${runs.best('run').toFixed(1)} ms; in fresh memory (a first run) ${runs.ms('fresh').toFixed(1)} ms; reusing call rows (the page's worker) ${runs.ms('reused').toFixed(1)} ms`,
  });
}

// ------------------------------------------------------------------ script_sweep_overhead
if (!only || only === 'script_sweep_overhead') {
  const { measureScriptSweep } = await import('./scriptSweep.ts');
  const sweep = await measureScriptSweep();
  report({
    name: 'script_sweep_overhead',
    value: sweep.ratio,
    unit: '×',
    ratio: sweep.ratio,
    note:
      `a 10-point sweep of reference.json (web's workers 8…17) by a script in the QuickJS sandbox ${sweep.scriptMs.toFixed(0)} ms vs the same 10 runs called directly ${sweep.directMs.toFixed(0)} ms (medians of 9; the ratio is the median of the rounds' ratios); ` +
      `sandbox start (runtime, API, an empty script) ${sweep.startMs.toFixed(1)} ms, QuickJS wasm load ${sweep.loadMs.toFixed(0)} ms once per process or worker; target ≤ 1.2`,
  });
}

// ------------------------------------------------------------------ reference_1h_peak_mib
if (!only || only === 'reference_1h_peak_mib') {
  const { measurePeakMemory } = await import('./peakMemory.ts');
  // One child process per run (bench/peakMemory.ts); the full one holds ~1.7 GB at its peak.
  const summaryMinute = measurePeakMemory('summary', 60);
  const summary = measurePeakMemory('summary');
  const full = measurePeakMemory('full');
  const mib = (n: number) => `${Math.round(n).toLocaleString('en')} MiB`;
  report({
    name: 'reference_1h_peak_mib',
    value: summary.peakMib,
    unit: 'MiB',
    note:
      `peak RSS of one simulated hour of reference.json (${full.events.toLocaleString('en')} events, ${full.traceRows.toLocaleString('en')} trace rows) in a child process: ` +
      `summary-only (the CLI without --trace) ${mib(summary.peakMib)}, ${summary.callRows.toLocaleString('en')} call rows, ${(summary.ms / 1000).toFixed(1)} s; the same for one minute ${mib(summaryMinute.peakMib)}; ` +
      `full (what --trace keeps) ${mib(full.peakMib)}, ${full.callRows.toLocaleString('en')} call rows, ${(full.ms / 1000).toFixed(1)} s; Node with tsx alone is about 100 MiB`,
  });
}

// ------------------------------------------------------------------ browser_1e8_peak_mib
// Not in the default set: it runs ~10⁸ events through Chromium (many minutes). `--only browser_1e8_peak_mib`.
if (only === 'browser_1e8_peak_mib') {
  const { measureBrowserLongRun } = await import('./browserLongRun.ts');
  const run = await measureBrowserLongRun();
  if (!run.hashMatches) throw new Error("browser_1e8_peak_mib: the page's trace hash is not Node's");
  report({
    name: 'browser_1e8_peak_mib',
    value: run.peakMib,
    unit: 'MiB',
    note:
      `peak renderer RSS (page + worker, run and scrub) in Chromium of ${run.seconds} s of the front → back system, ${run.rows.toLocaleString('en')} trace rows (${run.events.toLocaleString('en')} engine events), default window, to the end in ${run.wallSeconds.toFixed(0)} s with Node's trace hash; ` +
      `${Math.round(run.startMib)} MiB before the run, peak per quarter of the run ${run.quarterPeaksMib.map((m) => Math.round(m)).join(' / ')} MiB; ` +
      `a scrub back to the middle re-simulated in ${run.scrubSeconds.toFixed(0)} s, peak ${Math.round(run.scrubPeakMib)} MiB; budget 1,536`,
  });
}

// ------------------------------------------------------------------ validate_20mb_ms
if (!only || only === 'validate_20mb_ms') {
  // Judging a 20 MB file (test/support/bigScenarios.ts): a valid one as compact JSON (the most
  // elements for its size, 1.4 million call steps), the same as the page exports it (pretty), and
  // one of links between missing nodes (1.2 million problems). The figure is the slowest of the three.
  const { bigValidText, missingNodesText } = await import('../test/support/bigScenarios.ts');
  const texts = { compact: bigValidText(20e6), pretty: bigValidText(20e6, true), flood: missingNodesText(20e6) };
  let problems = 0;
  const judge = (text: string, valid: boolean) => {
    const result = validateScenarioText(text);
    if (result.ok !== valid)
      throw new Error(`validate_20mb_ms: a ${valid ? 'valid' : 'broken'} file was judged ${result.ok ? 'valid' : 'invalid'}`);
    if (!result.ok) problems = result.problems.length + (result.omittedProblems ?? []).reduce((n, t) => n + t.count, 0);
  };
  const rounds = timeRounds(
    { compact: () => judge(texts.compact, true), pretty: () => judge(texts.pretty, true), flood: () => judge(texts.flood, false) },
    3,
  );
  const mb = (text: string) => `${(text.length / 1e6).toFixed(1)} MB`;
  report({
    name: 'validate_20mb_ms',
    value: Math.max(rounds.ms('compact'), rounds.ms('pretty'), rounds.ms('flood')),
    unit: 'ms',
    note:
      `validateScenarioText, median of 3: valid compact ${mb(texts.compact)} ${rounds.ms('compact').toFixed(0)} ms, valid pretty ${mb(texts.pretty)} ${rounds.ms('pretty').toFixed(0)} ms, ` +
      `${mb(texts.flood)} of links between missing nodes (${problems.toLocaleString('en')} problems) ${rounds.ms('flood').toFixed(0)} ms; target ≤ 2000`,
  });
}

// ------------------------------------------------------------------ bundle_initial_kib
if (!only || only === 'bundle_initial_kib') {
  const { measureInitialBundle } = await import('./bundle.ts');
  const bundle = await measureInitialBundle();
  if (bundle.monaco.length > 0) throw new Error(`Monaco is in the first page load: ${bundle.monaco.join(', ')}`);
  report({
    name: 'bundle_initial_kib',
    value: bundle.kib,
    unit: 'KiB',
    note: `gzip -9 of ${bundle.files.length} JS file${bundle.files.length === 1 ? '' : 's'} (entry + static imports), no Monaco file among them; simulation worker ${bundle.workerKib.toFixed(1)} KiB more; target ≤ 250`,
  });
}

// ------------------------------------------------------------------ editor_open_ms
if (!only || only === 'editor_open_ms') {
  const { CHROMIUM } = await import('../test/support/browser.ts');
  if (existsSync(CHROMIUM)) {
    const { measureEditorOpen } = await import('./editorOpen.ts');
    const open = await measureEditorOpen();
    report({
      name: 'editor_open_ms',
      value: open.medianMs,
      unit: 'ms',
      note: `Chromium 1280×800, built site, fresh profile each round, opened once the service worker has kept the site: click on Script panel until a typed key is in the editor; median of ${open.roundsMs.map((ms) => ms.toFixed(0)).join(', ')} ms; target ≤ 1500`,
    });
  } else {
    const reason = `Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;
    if (json) console.log(JSON.stringify({ name: 'editor_open_ms', skipped: reason }));
    else console.log(`${'editor_open_ms'.padEnd(24)} not measured: ${reason}`);
    process.exitCode = 1;
  }
}

// ------------------------------------------------------------------ waterfall_open_ms
if (!only || only === 'waterfall_open_ms') {
  const { CHROMIUM } = await import('../test/support/browser.ts');
  if (existsSync(CHROMIUM)) {
    const { measureWaterfallOpen, SPANS } = await import('./waterfall.ts');
    const open = await measureWaterfallOpen();
    report({
      name: 'waterfall_open_ms',
      value: open.median,
      unit: 'ms',
      note: `Chromium 1280×800, click on a client's "At the playhead" to a ${SPANS}-span waterfall painted, median of ${open.all.length} (${open.all.map((x) => x.toFixed(0)).join(', ')}); target ≤ 50`,
    });
  } else {
    const reason = `Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;
    if (json) console.log(JSON.stringify({ name: 'waterfall_open_ms', skipped: reason }));
    else console.log(`${'waterfall_open_ms'.padEnd(24)} not measured: ${reason}`);
    process.exitCode = 1;
  }
}

// ------------------------------------------------------------------ overlay_frame_ms_p95
if (!only || only === 'overlay_frame_ms_p95') {
  const { CHROMIUM } = await import('../test/support/browser.ts');
  if (existsSync(CHROMIUM)) {
    const { measureOverlayFrames } = await import('./overlay.ts');
    const frames = await measureOverlayFrames();
    report({
      name: 'overlay_frame_ms_p95',
      value: frames.onP95,
      unit: 'ms',
      ratio: frames.ratio,
      note: `Chromium 1280×720, 100 nodes, 150 links, ${Math.round(frames.messages).toLocaleString('en')} messages shown per frame at 1× (${(frames.played / 1000).toFixed(1)} simulated s in 5 s); overlay off ${frames.offP95.toFixed(1)} ms; mean frame ${frames.onMean.toFixed(1)} ms on, ${frames.offMean.toFixed(1)} ms off; target ratio ≤ 1.25`,
    });
  } else {
    // Not measured, and said so plainly rather than with a stack trace; the exit code tells a script a figure is missing.
    const reason = `Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;
    if (json) console.log(JSON.stringify({ name: 'overlay_frame_ms_p95', skipped: reason }));
    else console.log(`${'overlay_frame_ms_p95'.padEnd(24)} not measured: ${reason}`);
    process.exitCode = 1;
  }
}

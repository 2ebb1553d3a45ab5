/** The engine's purity is enforced by lint (eslint.config.js); prove the rules bite. */
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const root = new URL('../../', import.meta.url).pathname;
const eslint = new ESLint({ cwd: root });

async function ruleHits(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe('lint rules for src/engine', () => {
  it.each([
    ["import { useState } from 'react';\nexport const x = useState;", 'no-restricted-imports'],
    ["import { create } from 'zustand';\nexport const x = create;", 'no-restricted-imports'],
    ["import { ReactFlow } from '@xyflow/react';\nexport const x = ReactFlow;", 'no-restricted-imports'],
    ["import * as monaco from 'monaco-editor';\nexport const x = monaco;", 'no-restricted-imports'],
    ["import { motion } from 'framer-motion';\nexport const x = motion;", 'no-restricted-imports'],
    ["import { App } from '../ui/App.tsx';\nexport const x = App;", 'no-restricted-imports'],
    ['export const x = Math.random();', 'no-restricted-properties'],
    ['export const x = Date.now();', 'no-restricted-properties'],
    ['export const x = performance.now();', 'no-restricted-globals'],
    ['setTimeout(() => {}, 1);', 'no-restricted-globals'],
    ['setInterval(() => {}, 1);', 'no-restricted-globals'],
    ['export const x = document.title;', 'no-restricted-globals'],
    ['export const x = new Date();', 'no-restricted-syntax'],
    ['export const x = Math.log(2);', 'no-restricted-properties'],
    ['export const x = Math.exp(2);', 'no-restricted-properties'],
    ['export const x = Math.pow(2, 0.5);', 'no-restricted-properties'],
    ['export const x = Math.cos(2);', 'no-restricted-properties'],
    ['export const x = 2 ** 0.5;', 'no-restricted-syntax'],
  ])('forbids %s', async (code, rule) => {
    expect(await ruleHits(code, 'src/engine/core/example.ts')).toContain(rule);
  });

  it('allows the same code outside the engine, and clean engine code', async () => {
    expect(await ruleHits('export const x = Math.random() + Date.now();', 'src/ui/example.ts')).toEqual([]);
    expect(await ruleHits("import { z } from 'zod';\nexport const x = z.number();", 'src/engine/core/example.ts')).toEqual([]);
  });
});

/**
 * The engine's shape (issue 21): features import only the kernel and the layers below, never one
 * another; only dispatch.ts and simulation.ts (and the build- and schedule-time files beside them)
 * import features. (No import cycle in src/engine: test/lint/importCycles.test.ts.)
 */
describe('the shape of src/engine: kernel, features, one dispatcher', () => {
  const crossFeature = [
    "import { startOperation } from '../resilience/operations.ts';\nexport const x = startOperation;",
    "import type { Balancer } from '../balancer/balancer.ts';\nexport type X = Balancer;",
    "import { admit } from '../../features/gateway/gateway.ts';\nexport const x = admit;",
  ];
  it.each(crossFeature)('forbids a feature to import another: %s', async (code) => {
    expect(await ruleHits(code, 'src/engine/features/client/example.ts')).toContain('no-restricted-imports');
  });

  it.each([
    ['src/engine/kernel/example.ts', "import { acceptJob } from '../features/asyncHttp/asyncHttp.ts';\nexport const x = acceptJob;"],
    [
      'src/engine/kernel/example.ts',
      "import type { StreamRuntime } from '../features/stream/streamState.ts';\nexport type X = StreamRuntime;",
    ],
    ['src/engine/trace/example.ts', "import { lagOf } from '../features/stream/eventStream.ts';\nexport const x = lagOf;"],
    ['src/engine/replay/example.ts', "import { routeFor } from '../features/gateway/gateway.ts';\nexport const x = routeFor;"],
    ['src/engine/example.ts', "import { onRequestArrive } from './features/service/service.ts';\nexport const x = onRequestArrive;"],
    // The fault schedule crashes a service through handlers.crashService.
    ['src/engine/faults/faults.ts', "import { crashService } from '../features/service/service.ts';\nexport const x = crashService;"],
  ])('forbids %s to import a feature', async (file, code) => {
    expect(await ruleHits(code, file)).toContain('no-restricted-imports');
  });

  it("keeps the engine's other import rules in features and in the kernel", async () => {
    for (const file of ['src/engine/features/client/example.ts', 'src/engine/kernel/example.ts']) {
      expect(await ruleHits("import { useState } from 'react';\nexport const x = useState;", file)).toContain('no-restricted-imports');
      expect(await ruleHits("import { App } from '../../ui/App.tsx';\nexport const x = App;", file)).toContain('no-restricted-imports');
    }
  });

  it('lets a feature import the kernel, its own folder and the layers below, and dispatch.ts and simulation.ts import features', async () => {
    const feature = [
      "import { startCall } from '../../kernel/calls.ts';",
      "import { handlers } from '../../kernel/handlers.ts';",
      "import { grown } from './streamState.ts';",
      "import { sample } from '../../core/sampler.ts';",
      "import { TraceType } from '../../trace/eventTypes.ts';",
      "import { Bulkhead } from '../../policies/bulkhead.ts';",
      'export const x = [startCall, handlers, grown, sample, TraceType, Bulkhead];',
    ].join('\n');
    expect(await ruleHits(feature, 'src/engine/features/stream/example.ts')).toEqual([]);
    const wiring = "import { onRequestArrive } from './features/service/service.ts';\nexport const x = onRequestArrive;";
    expect(await ruleHits(wiring, 'src/engine/dispatch.ts')).toEqual([]);
    expect(await ruleHits(wiring, 'src/engine/simulation.ts')).toEqual([]);
  });
});

describe('layering of src/experiments', () => {
  it('lets experiments use the model and the engine, not the command line or the UI', async () => {
    expect(
      await ruleHits(
        "import { simulate } from '../engine/index.ts';\nimport { parseScenario } from '../model/index.ts';\nexport const x = [simulate, parseScenario];",
        'src/experiments/example.ts',
      ),
    ).toEqual([]);
    expect(
      await ruleHits("import { formatReport } from '../cli/format.ts';\nexport const x = formatReport;", 'src/experiments/example.ts'),
    ).toContain('no-restricted-imports');
    expect(await ruleHits("import { App } from '../ui/App.tsx';\nexport const x = App;", 'src/experiments/example.ts')).toContain(
      'no-restricted-imports',
    );
  });

  it('keeps the engine and the model from importing experiments', async () => {
    for (const file of ['src/engine/core/example.ts', 'src/model/example.ts']) {
      expect(
        await ruleHits("import { runContention } from '../../experiments/contention.ts';\nexport const x = runContention;", file),
      ).toContain('no-restricted-imports');
    }
  });
});

/**
 * "Raw trace rows", as the rule (eslint.config.js) defines them: a row's kind code (`TraceType`,
 * `TraceTypeCode`, `TRACE_TYPE_NAMES`, `CALL_IN_A`), the decoders and folds that know what its
 * node / a / b columns hold (engine/trace/rows.ts, describe.ts, engine/replay/brokerFold.ts,
 * streamFold.ts), and calling `type`, `node`, `a`, `b` or `event` on a trace. Code above the engine
 * (src/ui, src/store, src/lessons, src/experiments, src/worker) may do none of these; it asks the
 * replay's indexes or typed events. The page's code (src/ui, src/store, src/lessons) does not
 * touch the rows a worker sends either (`words`, a trace's `exportRows`, `appendRows`,
 * `chunkList`): it hands them to the replay. A row's time is not a raw row.
 */
describe('no raw trace rows above the engine', () => {
  const files = ['src/ui/playback/example.ts', 'src/ui/overlay/example.tsx', 'src/store/example.ts', 'src/lessons/example.ts'];
  /** Code that runs or carries a run but shows nothing: it may send rows on, not read them. */
  const transport = ['src/worker/example.ts', 'src/experiments/example.ts'];
  const rel = (file: string) => '../'.repeat(file.split('/').length - 2);
  it.each([
    ["import { TraceType } from '{up}engine/trace/eventTypes.ts';\nexport const x = TraceType.SEND;", 'no-restricted-imports'],
    ["import { TraceType } from '{up}engine/index.ts';\nexport const x = TraceType.SEND;", 'no-restricted-imports'],
    ["import { TRACE_TYPE_NAMES } from '{up}engine/trace/eventTypes.ts';\nexport const x = TRACE_TYPE_NAMES;", 'no-restricted-imports'],
    ["import { breakerRow } from '{up}engine/trace/rows.ts';\nexport const x = breakerRow;", 'no-restricted-imports'],
    ["import { foldBrokerRow } from '{up}engine/replay/brokerFold.ts';\nexport const x = foldBrokerRow;", 'no-restricted-imports'],
    ['export const f = (trace: { a(i: number): number }) => trace.a(0);', 'no-restricted-syntax'],
    ['export const f = (replay: { trace: { type(i: number): number } }) => replay.trace.type(3);', 'no-restricted-syntax'],
    ["import type { TraceTypeCode } from '{up}engine/trace/eventTypes.ts';\nexport const x: TraceTypeCode = 1;", 'no-restricted-imports'],
    ["import { CALL_IN_A } from '{up}engine/trace/eventTypes.ts';\nexport const x = CALL_IN_A;", 'no-restricted-imports'],
    ["import { describeEvent } from '{up}engine/index.ts';\nexport const x = describeEvent;", 'no-restricted-imports'],
    ["import { describeEvent } from '{up}engine/trace/describe.ts';\nexport const x = describeEvent;", 'no-restricted-imports'],
    ['export const f = (trace: { event(i: number): unknown }) => trace.event(0);', 'no-restricted-syntax'],
  ])('forbids %s', async (code, rule) => {
    for (const file of [...files, ...transport]) {
      expect({ file, hits: await ruleHits(code.replace('{up}', rel(file)), file) }).toEqual({ file, hits: expect.arrayContaining([rule]) });
    }
  });

  it.each([
    ['export const f = (batch: { rows: { words: Int32Array } }) => batch.rows.words[1];'],
    ['export const f = ({ words }: { words: Int32Array }) => words[1];'],
    ['export const f = (replay: { trace: { exportRows(a: number, b: number): unknown } }) => replay.trace.exportRows(0, 1);'],
    ['export const f = (trace: { appendRows(rows: unknown): void }) => trace.appendRows({});'],
    ['export const f = (trace: { chunkList: unknown[] }) => trace.chunkList.length;'],
  ])("forbids the page's code to touch the rows a worker sends: %s", async (code) => {
    for (const file of files) {
      expect({ file, hits: await ruleHits(code, file) }).toEqual({ file, hits: expect.arrayContaining(['no-restricted-syntax']) });
    }
  });

  it('lets the worker and experiments keep their own layering rules beside it, and the worker send rows', async () => {
    const layering = "import { formatReport } from '../cli/format.ts';\nexport const x = formatReport;";
    expect(await ruleHits(layering, 'src/experiments/example.ts')).toContain('no-restricted-imports');
    const sending =
      'export const f = (trace: { exportRows(a: number, b: number): { words: Int32Array } }) => trace.exportRows(0, 1).words;';
    expect(await ruleHits(sending, 'src/worker/example.ts')).toEqual([]);
  });

  it("allows typed answers, codes of states (not rows), a row's time, and raw rows inside the engine", async () => {
    const allowed = [
      "import { ServiceMode, CALL_STATUS_NAMES } from '{up}engine/trace/eventTypes.ts';\nexport const x = [ServiceMode, CALL_STATUS_NAMES];",
      "import { windowsAt } from '{up}engine/replay/indexes/instanceWindows.ts';\nexport const x = windowsAt;",
      'export const f = (trace: { time(i: number): number }) => trace.time(0);',
    ];
    for (const file of [...files, ...transport]) {
      for (const code of allowed) expect(await ruleHits(code.replace('{up}', rel(file)), file)).toEqual([]);
    }
    expect(
      await ruleHits(
        "import { TraceType } from '../trace/eventTypes.ts';\nexport const f = (trace: { a(i: number): number }) => trace.a(TraceType.SEND);",
        'src/engine/replay/example.ts',
      ),
    ).toEqual([]);
  });
});

describe('line width', () => {
  it('refuses a line of code or comment over 140 characters, anywhere', async () => {
    const long = `export const x = [${Array.from({ length: 40 }, (_, i) => i).join(', ')}];`;
    expect(long.length).toBeGreaterThan(140);
    expect(await ruleHits(long, 'src/ui/example.ts')).toContain('@stylistic/max-len');
    expect(await ruleHits(`// ${'word '.repeat(30)}\nexport const y = 1;`, 'test/example.test.ts')).toContain('@stylistic/max-len');
    expect(await ruleHits('export const z = 1;', 'src/ui/example.ts')).toEqual([]);
  });
});

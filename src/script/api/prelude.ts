/**
 * The script API's implementation INSIDE the sandbox (QuickJS). `npm run script:types` turns this
 * file into JavaScript text (`preludeSource.ts`) that the sandbox evaluates before the script, so
 * it must be self-contained: no imports at run time (types only), nothing from the host's globals.
 * It only builds plain data; everything that needs the engine or the model goes through `host`,
 * whose strings are JSON (the sandbox and the host share no objects).
 */
import type { Cell, Link, Report, Row, Scenario, ScriptGlobals, Series, System, SystemNode, SystemOptions } from './types.ts';

/** What the host gives the prelude (functions implemented in `../host.ts`). */
export interface PreludeHost {
  /**
   * Runs a scenario (JSON) with options (JSON); returns `{ run, report }` (JSON), the report
   * without its services' timelines, which `timeline(run, key)` gives. Throws if it is invalid.
   */
  run(scenario: string, options: string): string;
  /** A service's timeline (JSON) of a run: `key` is its id, or `id#i` for its instance i. */
  timeline(run: string, key: string): string;
  /** The problems of a scenario (JSON) as a JSON list of sentences. */
  problems(scenario: string): string;
  /** Offers a scenario (JSON) for the canvas; throws if it is invalid. */
  open(scenario: string, title: string | undefined): void;
  /** Publishes an item (JSON: a table, chart, check or log). */
  emit(item: string): void;
  /** Stops the script: it used something a script may not (the message says what). */
  refuse(message: string): never;
}

/** Installs the API's functions on `global`, and refuses what a script may not use. */
export function installApi(host: PreludeHost, scriptSeed: number, global: Record<string, unknown>): void {
  // mulberry32: small, fast, and the same numbers wherever QuickJS runs.
  let state = scriptSeed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  const isSystem = (value: unknown): value is System =>
    typeof value === 'object' && value !== null && typeof (value as System).add === 'function' && 'scenario' in value;
  const documentOf = (value: System | Scenario): string => {
    if (typeof value !== 'object' || value === null) throw new TypeError('expected a system (from system()) or a scenario object');
    return JSON.stringify(isSystem(value) ? value.scenario : value);
  };

  const makeSystem = (options: SystemOptions = {}): System => {
    const scenario = {
      ...options,
      version: 1,
      nodes: [...(options.nodes ?? [])],
      links: [...(options.links ?? [])],
      faults: [...(options.faults ?? [])],
      changes: [...(options.changes ?? [])],
    } as Scenario & { links: Link[]; faults: unknown[]; changes: unknown[] };
    const addNode = (node: SystemNode): System => {
      scenario.nodes.push(node);
      return sys;
    };
    const sys: System = {
      scenario,
      add(...parts) {
        for (const part of parts) {
          // Links have ends; nodes never have a `from`.
          if ('from' in part) scenario.links.push(part);
          else scenario.nodes.push(part as SystemNode);
        }
        return sys;
      },
      client: (id, o) => addNode({ ...o, id, kind: 'client' }),
      service: (id, o = {}) => addNode({ ...o, id, kind: 'service' }),
      queue: (id, o = {}) => addNode({ ...o, id, kind: 'queue' }),
      topic: (id, o = {}) => addNode({ ...o, id, kind: 'topic' }),
      stream: (id, o = {}) => addNode({ ...o, id, kind: 'stream' }),
      registry: (id, o = {}) => addNode({ ...o, id, kind: 'registry' }),
      gateway: (id, o) => addNode({ ...o, id, kind: 'gateway' }),
      loadBalancer: (id, o) => addNode({ ...o, id, kind: 'loadBalancer' }),
      link(from, to, o = {}) {
        scenario.links.push({ ...o, from, to });
        return sys;
      },
      fault(fault) {
        scenario.faults.push(fault);
        return sys;
      },
      change(change) {
        scenario.changes.push(change);
        return sys;
      },
      node: (id) => scenario.nodes.find((n) => n.id === id),
      copy: () => makeSystem(JSON.parse(JSON.stringify(scenario)) as SystemOptions),
    };
    return sys;
  };

  const show = (value: unknown): string => {
    if (typeof value === 'string') return value;
    if (value instanceof Error) return `${value.name}: ${value.message}`;
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') return String(value);
    try {
      return JSON.stringify(value) ?? String(value);
    } catch {
      return String(value);
    }
  };
  const cell = (value: unknown): Cell => {
    if (value === undefined || value === null) return null;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
    return show(value);
  };
  const emit = (item: object) => host.emit(JSON.stringify(item));
  const log = (...values: unknown[]) => emit({ kind: 'log', text: values.map(show).join(' ') });

  const api: ScriptGlobals = {
    system: makeSystem,
    client: (id, o) => ({ ...o, id, kind: 'client' }),
    service: (id, o = {}) => ({ ...o, id, kind: 'service' }),
    queue: (id, o = {}) => ({ ...o, id, kind: 'queue' }),
    topic: (id, o = {}) => ({ ...o, id, kind: 'topic' }),
    stream: (id, o = {}) => ({ ...o, id, kind: 'stream' }),
    link: (from, to, o = {}) => ({ ...o, from, to }),
    run(system, options = {}) {
      const { run, report } = JSON.parse(host.run(documentOf(system), JSON.stringify(options))) as { run: string; report: Report };
      // Each timeline is read from the host on first use (they are most of a report's size).
      const lazyTimeline = (target: object, key: string) => {
        let value: unknown;
        Object.defineProperty(target, 'timeline', {
          enumerable: true,
          configurable: true,
          get: () => (value ??= JSON.parse(host.timeline(run, key))),
        });
      };
      for (const [id, node] of Object.entries(report.nodes)) {
        lazyTimeline(node, id);
        node.instances?.forEach((instance, i) => lazyTimeline(instance, `${id}#${i}`));
      }
      return report;
    },
    problems: (system) => JSON.parse(host.problems(documentOf(system))) as string[],
    table(rows: Row[], title?: string) {
      if (!Array.isArray(rows)) throw new TypeError('table(rows): rows must be an array of objects, one per row');
      const columns: string[] = [];
      for (const row of rows) {
        if (typeof row !== 'object' || row === null) throw new TypeError('table(rows): every row must be an object (column name → value)');
        for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
      }
      emit({
        kind: 'table',
        ...(title !== undefined && { title: String(title) }),
        columns,
        rows: rows.map((row) => columns.map((c) => cell(row[c]))),
      });
    },
    chart(series, title, axes = {}) {
      const list: Series[] = Array.isArray(series) ? series : [series];
      for (const s of list) {
        if (typeof s !== 'object' || s === null || !Array.isArray(s.points))
          throw new TypeError('chart(series): each series needs a name and points: [[x, y], ...]');
      }
      emit({
        kind: 'chart',
        ...(title !== undefined && { title: String(title) }),
        ...(axes.x !== undefined && { xLabel: String(axes.x) }),
        ...(axes.y !== undefined && { yLabel: String(axes.y) }),
        series: list.map((s) => ({ name: String(s.name), points: s.points.map((p) => [Number(p[0]), Number(p[1])]) })),
      });
    },
    check(name, passed, detail) {
      const ok = passed === true;
      emit({ kind: 'check', name: String(name), passed: ok, ...(detail !== undefined && { detail: String(detail) }) });
      return ok;
    },
    log,
    open: (system, title) => host.open(documentOf(system), title === undefined ? undefined : String(title)),
    random,
    seed: () => scriptSeed,
  };
  for (const [name, fn] of Object.entries(api)) global[name] = fn;
  global.console = { log, info: log, warn: log, error: log, debug: log };
  Math.random = random;

  // What a script may not use, refused with a sentence rather than "fetch is not defined".
  // A function, not an arrow: `new WebSocket(...)` must reach the refusal, not "is not a constructor".
  const refusal = (what: string, name: string) =>
    function refused(): never {
      return host.refuse(`scripts cannot use ${what}: ${name} is not available`);
    };
  for (const name of ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'importScripts']) global[name] = refusal('the network', name);
  for (const name of ['localStorage', 'sessionStorage', 'indexedDB', 'caches'])
    Object.defineProperty(global, name, { get: refusal('storage', name) });
  for (const name of ['document', 'window']) Object.defineProperty(global, name, { get: refusal('the page', name) });
  // No wall clock: the output must not depend on when the script ran (a Date of a given time still works).
  const RealDate = Date;
  const noClock = refusal('the wall clock (same script + same seed = same output)', 'Date.now');
  RealDate.now = noClock;
  global.Date = new Proxy(RealDate, {
    construct: (target, args, newTarget) => (args.length === 0 ? noClock() : (Reflect.construct(target, args, newTarget) as object)),
    apply: () => noClock(),
  });
}

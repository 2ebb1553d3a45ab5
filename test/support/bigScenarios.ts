/**
 * Scenario documents far bigger than anyone builds by hand, for the validation's edge tests and
 * the `validate_20mb_ms` benchmark: long call chains, floods of broken links, and a valid file
 * of a given size. Plain JSON values (not ScenarioInput): most of them are meant to be invalid.
 */

type Doc = Record<string, unknown>;

/**
 * A client and `n` services, each calling the next over a link. With `cycleFrom`, the last
 * service also calls service `cycleFrom`, closing one circle through the chain's tail.
 */
export function chainScenario(n: number, cycleFrom?: number): Doc {
  const nodes: unknown[] = [{ id: 'client', kind: 'client', target: 's0', workload: { pattern: 'poisson', rate: 1 } }];
  const links: unknown[] = [{ from: 'client', to: 's0' }];
  for (let i = 0; i < n; i++) {
    const next = i + 1 < n ? i + 1 : cycleFrom;
    nodes.push({ id: `s${i}`, kind: 'service', calls: next === undefined ? [] : [{ to: `s${next}` }] });
    if (next !== undefined) links.push({ from: `s${i}`, to: `s${next}` });
  }
  return { version: 1, nodes, links };
}

/** About `bytes` of JSON: a valid node or two, then links between nodes that do not exist. */
export function missingNodesText(bytes: number): string {
  const links: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const link = `{"from":"a${i}","to":"b${i}"}`;
    links.push(link);
    size += link.length + 1;
  }
  return `{"version":1,"nodes":[{"id":"s","kind":"service"}],"links":[${links.join(',')}]}`;
}

/**
 * A valid scenario of about `bytes` of JSON, as big as the schema's limits allow in every list:
 * 1000 nodes (a client, queues, services), about 10,000 links, 10,000 faults, 10,000 changes,
 * and the rest of the size in long call plans (the one list without a limit). Compact JSON by
 * default (the most elements for its size); `pretty` writes it as the page exports a file.
 */
export function bigValidText(bytes: number, pretty = false): string {
  const SERVICES = 990,
    QUEUES = 9,
    FAN = 10;
  const nodes: Doc[] = [{ id: 'client', kind: 'client', target: 's0', workload: { pattern: 'poisson', rate: 1 } }];
  const links: Doc[] = [{ from: 'client', to: 's0' }];
  for (let q = 0; q < QUEUES; q++) {
    nodes.push({ id: `q${q}`, kind: 'queue' });
    links.push({ from: `s${q}`, to: `q${q}`, kind: 'async' }, { from: `q${q}`, to: `s${SERVICES - 1 - q}`, kind: 'async' });
  }
  // Each service calls up to FAN services further down (no cycles), over links; links stop at 10,000.
  const callees: string[][] = [];
  for (let i = 0; i < SERVICES; i++) {
    const targets: string[] = [];
    for (let k = 1; k <= FAN && i + k < SERVICES && links.length < 10_000; k++) {
      targets.push(`s${i + k}`);
      links.push({ from: `s${i}`, to: `s${i + k}`, protocol: k % 2 ? 'grpc' : 'http', latency: '1ms' });
    }
    callees.push(targets);
  }
  const faults = Array.from({ length: 10_000 }, (_, i) =>
    i % 2
      ? { kind: 'latency', link: `s${i % 900}->s${(i % 900) + 1}`, at: `${i}ms`, duration: '1s', add: '5ms' }
      : { kind: 'crash', target: `s${i % SERVICES}`, at: `${i}ms`, duration: '1s' },
  );
  const changes = Array.from({ length: 10_000 }, (_, i) =>
    i % 3 === 0
      ? { kind: 'client', target: 'client', at: `${i}ms`, set: { rate: 1 + (i % 7) } }
      : i % 3 === 1
        ? { kind: 'link', link: `s${i % 900}->s${(i % 900) + 1}`, at: `${i}ms`, set: { loss: 0.01 } }
        : { kind: 'service', target: `s${i % SERVICES}`, at: `${i}ms`, set: { workers: 2 } },
  );
  const text = (callsEach: number) => {
    const services = callees.map((targets, i) => ({
      id: `s${i}`,
      kind: 'service',
      workers: 8,
      calls: targets.length === 0 ? [] : Array.from({ length: callsEach }, (_, c) => ({ to: targets[c % targets.length] })),
    }));
    return JSON.stringify(
      { version: 1, name: 'Big', duration: '1s', nodes: [...nodes, ...services], links, faults, changes },
      null,
      pretty ? 2 : undefined,
    );
  };
  // Spread the remaining bytes over the services' call plans, round robin over their callees.
  const one = text(1).length,
    perCall = text(2).length - one;
  return text(Math.max(1, 1 + Math.round((bytes - one) / perCall)));
}

/**
 * A document with about `n` of every element the reference checks look up: a chain of `n`
 * services calling each other, all registered with a registry and found through it; queues,
 * topics and streams with consumers and event-only publishes; `n` faults and `n` changes of each
 * kind that names something. Past the schema's limits (so invalid for n > 1000), which is the
 * point: the reference checks still read all of it.
 */
export function wideScenario(n: number): Doc {
  const nodes: Doc[] = [
    { id: 'c', kind: 'client', target: 's0', workload: { pattern: 'poisson', rate: 1 } },
    { id: 'reg', kind: 'registry' },
  ];
  const links: Doc[] = [{ from: 'c', to: 's0' }];
  for (let i = 0; i < n; i++) {
    nodes.push({ id: `s${i}`, kind: 'service', calls: i + 1 < n ? [{ to: `s${i + 1}` }] : [] });
    links.push({ from: `s${i}`, to: 'reg' });
    if (i + 1 < n) links.push({ from: `s${i}`, to: `s${i + 1}`, discovery: {} });
  }
  const brokers = Math.max(1, Math.floor(n / 10));
  for (let k = 0; k < brokers; k++) {
    nodes.push({ id: `q${k}`, kind: 'queue' }, { id: `t${k}`, kind: 'topic' }, { id: `st${k}`, kind: 'stream' });
    links.push(
      { from: `s${k}`, to: `q${k}`, kind: 'async', content: 'event' },
      { from: `q${k}`, to: `s${k + 1}`, kind: 'async' },
      { from: `s${k}`, to: `t${k}`, kind: 'async', content: 'event' },
      { from: `t${k}`, to: `q${k}`, kind: 'async' },
      { from: `s${k}`, to: `st${k}`, kind: 'async' },
      { from: `st${k}`, to: `s${k + 2}`, kind: 'async', group: 'g' },
    );
  }
  const faults: Doc[] = [];
  const changes: Doc[] = [];
  for (let i = 0; i < n; i++) {
    const link = `s${i % (n - 1)}->s${(i % (n - 1)) + 1}`;
    faults.push({ kind: 'latency', link, at: `${i}ms`, add: '1ms' }, { kind: 'crash', target: `s${i}`, at: `${i}ms` });
    changes.push(
      { kind: 'link', link, at: `${i}ms`, set: { loss: 0.01 } },
      i % 2
        ? { kind: 'client', target: 'c', at: `${i}ms`, set: { rate: 2 } }
        : { kind: 'client', target: 'c', at: `${i}ms`, set: { workload: { pattern: 'constant', rate: 3 } } },
      { kind: 'stream', target: `st${i % brokers}`, at: `${i}ms`, group: 'g', set: { offsets: 'earliest' } },
      { kind: 'service', target: `s${i}`, at: `${i}ms`, set: { workers: 2 } },
    );
  }
  return { version: 1, nodes, links, faults, changes };
}

/** The kinds registries: complete against the schema, and what each entry creates is sound. */
import { describe, expect, it } from 'vitest';
import {
  ClientNodeSchema,
  LinkSchema,
  NodeSchema,
  PROTOCOLS,
  QueueNodeSchema,
  ServiceNodeSchema,
  StreamNodeSchema,
  TopicNodeSchema,
  validateScenario,
} from '../../src/model/index.ts';
import { applyCommand, emptyDocument } from '../../src/store/document/commands.ts';
import { NODE_COMPONENTS, NODE_KINDS, nodeKindSpec } from '../../src/ui/kinds/registry.ts';
import { EDGE_COMPONENTS, LINE_STYLES, LINK_KINDS, linkKindSpec, protocolLabel } from '../../src/ui/kinds/linkKinds.ts';
import {
  clientSummary,
  loadBalancerSummary,
  queueSummary,
  serviceSummary,
  streamSummary,
  topicSummary,
} from '../../src/ui/kinds/summaries.ts';
import { connectionProblem, newLink } from '../../src/ui/canvas/connection.ts';

describe('node kinds registry', () => {
  it('has exactly one entry per node kind of the scenario schema', () => {
    const schemaKinds = NodeSchema.options.map((option) => option.shape.kind.value).sort();
    expect(NODE_KINDS.map((k) => k.kind).sort()).toEqual(schemaKinds);
    expect(Object.keys(NODE_COMPONENTS).sort()).toEqual(schemaKinds);
  });

  it('names, describes and numbers each kind distinctly', () => {
    expect(NODE_KINDS.map((k) => k.label)).toEqual([
      'Client',
      'Service',
      'Queue',
      'Topic',
      'Stream',
      'Gateway',
      'Load balancer',
      'Registry',
    ]);
    expect(new Set(NODE_KINDS.map((k) => k.icon)).size).toBe(NODE_KINDS.length);
    expect(new Set(NODE_KINDS.map((k) => k.idBase)).size).toBe(NODE_KINDS.length);
    for (const spec of NODE_KINDS) {
      expect(spec.description.length).toBeGreaterThan(20);
      expect(spec.description).not.toContain('\n');
      expect(nodeKindSpec(spec.kind)).toBe(spec);
    }
    expect(nodeKindSpec('teapot')).toBeUndefined();
  });

  it('creates a service that the schema accepts as is, at the given position', () => {
    const node = nodeKindSpec('service')!.create('service-1', { x: 10, y: 20 });
    expect(node).toEqual({
      id: 'service-1',
      kind: 'service',
      workers: 2,
      serviceTime: { dist: 'exponential', mean: '40ms' },
      position: { x: 10, y: 20 },
    });
    expect(ServiceNodeSchema.safeParse(node).success).toBe(true);
  });

  it('creates a client that becomes valid once connected to a service', () => {
    const client = nodeKindSpec('client')!.create('client-1', { x: 0, y: 0 });
    expect(client).toMatchObject({ kind: 'client', target: '', workload: { pattern: 'poisson', rate: 5 } });
    expect(ClientNodeSchema.safeParse({ ...client, target: 'service-1' }).success).toBe(true);
    let doc = applyCommand(emptyDocument(), { type: 'addNode', node: client });
    doc = applyCommand(doc, { type: 'addNode', node: nodeKindSpec('service')!.create('service-1', { x: 300, y: 0 }) });
    expect(validateScenario(doc).ok).toBe(false);
    doc = applyCommand(doc, { type: 'connect', link: { from: 'client-1', to: 'service-1' } });
    expect(validateScenario(doc).ok).toBe(true);
  });

  it("creates a queue with the schema's defaults that producers and consumers can be linked to", () => {
    const queue = nodeKindSpec('queue')!.create('queue-1', { x: 5, y: 6 });
    expect(queue).toEqual({ id: 'queue-1', kind: 'queue', position: { x: 5, y: 6 } });
    expect(QueueNodeSchema.parse(queue)).toMatchObject({ visibilityTimeout: 30_000, maxLength: null, overflow: 'dropHead' });
    let doc = applyCommand(emptyDocument(), { type: 'addNode', node: nodeKindSpec('client')!.create('client-1', { x: 0, y: 0 }) });
    doc = applyCommand(doc, { type: 'addNode', node: queue });
    doc = applyCommand(doc, { type: 'addNode', node: nodeKindSpec('service')!.create('service-1', { x: 600, y: 0 }) });
    doc = applyCommand(doc, { type: 'connect', link: newLink(doc, 'client-1', 'queue-1') });
    doc = applyCommand(doc, { type: 'connect', link: newLink(doc, 'queue-1', 'service-1') });
    expect(validateScenario(doc)).toMatchObject({ ok: true });
  });

  it('creates a topic that producers publish to and queues subscribe to, over async links', () => {
    const topic = nodeKindSpec('topic')!.create('topic-1', { x: 1, y: 2 });
    expect(topic).toEqual({ id: 'topic-1', kind: 'topic', position: { x: 1, y: 2 } });
    expect(TopicNodeSchema.safeParse(topic).success).toBe(true);
    let doc = applyCommand(emptyDocument(), { type: 'addNode', node: nodeKindSpec('client')!.create('client-1', { x: 0, y: 0 }) });
    for (const node of [
      topic,
      nodeKindSpec('queue')!.create('queue-1', { x: 0, y: 0 }),
      nodeKindSpec('service')!.create('service-1', { x: 0, y: 0 }),
    ]) {
      doc = applyCommand(doc, { type: 'addNode', node });
    }
    for (const [from, to] of [
      ['client-1', 'topic-1'],
      ['topic-1', 'queue-1'],
      ['queue-1', 'service-1'],
    ]) {
      doc = applyCommand(doc, { type: 'connect', link: newLink(doc, from, to) });
    }
    expect(doc.links?.map((l) => l.kind)).toEqual(['async', 'async', 'async']);
    const result = validateScenario(doc);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it("creates a stream with the schema's defaults that a producer appends to and a consumer group reads, over async links", () => {
    const stream = nodeKindSpec('stream')!.create('stream-1', { x: 3, y: 4 });
    expect(stream).toEqual({ id: 'stream-1', kind: 'stream', position: { x: 3, y: 4 } });
    expect(StreamNodeSchema.parse(stream)).toMatchObject({ partitions: 3, retention: null, rebalancePause: 3000 });
    let doc = applyCommand(emptyDocument(), { type: 'addNode', node: nodeKindSpec('client')!.create('client-1', { x: 0, y: 0 }) });
    for (const node of [
      nodeKindSpec('service')!.create('service-1', { x: 0, y: 0 }),
      stream,
      nodeKindSpec('service')!.create('service-2', { x: 0, y: 0 }),
    ]) {
      doc = applyCommand(doc, { type: 'addNode', node });
    }
    for (const [from, to] of [
      ['client-1', 'service-1'],
      ['service-1', 'stream-1'],
      ['stream-1', 'service-2'],
    ]) {
      doc = applyCommand(doc, { type: 'connect', link: newLink(doc, from, to) });
    }
    expect(doc.links?.map((l) => l.kind)).toEqual([undefined, 'async', 'async']);
    const result = validateScenario(doc);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('creates a load balancer that becomes valid once connected to the service it spreads over', () => {
    const lb = nodeKindSpec('loadBalancer')!.create('lb-1', { x: 0, y: 0 });
    expect(lb).toEqual({ id: 'lb-1', kind: 'loadBalancer', to: '', position: { x: 0, y: 0 } });
    let doc = applyCommand(emptyDocument(), { type: 'addNode', node: nodeKindSpec('client')!.create('client-1', { x: 0, y: 0 }) });
    for (const node of [
      lb,
      nodeKindSpec('service')!.create('service-1', { x: 0, y: 0 }),
      nodeKindSpec('service')!.create('service-2', { x: 0, y: 0 }),
    ]) {
      doc = applyCommand(doc, { type: 'addNode', node });
    }
    for (const [from, to] of [
      ['client-1', 'lb-1'],
      ['lb-1', 'service-1'],
    ])
      doc = applyCommand(doc, { type: 'connect', link: newLink(doc, from, to) });
    expect(doc.nodes.find((n) => n.id === 'lb-1')).toMatchObject({ to: 'service-1' });
    expect(doc.nodes.find((n) => n.id === 'client-1')).toMatchObject({ target: 'lb-1' });
    const result = validateScenario(doc);
    expect(result.ok ? [] : result.problems).toEqual([]);
    // One service only: another would need its link gone first.
    expect(connectionProblem(doc, 'lb-1', 'service-2')).toBe(
      "a load balancer spreads requests over one service; delete lb-1's link first to connect it elsewhere",
    );
    expect(connectionProblem(doc, 'lb-1', 'client-1')).toBe('a client only sends requests; nothing can call it');
  });
});

describe('link kinds registry', () => {
  it('covers every link kind and protocol of the schema', () => {
    expect(LINK_KINDS.map((k) => k.kind)).toEqual(LinkSchema.shape.kind.unwrap().options);
    expect(Object.keys(EDGE_COMPONENTS)).toEqual(['sync', 'async']);
    for (const spec of LINK_KINDS) expect(spec.protocols.map((p) => p.id)).toEqual([...PROTOCOLS]);
  });

  it('draws sync links solid with their protocol, async ones dashed and labelled "async"', () => {
    expect(linkKindSpec({ kind: 'sync' }).line).toBe('solid');
    expect(linkKindSpec({}).edgeLabel({ protocol: 'grpc' })).toBe('gRPC');
    expect(linkKindSpec({ kind: 'async' }).line).toBe('dashed');
    expect(linkKindSpec({ kind: 'async' }).edgeLabel({ protocol: 'grpc' })).toBe('async');
    expect(LINE_STYLES.solid.strokeDasharray).toBeUndefined();
    expect(LINE_STYLES.dashed.strokeDasharray).toBeTruthy();
  });

  it('labels protocols briefly, HTTP by default', () => {
    expect(protocolLabel({})).toBe('HTTP');
    expect(protocolLabel({ protocol: 'grpc' })).toBe('gRPC');
  });
});

describe('node summaries', () => {
  it('sums a service up as pool and mean work time, using the schema defaults when unset', () => {
    expect(serviceSummary({ id: 's', kind: 'service', workers: 2, serviceTime: { dist: 'exponential', mean: '40ms' } })).toBe(
      '2 workers · 40ms',
    );
    expect(serviceSummary({ id: 's', kind: 'service', workers: 1, serviceTime: '1.5s' })).toBe('1 worker · 1.5s');
    expect(serviceSummary({ id: 's', kind: 'service', serviceTime: { dist: 'uniform', min: 10, max: 30 } })).toBe('4 workers · 20ms');
    expect(serviceSummary({ id: 's', kind: 'service' })).toBe('4 workers · 10ms');
    expect(serviceSummary({ id: 's', kind: 'service', workers: 3, serviceTime: { dist: 'pareto', scale: 5, shape: 1 } })).toBe(
      '3 workers · pareto',
    );
  });

  it('sums a queue up as its bound and overflow, or its ack window when unbounded', () => {
    expect(queueSummary({ id: 'q', kind: 'queue' })).toBe('unbounded · ack within 30s');
    expect(queueSummary({ id: 'q', kind: 'queue', visibilityTimeout: '2s', maxLength: null })).toBe('unbounded · ack within 2s');
    expect(queueSummary({ id: 'q', kind: 'queue', maxLength: 1000 })).toBe('up to 1,000 · drop oldest');
    expect(queueSummary({ id: 'q', kind: 'queue', maxLength: 50, overflow: 'rejectPublish' })).toBe('up to 50 · refuse when full');
  });

  it("sums a topic up as the number of queues subscribed to it, from the document's links", () => {
    const doc = {
      nodes: [
        { id: 't', kind: 'topic' as const },
        { id: 'qa', kind: 'queue' as const },
        { id: 'qb', kind: 'queue' as const },
      ],
      links: [{ from: 't', to: 'qa' }],
    };
    expect(topicSummary(doc, 't')).toBe('fans out to 1 queue');
    expect(topicSummary({ ...doc, links: [...doc.links, { from: 't', to: 'qb' }] }, 't')).toBe('fans out to 2 queues');
    expect(topicSummary({ ...doc, links: [] }, 't')).toBe('no subscriptions yet');
  });

  it('sums a stream up as its partitions and retention, using the schema defaults when unset', () => {
    expect(streamSummary({ id: 's', kind: 'stream' })).toBe('3 partitions · keep all');
    expect(streamSummary({ id: 's', kind: 'stream', partitions: 1, retention: '1h' })).toBe('1 partition · keep 1h');
    expect(streamSummary({ id: 's', kind: 'stream', partitions: 12, retention: 45_000 })).toBe('12 partitions · keep 45s');
    expect(streamSummary({ id: 's', kind: 'stream', partitions: 0 })).toBe('partitions? · keep all');
  });

  it('sums a load balancer up as the service it spreads over', () => {
    expect(loadBalancerSummary({ id: 'lb', kind: 'loadBalancer', to: 'catalog' })).toBe('over catalog');
    expect(loadBalancerSummary({ id: 'lb', kind: 'loadBalancer', to: '' })).toBe('no service yet');
  });

  it('sums a client up as its load pattern', () => {
    const client = (workload: Parameters<typeof clientSummary>[0]['workload']) =>
      clientSummary({ id: 'c', kind: 'client', target: 's', workload });
    expect(client({ pattern: 'poisson', rate: 5 })).toBe('poisson 5/s');
    expect(client({ pattern: 'constant', rate: 2.5 })).toBe('constant 2.5/s');
    expect(client({ pattern: 'bursts', every: '2s', size: 50 })).toBe('bursts of 50 every 2s');
    expect(client({ pattern: 'ramp', from: 1, to: 40, over: '10s' })).toBe('ramp 1→40/s');
    expect(client({ pattern: 'closed', users: 1 })).toBe('closed · 1 user');
  });
});

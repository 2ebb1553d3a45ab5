/**
 * CHANGE rows: a setting of the scenario changes during the run. The row is checked against the
 * scenario's change list, then the model's settings take the new values, so every later check
 * (pool size, capacity, work and latency ranges, error and loss rates, a constant client's ticks)
 * uses what is in force from then on (a call plan and the timeouts it resolves, a client's target
 * and timeout, a link's protocol overhead, a startup time for the next restart).
 */
import { PROTOCOL_PROFILES, type Change, type Workload } from '../../../src/model/index.ts';
import { TraceType } from '../../../src/engine/index.ts';
import { accepting } from './activeFaults.ts';
import { bounds, compilePlan, type ClientReplay, type ServiceReplay } from './scenarioModel.ts';
import type { TraceReplay, TraceRow } from './traceReplay.ts';

/** CHANGE: change `a` takes effect; `node` is its service or client (−1 for a link), `b` its link (or −1). */
export function onChange(r: TraceReplay, { t, node, a, b, at }: TraceRow): void {
  const { nodeIndex, linkIndex, changes } = r.model;
  const change: Change | undefined = changes[a];
  if (!change) {
    r.fail(`${at}: no change ${a}`);
    return;
  }
  if (r.changesSeen[a]) r.fail(`${at}: change ${a} applied twice`);
  r.changesSeen[a] = 1;
  if (t !== change.at) r.fail(`${at}: change ${a} is due at ${change.at}`);
  const target = change.kind === 'link' ? -1 : nodeIndex.get(change.target);
  const link = change.kind === 'link' ? linkIndex.get(change.link) : -1;
  if (node !== target || b !== link) {
    r.fail(`${at}: change ${a} names node ${node} / link ${b}, expected ${target} / ${link}`);
    return;
  }
  switch (change.kind) {
    case 'link': {
      const lk = r.model.links[b];
      const { latency, loss, protocol, timeout } = change.set;
      if (latency !== undefined) lk.latency = bounds(latency);
      if (loss !== undefined) lk.loss = loss;
      if (protocol !== undefined) lk.overhead = PROTOCOL_PROFILES[protocol].overheadMs;
      if (timeout !== undefined) {
        lk.timeout = timeout ?? undefined;
        // Every call that has no timeout of its own now uses the link's.
        r.model.services.forEach((svc, s) => {
          if (svc) svc.plan = compilePlan(r.model, s);
        });
        for (const client of r.model.clients) if (client) client.timeout = client.ownTimeout ?? r.model.links[client.link].timeout;
      }
      break;
    }
    case 'client': {
      const client = r.model.clients[node];
      if (!client) {
        r.fail(`${at}: a client change of a service`);
        break;
      }
      const { rate, workload, target, timeout } = change.set;
      if (workload !== undefined) changeWorkload(r, client, workload, t, at);
      if (rate !== undefined) changeRate(r, client, rate, t, at);
      if (timeout !== undefined) client.ownTimeout = timeout ?? undefined;
      if (target !== undefined) {
        client.target = nodeIndex.get(target) as number;
        client.link = r.model.linkBetween.get(`${node}>${client.target}`) as number;
      }
      client.timeout = client.ownTimeout ?? r.model.links[client.link].timeout;
      break;
    }
    case 'service': {
      const svc = r.model.services[node];
      if (!svc) {
        r.fail(`${at}: a service change of a client`);
        return;
      }
      changeService(r, svc, node, change.set, t);
      break;
    }
  }
}

/**
 * A constant client keeps the tick already due and counts from it at the new rate. That tick
 * cannot be before now: a tick before the change was due and must have been sent already.
 */
function changeRate(r: TraceReplay, client: ClientReplay, rate: number, t: number, at: string): void {
  const w = client.workload;
  if (w.pattern !== 'constant' && w.pattern !== 'poisson') {
    r.fail(`${at}: a rate change of a ${w.pattern} client`);
    return;
  }
  if (w.pattern === 'constant') {
    const due = client.origin + ((client.roots.length - client.originCount) * 1000) / client.rate;
    if (due < t && due < client.stop && client.start < client.stop)
      r.fail(`${at}: ${client.id}'s tick at ${due} was not sent before the change`);
    client.origin = due;
    client.originCount = client.roots.length;
  }
  client.rate = rate;
}

/**
 * A new workload: every send of the old one due before now was sent (liveness as at the end of a
 * run), then the new one starts at the later of now and its own start, counting from there.
 */
function changeWorkload(r: TraceReplay, client: ClientReplay, w: Workload, t: number, at: string): void {
  const old = client.workload;
  if ((old.pattern === 'constant' || old.pattern === 'bursts') && client.start < client.stop) {
    let due = client.originCount;
    for (let k = 0; ; k++) {
      const tk = old.pattern === 'constant' ? client.origin + (k * 1000) / client.rate : client.origin + k * old.every;
      if (!(tk < client.stop && tk < t)) break;
      due += old.pattern === 'constant' ? 1 : old.size;
    }
    if (client.roots.length !== due) r.fail(`${at}: ${client.id} sent ${client.roots.length} before its new workload, ${due} were due`);
  }
  client.workload = w;
  client.start = Math.max(t, w.start ?? 0);
  client.stop = w.stop ?? r.model.duration;
  client.think = w.pattern === 'closed' ? bounds(w.thinkTime) : undefined;
  client.rate = w.pattern === 'constant' || w.pattern === 'poisson' ? w.rate : NaN;
  client.origin = client.start;
  client.originCount = client.roots.length;
  client.lastOfUser = new Map();
}

type ServiceSet = Extract<Change, { kind: 'service' }>['set'];

/** New settings of a service; a bigger pool takes requests from the line at once (the next rows). */
function changeService(r: TraceReplay, svc: ServiceReplay, node: number, set: ServiceSet, t: number): void {
  if (set.serviceTime !== undefined) svc.work = bounds(set.serviceTime);
  if (set.rateLimit !== undefined) {
    // The bucket keeps its tokens (refilled to now), up to the new size; a new limiter starts full.
    const had = svc.limitRate > 0;
    if (had && t > svc.tokensAt) svc.tokens = Math.min(svc.limitBurst, svc.tokens + (t - svc.tokensAt) * svc.limitRate);
    const limit = set.rateLimit;
    svc.limitRate = limit ? limit.rate / 1000 : 0;
    svc.limitBurst = limit ? limit.burst : 0;
    svc.tokens = limit ? (had ? Math.min(svc.tokens, limit.burst) : limit.burst) : 0;
    svc.tokensAt = t;
  }
  if (set.shedding !== undefined) {
    svc.shedLine = set.shedding?.maxLine ?? Infinity;
    svc.maxQueueTime = set.shedding?.maxQueueTime ?? Infinity;
  }
  if (set.startupTime !== undefined) svc.startupTime = set.startupTime;
  if (set.calls !== undefined) {
    svc.calls = set.calls;
    svc.plan = compilePlan(r.model, node);
  }
  if (set.queueCapacity !== undefined) svc.capacity = set.queueCapacity ?? Infinity;
  if (set.errorRate !== undefined) svc.errorRate = set.errorRate;
  if (set.workers === undefined) return;
  svc.workers = set.workers;
  // A smaller pool stays over-full until work ends (onStart refuses a START while busy ≥ workers).
  // A bigger one takes from the line at once, refusing on the way those that waited too long.
  let free = accepting(svc.mode) ? Math.max(0, svc.workers - svc.busy.size) : 0;
  const rows: { type: number; call: number }[] = [];
  for (const c of svc.line) {
    if (free === 0) break;
    if (t - r.calls.arrivedAt[c] > svc.maxQueueTime) rows.push({ type: TraceType.REJECT, call: c });
    else {
      rows.push({ type: TraceType.START, call: c });
      free--;
    }
  }
  if (rows.length > 0) r.fills = { node, rows };
}

/** The next row while a grown pool takes requests from the line: the next START (or refusal), in line order. */
export function checkFill(r: TraceReplay, type: number, node: number, a: number, at: string): void {
  const fills = r.fills!;
  const next = fills.rows.shift()!;
  if (fills.rows.length === 0) r.fills = undefined;
  if (type !== next.type || node !== fills.node || a !== next.call) {
    r.fail(
      `${at}: expected the grown pool of ${r.nodeIds[fills.node]} to ${next.type === TraceType.START ? 'start' : 'refuse'} ${next.call} at once`,
    );
    r.fills = undefined;
  }
}

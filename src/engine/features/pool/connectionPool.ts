/**
 * HTTP/1.1's connection pool: over a link with `connections: N` (and protocol http) the caller
 * has N connections to the callee and each carries one call at a time. A call finding them all
 * busy waits, first come first served (a CONN_WAIT row: node = caller, a = the call, b = calls
 * waiting now), and is sent when a connection frees up (CONN_ACQUIRE: a = the call, b = link) —
 * unless it timed out or was given up meanwhile. A connection is free again when its call ends
 * (its reply, its timeout), when a job's 202 arrives over a polling link (features/asyncHttp: the
 * job's polls take connections of their own), or when a late reply arrives for a call abandoned by a crashed
 * caller; a call whose request was lost with no timeout keeps its connection for good, as a hung
 * HTTP/1.1 connection does. gRPC multiplexes calls over one HTTP/2 connection: no such limit.
 */
import type { LinkRuntime, Runtime } from '../../kernel/runtime.ts';
import { CallStatus, TraceType } from '../../trace/eventTypes.ts';
import type { ConnectionPool } from '../../kernel/records.ts';

export type { ConnectionPool } from '../../kernel/records.ts';

export function buildPool(size: number): ConnectionPool {
  return { size, inUse: 0, waiting: [], head: 0, holders: new Set(), waited: 0, longest: 0 };
}

/** Call c takes a free connection of `link`'s pool (true), or waits for one (false: it is sent later, by `release`). */
export function acquire(rt: Runtime, link: LinkRuntime, c: number): boolean {
  const pool = link.pool as ConnectionPool;
  if (pool.inUse < pool.size) {
    pool.inUse++;
    pool.holders.add(c);
    return true;
  }
  pool.waiting.push(c);
  pool.waited++;
  const line = pool.waiting.length - pool.head;
  if (line > pool.longest) pool.longest = line;
  rt.trace.recordNow(TraceType.CONN_WAIT, rt.calls.caller[c], c, line);
  return false;
}

/**
 * Call c's connection (if it held one) is free: the next call still waiting takes it and is sent
 * by `send` (the caller's own send step: routing, then the network).
 */
export function release(rt: Runtime, link: LinkRuntime, c: number, send: (rt: Runtime, link: LinkRuntime, c: number) => void): void {
  const pool = link.pool as ConnectionPool;
  if (!pool.holders.delete(c)) return;
  pool.inUse--;
  while (pool.head < pool.waiting.length && pool.inUse < pool.size) {
    const next = pool.waiting[pool.head++];
    // Timed out or given up while it waited: it no longer wants a connection.
    if (rt.calls.status[next] !== CallStatus.PENDING) continue;
    pool.inUse++;
    pool.holders.add(next);
    rt.trace.recordNow(TraceType.CONN_ACQUIRE, rt.calls.caller[next], next, link.index);
    send(rt, link, next);
  }
  // Drop the served part of the line now and then, so it does not grow for the whole run.
  if (pool.head > 1024 && pool.head * 2 > pool.waiting.length) {
    pool.waiting = pool.waiting.slice(pool.head);
    pool.head = 0;
  }
}

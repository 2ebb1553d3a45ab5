/**
 * One request, many answers: gRPC server streaming (a link's `stream` with `messages`) and
 * WebSocket pushes (`stream` without an end). When the callee answers a request OK, its first
 * message goes at once and the next ones every `interval` (PUSH rows: node = callee, a = the
 * call, b = the message's number). The caller counts what arrives (PUSH_RECEIVED: node = caller,
 * a = the call, b = messages so far): a finite stream's call is done with its last message; a
 * push stream's never is, while the connection lives. A crash of the callee resets its open
 * streams (PUSH_RESET: node = callee, a = the call): the caller gets an error at once, as a
 * connection reset, rather than waiting for a timeout. A lost message is just lost: only a
 * timeout notices, as ever.
 *
 * The callee's worker, per protocol:
 * - **gRPC server streaming** holds it until the stream's last message: the handler writes each
 *   message to the stream and returns when it is done (as a Go or blocking Java handler does), so
 *   a stream of N messages an interval apart occupies a worker for (N − 1) intervals more than
 *   its work (PUSH_WORKER rows: b = 1 held at the first message, b = 0 free after the last or at
 *   a reset).
 * - **WebSocket pushes** free it after the first message: the handler registers the connection
 *   and returns, and later pushes come from the server's event loop. A push stream without end
 *   could not hold a worker anyway: it would take it for as long as the connection lives.
 */
import type { LinkRuntime, Runtime, ServiceRuntime } from '../../kernel/runtime.ts';
import { Ev, Priority } from '../../kernel/runtime.ts';
import { CallStatus, TraceType } from '../../trace/eventTypes.ts';
import { transmit } from '../../kernel/link.ts';
import { handlers } from '../../kernel/handlers.ts';

/** The server-streamed answers' state, by call (not event streams: see features/stream). */
export interface AnswerStreamState {
  /** Answers being sent: messages sent so far. */
  readonly answerStreamsOpen: Map<number, number>;
  /** Answers being received: messages received so far. */
  readonly answerStreamsReceived: Map<number, number>;
  /** Open gRPC server streams that hold their callee's worker until their last message. */
  readonly answerStreamsHeld: Set<number>;
}

declare module '../../kernel/runtime.ts' {
  interface FeatureState {
    readonly answerStream: AnswerStreamState;
  }
}

/** An empty answer-stream state, for a new run. */
export function newAnswerStreamState(): AnswerStreamState {
  return { answerStreamsOpen: new Map(), answerStreamsReceived: new Map(), answerStreamsHeld: new Set() };
}

/** Whether call c's stream over `link` keeps its callee's worker to its end: a gRPC server stream of more than one message. */
export function holdsWorker(link: LinkRuntime): boolean {
  const stream = link.stream;
  return stream !== undefined && stream.messages > 1 && link.protocol === 'grpc';
}

/** The callee has just sent call c's first message over `link` (its OK reply): the rest follow. */
export function startPushes(rt: Runtime, link: LinkRuntime, c: number): void {
  const stream = link.stream as NonNullable<LinkRuntime['stream']>;
  rt.trace.recordNow(TraceType.PUSH, rt.calls.callee[c], c, 1);
  if (stream.messages <= 1) return;
  rt.features.answerStream.answerStreamsOpen.set(c, 1);
  if (holdsWorker(link)) {
    rt.features.answerStream.answerStreamsHeld.add(c);
    rt.trace.recordNow(TraceType.PUSH_WORKER, rt.calls.callee[c], c, 1);
  }
  rt.schedule(rt.now + stream.interval, Priority.MESSAGE, Ev.PUSH, link.index, c);
}

/** Time for call c's next message over `link` (unless its stream was reset meanwhile). */
export function onPushDue(rt: Runtime, link: LinkRuntime, c: number): void {
  const sent = rt.features.answerStream.answerStreamsOpen.get(c);
  if (sent === undefined) return;
  const stream = link.stream as NonNullable<LinkRuntime['stream']>;
  const n = sent + 1;
  rt.trace.recordNow(TraceType.PUSH, rt.calls.callee[c], c, n);
  transmit(rt, link, c, false);
  if (n >= stream.messages) {
    rt.features.answerStream.answerStreamsOpen.delete(c);
    // The stream's last message went: its handler returns, and its worker takes the next request.
    if (rt.features.answerStream.answerStreamsHeld.delete(c)) {
      rt.trace.recordNow(TraceType.PUSH_WORKER, rt.calls.callee[c], c, 0);
      handlers.freeWorker(rt, rt.service(rt.calls.callee[c]));
    }
    return;
  }
  rt.features.answerStream.answerStreamsOpen.set(c, n);
  rt.schedule(rt.now + stream.interval, Priority.MESSAGE, Ev.PUSH, link.index, c);
}

/**
 * A message of call c's stream reached its caller (the call still pending): true if the call
 * goes on (more to come), false if this was the last and the call now ends as any call does.
 */
export function pushReceived(rt: Runtime, link: LinkRuntime, c: number): boolean {
  const received = (rt.features.answerStream.answerStreamsReceived.get(c) ?? 0) + 1;
  const stream = link.stream as NonNullable<LinkRuntime['stream']>;
  if (received >= stream.messages) {
    rt.features.answerStream.answerStreamsReceived.delete(c);
    return false;
  }
  rt.features.answerStream.answerStreamsReceived.set(c, received);
  rt.trace.recordNow(TraceType.PUSH_RECEIVED, rt.calls.caller[c], c, received);
  return true;
}

/** Instance `svc` crashed: each stream it was sending is reset, the caller told at once (an error reply). */
export function resetAnswerStreams(rt: Runtime, svc: ServiceRuntime): void {
  const open = rt.features.answerStream.answerStreamsOpen;
  if (open.size === 0) return;
  const calls = rt.calls;
  const reset: number[] = [];
  for (const c of open.keys()) if (calls.callee[c] === svc.node) reset.push(c);
  for (const c of reset) {
    open.delete(c);
    calls.reply[c] = CallStatus.ERROR;
    rt.trace.recordNow(TraceType.PUSH_RESET, svc.node, c, 0);
    // Its worker is lost with the rest of the crashed instance's (crashService empties the pool).
    if (rt.features.answerStream.answerStreamsHeld.delete(c)) rt.trace.recordNow(TraceType.PUSH_WORKER, svc.node, c, 0);
    transmit(rt, rt.links[calls.link[c]], c, false);
  }
}

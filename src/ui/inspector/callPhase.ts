/**
 * A call's last event (engine/replay/callEvents.ts) put in words.
 */
import { possessive } from '../../model/index.ts';
import { CALL_STATUS_NAMES, DROP_REASON_NAMES, REJECT_REASON_NAMES } from '../../engine/trace/eventTypes.ts';
import type { CallEvent } from '../../engine/replay/callEvents.ts';

export type { CallEvent } from '../../engine/replay/callEvents.ts';

export function isEnding(event: CallEvent | undefined): boolean {
  return event !== undefined && event.ending;
}

/** The event in words, with the ids of the call's two ends. */
export function describeCallEvent(event: CallEvent, caller: string, callee: string): string {
  switch (event.kind) {
    case 'send':
      return `The request is on its way from ${caller} to ${callee}.`;
    case 'arrive':
      return `The request has reached ${callee}.`;
    case 'queue':
      return `Waiting in ${possessive(callee)} line for a free worker.`;
    case 'start':
      return `A worker of ${callee} is working on it.`;
    case 'workDone':
      return `${callee} has done its own work${event.detail === 1 ? ' (it failed)' : ''}; now calling downstream or replying.`;
    case 'reply':
      return `The reply (${CALL_STATUS_NAMES[event.detail] ?? 'done'}) is on its way back to ${caller}.`;
    case 'reject':
      return `${callee} refused it (${REJECT_REASON_NAMES[event.detail] ?? 'refused'}); the refusal is on its way back.`;
    case 'receive':
      return `Finished: ${caller} got the reply (${CALL_STATUS_NAMES[event.detail] ?? 'done'}).`;
    case 'timeout':
      return `${caller} gave up waiting (timeout).`;
    case 'lateReply':
      return `A reply reached ${caller} after it had given up: wasted work.`;
    case 'drop':
      return `Lost (${DROP_REASON_NAMES[event.detail] ?? 'dropped'}).`;
    case 'abandon':
      return `Abandoned: ${caller} crashed while waiting.`;
    default:
      return 'Unknown.';
  }
}

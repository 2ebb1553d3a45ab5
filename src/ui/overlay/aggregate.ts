/**
 * At high rates a link carries more messages than anyone can tell apart. The overlay groups the
 * messages in flight by link and direction; a group above `AGGREGATE_ABOVE` is drawn as one
 * bundle (thicker for more) with a count badge instead of a dot each. Groups live in typed arrays
 * reused from frame to frame (no garbage while playing).
 */
import type { MessagesInFlight } from '../../engine/replay/messageIndex.ts';

/** Most messages one direction of a link shows as separate dots. */
export const AGGREGATE_ABOVE = 12;
/** Fewest: one or two messages are always dots, however short their link is on screen. */
export const AGGREGATE_ABOVE_MIN = 2;
/** Message kinds (MessageKind: request, reply, error, rejected, late). */
export const KIND_COUNT = 13;

/** A group's slot: two per link, forward (requests) then backward (replies). */
export function slotOf(link: number, backward: number): number {
  return link * 2 + backward;
}

export class LinkGroups {
  /** Slots in use this frame (2 × links). */
  slots = 0;
  count = new Int32Array(0);
  /** Of those, the messages truly in flight (the others arrived and are held on screen by the time stretch): a badge's count. */
  flying = new Int32Array(0);
  /** Most messages each slot shows as dots this frame (see `limitFor`). */
  limit = new Int32Array(0);
  /** Messages per slot and kind: kinds[slot * KIND_COUNT + kind]. */
  kinds = new Int32Array(0);
  /** The span of the group along its link, as progress from its own sender (0..1). */
  minProgress = new Float64Array(0);
  maxProgress = new Float64Array(0);

  /** Empties every group, for a run with `linkCount` links. */
  reset(linkCount: number): void {
    const slots = linkCount * 2;
    if (slots > this.count.length) {
      const capacity = Math.max(slots, this.count.length * 2, 16);
      this.count = new Int32Array(capacity);
      this.flying = new Int32Array(capacity);
      this.limit = new Int32Array(capacity);
      this.kinds = new Int32Array(capacity * KIND_COUNT);
      this.minProgress = new Float64Array(capacity);
      this.maxProgress = new Float64Array(capacity);
    }
    this.slots = slots;
    this.count.fill(0, 0, slots);
    this.flying.fill(0, 0, slots);
    this.limit.fill(AGGREGATE_ABOVE, 0, slots);
    this.kinds.fill(0, 0, slots * KIND_COUNT);
    this.minProgress.fill(1, 0, slots);
    this.maxProgress.fill(0, 0, slots);
  }

  /** Adds a message of `kind` at `progress`; `held` 1 for one that has arrived and is shown only by the time stretch. */
  add(slot: number, kind: number, progress: number, held = 0): void {
    this.count[slot]++;
    this.flying[slot] += 1 - held;
    this.kinds[slot * KIND_COUNT + kind]++;
    if (progress < this.minProgress[slot]) this.minProgress[slot] = progress;
    if (progress > this.maxProgress[slot]) this.maxProgress[slot] = progress;
  }

  /** Whether the slot's messages are drawn as one bundle. */
  aggregated(slot: number): boolean {
    return this.count[slot] > this.limit[slot];
  }

  /** The kind most of the slot's messages are (the lower kind on a tie: requests before replies before errors). */
  dominantKind(slot: number): number {
    let best = 0;
    for (let k = 1; k < KIND_COUNT; k++) if (this.kinds[slot * KIND_COUNT + k] > this.kinds[slot * KIND_COUNT + best]) best = k;
    return best;
  }
}

/** Groups the messages in `messages` (of a run with `linkCount` links) into `groups`. */
export function groupMessages(messages: MessagesInFlight, linkCount: number, groups: LinkGroups): void {
  groups.reset(linkCount);
  for (let i = 0; i < messages.count; i++) {
    const link = messages.link[i];
    if (link < 0 || link >= linkCount) continue;
    groups.add(slotOf(link, messages.backward[i]), messages.kind[i], messages.progress[i], messages.held[i]);
  }
}

/**
 * Most messages a link `lengthPx` long on screen shows as dots of `radius` px: about one dot's
 * width of space between neighbours, never more than AGGREGATE_ABOVE (a zoomed-out diagram would
 * otherwise show a blob of overlapping dots).
 */
export function limitFor(lengthPx: number, radius: number): number {
  const fits = Math.floor(lengthPx / (4 * radius));
  return Math.min(AGGREGATE_ABOVE, Math.max(AGGREGATE_ABOVE_MIN, fits));
}

/** How thick a bundle of `count` messages is drawn, in screen px: grows with the log of the count, capped. */
export function bundleWidth(count: number): number {
  return Math.min(10, 3 + 1.5 * Math.log2(Math.max(1, count / AGGREGATE_ABOVE)));
}

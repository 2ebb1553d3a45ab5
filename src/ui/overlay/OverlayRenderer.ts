/**
 * Draws the messages in flight at one instant onto a 2D canvas: each on its link at its progress
 * (requests on one side of the line, replies on the other), as its kind's shape and colour; lost
 * ones hollow, falling off the link as they fade (lossFall.ts); a crowded link direction as one bundle with a count. Everything a frame
 * needs lives in buffers reused from frame to frame, and the positions drawn are kept for
 * hit-testing clicks. Retries carry their attempt number and backoff waits a countdown ring at
 * the caller (retryMarks.ts). Given a surface factory, dots are blitted from per-kind sprites (see
 * dotSprites.ts); without one (tests' recording contexts), they are filled as paths. Messages on
 * links to a registry (heartbeats, lookups: the system's bookkeeping, not its work) are drawn faint.
 */
import { messagesBuffer, type MessagesInFlight } from '../../engine/replay/messageIndex.ts';
import type { TraceReplay } from '../../engine/replay/traceReplay.ts';
import type { RunTopology } from '../../engine/replay/topology.ts';
import { groupMessages, KIND_COUNT, limitFor, LinkGroups, slotOf } from './aggregate.ts';
import { DotSprites, OUTLINE_PX, type SurfaceFactory } from './dotSprites.ts';
import { handlePoint, linkGoesDown, linkPoint, toScreenX, toScreenY, type FlowNodeLike, type ViewportTransform } from './geometry.ts';
import { nearestWithin } from './hitTest.ts';
import { MESSAGE_STYLES, type OverlayPalette } from './messageStyles.ts';
import { drawInstanceNumbers } from './instanceMarks.ts';
import { drawAttemptNumbers, drawRetryWaits, type RetryFrame } from './retryMarks.ts';
import { addShape } from './shapes.ts';
import { lostAlong, lostAlpha, lostDrop } from './lossFall.ts';
import { drawBundles } from './dotBundles.ts';

/** What the overlay reads of React Flow's state: the viewport and the nodes' measured boxes. */
export interface FlowView {
  readonly transform: ViewportTransform;
  readonly nodeLookup: ReadonlyMap<string, FlowNodeLike>;
}

/** The most messages one frame holds (the buffer doubles up to this when a run has more in flight). */
const MAX_MESSAGES = 1 << 20;
/** How close to a dot a click must land, screen px. */
export const HIT_RADIUS = 9;
/** The opacity of registry traffic's dots. */
export const FAINT_ALPHA = 0.35;
/** The opacity of every other message while one request is followed. */
export const FOLLOW_FADE_ALPHA = 0.15;

/** Per topology: which links go to a registry (their dots are faint), or undefined when none does. */
const faintLinks = new WeakMap<RunTopology, Uint8Array | null>();

function faintOf(topology: RunTopology): Uint8Array | undefined {
  let faint = faintLinks.get(topology);
  if (faint === undefined) {
    const flags = Uint8Array.from(topology.linkTo, (to) => (topology.nodeKinds[to] === 'registry' ? 1 : 0));
    faint = flags.includes(1) ? flags : null;
    faintLinks.set(topology, faint);
  }
  return faint ?? undefined;
}

export class OverlayRenderer {
  private messages: MessagesInFlight = messagesBuffer(4096);
  private readonly groups = new LinkGroups();
  /** Per link: source x, y and target x, y in flow coordinates (NaN: an end is not on the canvas). */
  private ends = new Float64Array(0);
  /** Per link, 1 when it runs down (bottom to top handle, geometry.ts linkGoesDown), else 0. */
  private down = new Uint8Array(0);
  /** Screen positions of the last frame's messages (NaN: not placed). */
  private xs = new Float32Array(4096);
  private ys = new Float32Array(4096);
  /** The last frame's dots (see isDot): their indices, so the passes drawing them skip the bundled and lost. */
  private dots = new Int32Array(4096);
  private dotCount = 0;
  private readonly point = new Float64Array(4);
  /** Messages shown (as dots or in bundles) in the last frame. */
  shown = 0;
  /** Simulated ms a message is drawn for at least (the time stretch: timeStretch.tsx); 0 draws true flights. */
  minFlight = 0;
  /**
   * The followed request's calls (1 by call id: follow.ts `membersOf`), or undefined. Its messages
   * are drawn bright, ringed, and never merged into a bundle; every other message faded.
   */
  followed: Uint8Array | undefined;
  /** Messages of the followed request drawn in the last frame. */
  followedShown = 0;
  /** Retry marks of the last frame: attempt numbers and countdown rings drawn. */
  attemptsMarked = 0;
  waitsShown = 0;
  /** Dots of balanced calls marked with their instance's number in the last frame. */
  instancesMarked = 0;
  /** The kinds among the frame's messages, a bit each: kinds none has are not looped over. */
  private present = 0;

  private readonly sprites: DotSprites | undefined;
  /** This frame's links to a registry (see faintOf). */
  private faint: Uint8Array | undefined;

  constructor(
    public palette: OverlayPalette,
    surface?: SurfaceFactory,
  ) {
    this.sprites = surface && new DotSprites(surface);
  }

  /**
   * Clears the canvas (`width` × `height` CSS px, `ratio` device px each) and draws the messages of
   * `replay` at `time`.
   */
  draw(
    ctx: CanvasRenderingContext2D,
    width: number,
    height: number,
    replay: TraceReplay | undefined,
    time: number,
    view: FlowView,
    ratio = 1,
  ): void {
    ctx.clearRect(0, 0, width, height);
    this.messages.count = 0;
    this.shown = 0;
    this.attemptsMarked = 0;
    this.waitsShown = 0;
    this.instancesMarked = 0;
    this.followedShown = 0;
    if (!replay) return;
    this.query(replay, time);
    this.faint = faintOf(replay.topology);
    const links = replay.topology.linkIds.length;
    this.placeLinks(replay.topology, view.nodeLookup);
    groupMessages(this.messages, links, this.groups);
    const zoom = view.transform[2];
    const radius = Math.min(6, Math.max(2.5, 4 * Math.sqrt(zoom)));
    const offset = 3 * Math.min(1, zoom);
    this.setLimits(links, zoom, radius);
    this.placeMessages(view.transform, offset);
    this.placeLost(view.transform, offset);
    this.listDots(radius, width, height);
    if (this.followed) ctx.globalAlpha = FOLLOW_FADE_ALPHA;
    this.shown += drawBundles(ctx, {
      groups: this.groups,
      ends: this.ends,
      down: this.down,
      transform: view.transform,
      offset,
      palette: this.palette,
      point: this.point,
    });
    ctx.globalAlpha = 1;
    this.drawDots(ctx, radius, width, height, ratio);
    this.drawLost(ctx, radius, width, height);
    if (this.followed) this.ringFollowed(ctx, radius, width, height);
    const frame: RetryFrame = {
      // While following, only the followed request's dots carry marks (attempt numbers, instances).
      messages: this.messages,
      xs: this.xs,
      ys: this.ys,
      isDot: (i) => this.isDot(i, radius, width, height) && (!this.followed || this.isFollowed(i)),
      ends: this.ends,
      transform: view.transform,
      palette: this.palette,
      radius,
    };
    this.attemptsMarked = drawAttemptNumbers(ctx, replay, frame);
    this.waitsShown = drawRetryWaits(ctx, replay, time, frame);
    this.instancesMarked = drawInstanceNumbers(ctx, replay, frame);
  }

  /** The call of the message drawn nearest to (x, y) (canvas CSS px), if one is within reach. */
  hit(x: number, y: number, radius = HIT_RADIUS): number | undefined {
    const i = nearestWithin(this.xs, this.ys, this.messages.count, x, y, radius);
    return i < 0 ? undefined : this.messages.call[i];
  }

  private query(replay: TraceReplay, time: number): void {
    replay.messagesAt(time, this.messages, this.minFlight);
    // A full buffer may have missed some: grow it (rarely, and never past MAX_MESSAGES) and ask again.
    while (this.messages.count === this.messages.call.length && this.messages.call.length < MAX_MESSAGES) {
      this.messages = messagesBuffer(this.messages.call.length * 2);
      replay.messagesAt(time, this.messages, this.minFlight);
    }
    if (this.xs.length < this.messages.call.length) {
      this.xs = new Float32Array(this.messages.call.length);
      this.ys = new Float32Array(this.messages.call.length);
      this.dots = new Int32Array(this.messages.call.length);
    }
  }

  private placeLinks(topology: RunTopology, nodes: ReadonlyMap<string, FlowNodeLike>): void {
    const links = topology.linkIds.length;
    if (this.ends.length < links * 4) this.ends = new Float64Array(links * 4);
    if (this.down.length < links) this.down = new Uint8Array(links);
    for (let l = 0; l < links; l++) {
      const from = nodes.get(topology.nodeIds[topology.linkFrom[l]]);
      const to = nodes.get(topology.nodeIds[topology.linkTo[l]]);
      if (from && to) {
        const down = linkGoesDown(from, to);
        this.down[l] = down ? 1 : 0;
        handlePoint(from, 'source', this.ends, l * 4, down);
        handlePoint(to, 'target', this.ends, l * 4 + 2, down);
      } else {
        this.ends[l * 4] = NaN; // the run knows a node the canvas no longer shows (an edit is re-running)
      }
    }
  }

  /** How many dots each link direction shows, from the link's length on screen. */
  private setLimits(links: number, zoom: number, radius: number): void {
    const ends = this.ends,
      limit = this.groups.limit;
    for (let l = 0; l < links; l++) {
      const e = l * 4;
      if (Number.isNaN(ends[e])) continue;
      const n = limitFor(this.chord(e) * zoom, radius);
      limit[2 * l] = n;
      limit[2 * l + 1] = n;
    }
  }

  /** The straight distance between a link's ends (flow units): a little under its curve's length. */
  private chord(e: number): number {
    const dx = this.ends[e + 2] - this.ends[e],
      dy = this.ends[e + 3] - this.ends[e + 1];
    return Math.sqrt(dx * dx + dy * dy);
  }

  /** Screen position of every message not in a bundle: on its link's curve at its progress, shifted to its side. */
  private placeMessages(transform: ViewportTransform, offset: number): void {
    const { count, link, backward, progress, kind } = this.messages;
    const ends = this.ends,
      p = this.point;
    let present = 0;
    for (let i = 0; i < count; i++) {
      present |= 1 << kind[i];
      const e = link[i] * 4;
      // A message in a bundle has no place of its own (nor can a click pick it): the bundle is drawn from its group.
      if (!(e >= 0 && e < ends.length) || Number.isNaN(ends[e]) || this.bundled(i)) {
        this.xs[i] = NaN;
        this.ys[i] = NaN;
        continue;
      }
      const back = backward[i] === 1;
      linkPoint(ends[e], ends[e + 1], ends[e + 2], ends[e + 3], back ? 1 - progress[i] : progress[i], p, this.down[link[i]] === 1);
      const side = back ? offset : -offset;
      this.xs[i] = toScreenX(p[0], transform) + p[2] * side;
      this.ys[i] = toScreenY(p[1], transform) + p[3] * side;
    }
    this.present = present;
  }

  /** Lost messages: on their link a short way, then falling below it (see lossFall.ts). */
  private placeLost(transform: ViewportTransform, offset: number): void {
    const { count, link, backward, progress, lost } = this.messages;
    const ends = this.ends,
      p = this.point,
      zoom = transform[2];
    for (let i = 0; i < count; i++) {
      if (lost[i] !== 1 || Number.isNaN(this.xs[i])) continue;
      const e = link[i] * 4,
        back = backward[i] === 1,
        along = lostAlong(progress[i]);
      linkPoint(ends[e], ends[e + 1], ends[e + 2], ends[e + 3], back ? 1 - along : along, p, this.down[link[i]] === 1);
      const side = back ? offset : -offset;
      this.xs[i] = toScreenX(p[0], transform) + p[2] * side;
      this.ys[i] = toScreenY(p[1], transform) + p[3] * side + lostDrop(progress[i], zoom);
    }
  }

  /** Lists the frame's dots (isDot), in message order. */
  private listDots(radius: number, width: number, height: number): void {
    let n = 0;
    for (let i = 0; i < this.messages.count; i++) if (this.isDot(i, radius, width, height)) this.dots[n++] = i;
    this.dotCount = n;
  }

  /** Whether message i is of the followed request. */
  private isFollowed(i: number): boolean {
    return this.followed !== undefined && this.followed[this.messages.call[i]] === 1;
  }

  /** Whether message i is in a bundle (a followed request's never is). */
  private bundled(i: number): boolean {
    return this.groups.aggregated(slotOf(this.messages.link[i], this.messages.backward[i])) && !this.isFollowed(i);
  }

  /** Whether message i is drawn as a dot: not lost, not in a bundle, and within the canvas. */
  private isDot(i: number, radius: number, width: number, height: number): boolean {
    if (this.messages.lost[i] === 1 || this.bundled(i)) return false;
    const x = this.xs[i],
      y = this.ys[i];
    return x > -radius && y > -radius && x < width + radius && y < height + radius;
  }

  /**
   * Every dot, kind after kind (so later kinds draw on top), skipping bundled, lost and off-screen
   * messages; the dim ones first (registry traffic faint; while following, every other request's
   * messages faded), the rest over them.
   */
  private drawDots(ctx: CanvasRenderingContext2D, radius: number, width: number, height: number, ratio: number): void {
    const sprites = this.sprites?.get(radius, ratio, this.palette);
    const dim = this.followed ? FOLLOW_FADE_ALPHA : this.faint ? FAINT_ALPHA : 0;
    for (const pass of dim > 0 ? [1, 0] : [0]) {
      ctx.globalAlpha = pass === 1 ? dim : 1;
      if (sprites) this.blitDots(ctx, sprites, width, height, ratio, radius, pass);
      else this.fillDots(ctx, radius, width, height, pass);
    }
    ctx.globalAlpha = 1;
  }

  /** Whether message i is drawn dim (1) or not (0), as the pass drawing it asks: see drawDots. */
  private faintness(i: number): number {
    if (this.followed) return this.isFollowed(i) ? 0 : 1;
    return this.faint ? (this.faint[this.messages.link[i]] ?? 0) : 0;
  }

  /** A ring around each of the followed request's dots and lost messages on the canvas. */
  private ringFollowed(ctx: CanvasRenderingContext2D, radius: number, width: number, height: number): void {
    const { count } = this.messages;
    ctx.lineWidth = 2;
    ctx.strokeStyle = this.palette.followed;
    ctx.beginPath();
    for (let i = 0; i < count; i++) {
      if (!this.isFollowed(i)) continue;
      const x = this.xs[i],
        y = this.ys[i];
      if (!(x > -radius && y > -radius && x < width + radius && y < height + radius)) continue;
      ctx.moveTo(x + radius + 3, y);
      ctx.arc(x, y, radius + 3, 0, 2 * Math.PI);
      this.followedShown++;
    }
    ctx.stroke();
  }

  private blitDots(
    ctx: CanvasRenderingContext2D,
    sprites: NonNullable<ReturnType<DotSprites['get']>>,
    width: number,
    height: number,
    ratio: number,
    radius: number,
    pass: number,
  ): void {
    const { kind } = this.messages;
    const dots = this.dots,
      n = this.dotCount;
    for (let k = 0; k < KIND_COUNT; k++) {
      if ((this.present & (1 << k)) === 0) continue;
      const { image, size, half } = sprites[k];
      for (let d = 0; d < n; d++) {
        const i = dots[d];
        if (kind[i] !== k || this.faintness(i) !== pass) continue;
        // On whole device pixels: a copy, not a resampling.
        ctx.drawImage(image, Math.round((this.xs[i] - half) * ratio) / ratio, Math.round((this.ys[i] - half) * ratio) / ratio, size, size);
        this.shown++;
      }
    }
  }

  /** The same dots as one path per kind (a fill and an outline each). */
  private fillDots(ctx: CanvasRenderingContext2D, radius: number, width: number, height: number, pass: number): void {
    const { kind } = this.messages;
    const dots = this.dots,
      n = this.dotCount;
    ctx.lineWidth = OUTLINE_PX;
    ctx.strokeStyle = this.palette.outline;
    for (let k = 0; k < KIND_COUNT; k++) {
      if ((this.present & (1 << k)) === 0) continue;
      const shape = MESSAGE_STYLES[k].shape;
      let any = false;
      ctx.beginPath();
      for (let d = 0; d < n; d++) {
        const i = dots[d];
        if (kind[i] !== k || this.faintness(i) !== pass) continue;
        addShape(ctx, shape, this.xs[i], this.ys[i], radius);
        any = true;
        this.shown++;
      }
      if (!any) continue;
      ctx.stroke();
      ctx.fillStyle = this.palette.kinds[k];
      ctx.fill();
    }
  }

  /** Lost messages: their kind's shape, hollow, fading as they fall. */
  private drawLost(ctx: CanvasRenderingContext2D, radius: number, width: number, height: number): void {
    const { count, kind, lost, progress } = this.messages;
    ctx.lineWidth = OUTLINE_PX;
    ctx.strokeStyle = this.palette.lost;
    for (let i = 0; i < count; i++) {
      if (lost[i] !== 1 || this.bundled(i)) continue;
      const x = this.xs[i],
        y = this.ys[i];
      if (!(x > -radius && y > -radius && x < width + radius && y < height + radius)) continue;
      ctx.globalAlpha = lostAlpha(progress[i]) * (this.followed && !this.isFollowed(i) ? FOLLOW_FADE_ALPHA : 1);
      ctx.beginPath();
      addShape(ctx, MESSAGE_STYLES[kind[i]].shape, x, y, radius);
      ctx.stroke();
      this.shown++;
    }
    ctx.globalAlpha = 1;
  }
}

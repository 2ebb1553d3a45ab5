/**
 * Each message kind's dot (its shape, filled in its colour, with an outline) drawn once into a
 * small bitmap, so a frame blits a sprite per message instead of rasterising a path per message.
 * In Chromium's software rasteriser 2,000 anti-aliased path dots cost ~2.5 ms a frame; the same
 * dots as sprites placed on whole device pixels are plain copies. Sprites are rebuilt only when
 * the dot radius, the pixel ratio or the palette changes (zoom, a display change, the theme).
 */
import { KIND_COUNT } from './aggregate.ts';
import { MESSAGE_STYLES, type OverlayPalette } from './messageStyles.ts';
import { addShape } from './shapes.ts';

/** A drawing surface of `width` × `height` device pixels (a canvas), or undefined where there is none. */
export type SurfaceFactory = (
  width: number,
  height: number,
) => { readonly image: CanvasImageSource; readonly ctx: CanvasRenderingContext2D } | undefined;

/** One kind's sprite: its bitmap, and its size and half-size in CSS pixels. */
export interface DotSprite {
  readonly image: CanvasImageSource;
  readonly size: number;
  readonly half: number;
}

/** The outline drawn around each dot, CSS px (the renderer's path dots use the same). */
export const OUTLINE_PX = 1.5;
/** The shapes reach at most this far from their centre, in radii (the diamond, at 1.3). */
const SHAPE_REACH = 1.3;

/** A canvas element as a surface (the page's). */
export const canvasSurface: SurfaceFactory = (width, height) => {
  if (typeof document === 'undefined') return undefined;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  return ctx ? { image: canvas, ctx } : undefined;
};

export class DotSprites {
  private sprites: DotSprite[] | undefined;
  private radius = NaN;
  private ratio = NaN;
  private palette: OverlayPalette | undefined;

  constructor(private readonly surface: SurfaceFactory) {}

  /** The sprites (by MessageKind) for dots of `radius` CSS px at `ratio` device px per CSS px; undefined if no surface can be made. */
  get(radius: number, ratio: number, palette: OverlayPalette): readonly DotSprite[] | undefined {
    if (radius !== this.radius || ratio !== this.ratio || palette !== this.palette) {
      this.radius = radius;
      this.ratio = ratio;
      this.palette = palette;
      this.sprites = this.build(radius, ratio, palette);
    }
    return this.sprites;
  }

  private build(radius: number, ratio: number, palette: OverlayPalette): DotSprite[] | undefined {
    // Whole device pixels, with room for the outline and for anti-aliasing at the edge.
    const device = Math.ceil((2 * (radius * SHAPE_REACH + OUTLINE_PX) + 2) * ratio);
    const size = device / ratio,
      half = size / 2;
    const sprites: DotSprite[] = [];
    for (let kind = 0; kind < KIND_COUNT; kind++) {
      const surface = this.surface(device, device);
      if (!surface) return undefined;
      const { ctx } = surface;
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.beginPath();
      addShape(ctx, MESSAGE_STYLES[kind].shape, half, half, radius);
      ctx.lineWidth = OUTLINE_PX;
      ctx.strokeStyle = palette.outline;
      ctx.stroke();
      ctx.fillStyle = palette.kinds[kind];
      ctx.fill();
      sprites.push({ image: surface.image, size, half });
    }
    return sprites;
  }
}

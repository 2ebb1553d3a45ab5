/**
 * The diagram as a plain vector SVG, built from the canvas's geometry (node boxes, link ends) and
 * not from its HTML: rectangles and text for nodes, a path per link (the same curve the canvas
 * draws, cut or restyled by the faults in force, see canvas/edges/linkFaultStyle.ts), the link's
 * label, and the run's summary as a caption. Colours are written out (an SVG editor knows no CSS
 * variables), and the picture is cropped to what is drawn plus a small margin.
 */
import type { LinkFaultView } from '../../engine/replay/linkFaults.ts';
import { linkCurve, type Point } from '../canvas/edgeGeometry.ts';
import { cutLinkPath, linkFaultLook } from '../canvas/edges/linkFaultStyle.ts';

/** A node's box, in flow coordinates, and what it says. */
export interface DiagramNode {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly title: string;
  readonly subtitle?: string;
}

/** A link from its source handle to its target handle (flow coordinates). */
export interface DiagramEdge {
  readonly id: string;
  readonly source: Point;
  readonly target: Point;
  /** Whether it runs down, bottom to top (overlay/geometry.ts linkGoesDown), rather than across. */
  readonly down?: boolean;
  readonly label?: string;
  readonly dashed: boolean;
  /** The faults in force on it at the playhead. */
  readonly fault?: LinkFaultView;
}

export interface Diagram {
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
  /** The caption's parts (the run's summary), joined with " · " and wrapped to the picture's width. */
  readonly caption: readonly string[];
}

/** The theme's colours, as CSS colour values. */
export interface DiagramPalette {
  readonly background: string;
  readonly panel: string;
  readonly text: string;
  readonly muted: string;
  readonly border: string;
  readonly edge: string;
  readonly cut: string;
  readonly latency: string;
  readonly loss: string;
}

export interface Bounds {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Room around the drawing, flow px. */
export const MARGIN = 16;
const CAPTION_FONT = 12;
const CAPTION_LINE = 16;
/** A rough width of one character (a sans-serif at 12 px averages under this): enough to wrap the caption. */
const CHAR = CAPTION_FONT * 0.58;
const LABEL_FONT = 11;
/** Fault tags stand above a link's middle: this much room above it. */
const TAG_ROOM = 30;
const SAMPLES = 16;

/** What the nodes and links cover (links by points along their curve, fault tags included). */
export function contentBounds(diagram: Diagram): Bounds | undefined {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  const take = (x: number, y: number) => {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  };
  for (const n of diagram.nodes) {
    take(n.x, n.y);
    take(n.x + n.width, n.y + n.height);
  }
  for (const e of diagram.edges) {
    const curve = linkCurve(e.source, e.target, e.down);
    for (let i = 0; i <= SAMPLES; i++) {
      const p = curve.pointAt(i / SAMPLES);
      take(p.x, p.y);
    }
    if (e.fault) {
      const m = curve.pointAt(0.5);
      take(m.x, m.y - TAG_ROOM);
    }
  }
  return minX === Infinity ? undefined : { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** The caption's parts packed into lines of at most `width` px (a part longer than that gets its own line). */
export function wrapCaption(parts: readonly string[], width: number): string[] {
  const most = Math.max(20, Math.floor(width / CHAR));
  const lines: string[] = [];
  for (const part of parts) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 3 + part.length <= most) lines[last] += ` · ${part}`;
    else lines.push(part);
  }
  return lines;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (v: number) => String(Math.round(v * 100) / 100);

/** The SVG document of `diagram`, and its size in px (1 px per flow unit). */
export function buildDiagramSvg(diagram: Diagram, palette: DiagramPalette): { svg: string; width: number; height: number } {
  const content = contentBounds(diagram) ?? { x: 0, y: 0, width: 0, height: 0 };
  const captionLines = wrapCaption(diagram.caption, content.width);
  const captionWidth = Math.max(0, ...captionLines.map((l) => l.length * CHAR));
  const width = Math.ceil(Math.max(content.width, captionWidth) + 2 * MARGIN);
  const captionHeight = captionLines.length > 0 ? captionLines.length * CAPTION_LINE + 6 : 0;
  const height = Math.ceil(content.height + 2 * MARGIN + captionHeight);
  const x0 = content.x - MARGIN,
    y0 = content.y - MARGIN;

  const colours = { edge: palette.edge, cut: palette.cut, latency: palette.latency, loss: palette.loss };
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${n(x0)} ${n(y0)} ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif">`,
  );
  out.push('<defs>');
  for (const [name, colour] of Object.entries(colours)) {
    out.push(
      `<marker id="arrow-${name}" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="12" markerHeight="12" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${colour}"/></marker>`,
    );
  }
  out.push('</defs>');
  out.push(`<rect x="${n(x0)}" y="${n(y0)}" width="${width}" height="${height}" fill="${palette.background}"/>`);

  out.push('<g class="links">');
  for (const e of diagram.edges) {
    const look = e.fault && linkFaultLook(e.fault);
    const cut = e.fault !== undefined && (e.fault.cutForward || e.fault.cutBackward);
    const tone = look?.tags[0]?.kind;
    const colour = tone ? colours[tone] : palette.edge;
    const strokeWidth = tone === 'latency' ? 3.2 : tone ? 2.4 : 1.6;
    const dash = look?.dash ?? (e.dashed ? '6 4' : undefined);
    const curve = linkCurve(e.source, e.target, e.down);
    const d = cut ? cutLinkPath(e.source, e.target, e.down) : curve.path;
    out.push(
      `<path data-link="${escape(e.id)}" d="${d}" fill="none" stroke="${colour}" stroke-width="${strokeWidth}"${dash ? ` stroke-dasharray="${dash}"` : ''} stroke-linecap="round" marker-end="url(#arrow-${tone ?? 'edge'})"/>`,
    );
    const m = curve.pointAt(0.5);
    if (e.label) {
      const w = e.label.length * LABEL_FONT * 0.62 + 10;
      out.push(
        `<rect x="${n(m.x - w / 2)}" y="${n(m.y - 8)}" width="${n(w)}" height="16" rx="4" fill="${palette.panel}" stroke="${palette.border}"${e.dashed ? ' stroke-dasharray="3 2"' : ''}/>`,
      );
      out.push(
        `<text x="${n(m.x)}" y="${n(m.y + 4)}" text-anchor="middle" font-size="${LABEL_FONT}" font-weight="600" fill="${palette.muted}">${escape(e.label)}</text>`,
      );
    }
    if (look) {
      const text = look.tags.map((t) => t.text).join('  ');
      out.push(
        `<text x="${n(m.x)}" y="${n(m.y - 14)}" text-anchor="middle" font-size="${LABEL_FONT}" font-weight="700" fill="${colour}">${escape(text)}</text>`,
      );
    }
  }
  out.push('</g>');

  out.push('<g class="nodes">');
  for (const node of diagram.nodes) {
    out.push(`<g data-node="${escape(node.id)}">`);
    out.push(
      `<rect x="${n(node.x)}" y="${n(node.y)}" width="${n(node.width)}" height="${n(node.height)}" rx="8" fill="${palette.panel}" stroke="${palette.border}" stroke-width="1.2"/>`,
    );
    out.push(
      `<text x="${n(node.x + 10)}" y="${n(node.y + 20)}" font-size="14" font-weight="700" fill="${palette.text}">${escape(node.title)}</text>`,
    );
    if (node.subtitle)
      out.push(`<text x="${n(node.x + 10)}" y="${n(node.y + 37)}" font-size="12" fill="${palette.muted}">${escape(node.subtitle)}</text>`);
    out.push('</g>');
  }
  out.push('</g>');

  captionLines.forEach((line, i) => {
    out.push(
      `<text class="caption" x="${n(x0 + MARGIN)}" y="${n(content.y + content.height + MARGIN + 4 + (i + 1) * CAPTION_LINE - 4)}" font-size="${CAPTION_FONT}" fill="${palette.text}">${escape(line)}</text>`,
    );
  });
  out.push('</svg>');
  return { svg: out.join('\n'), width, height };
}

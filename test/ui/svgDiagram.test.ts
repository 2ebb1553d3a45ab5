// @vitest-environment jsdom
/**
 * The exported diagram is a real vector SVG: parsed as SVG (as an editor would), it has a path per
 * link and a text per node name, no HTML in a foreignObject, no CSS variables, its viewBox is the
 * drawing's bounds and a small margin (plus the caption's lines), and a link cut by a partition is
 * drawn in two pieces.
 */
import { describe, expect, it } from 'vitest';
import {
  buildDiagramSvg,
  contentBounds,
  MARGIN,
  wrapCaption,
  type Diagram,
  type DiagramPalette,
} from '../../src/ui/persistence/svgDiagram.ts';
import { runCaption } from '../../src/ui/persistence/runCaption.ts';

const palette: DiagramPalette = {
  background: '#f6f7f9',
  panel: '#ffffff',
  text: '#1d2330',
  muted: '#5b6476',
  border: '#d8dce3',
  edge: '#9aa3b2',
  cut: '#c9372c',
  latency: '#b86e00',
  loss: '#7a4fc9',
};

const box = (id: string, x: number, y: number) => ({ id, x, y, width: 180, height: 60, title: id, subtitle: `${id} summary` });
const diagram: Diagram = {
  nodes: [box('web', 100, 200), box('api', 500, 200), box('db', 900, 260)],
  edges: [
    {
      id: 'web->api',
      source: { x: 280, y: 230 },
      target: { x: 500, y: 230 },
      label: 'HTTP',
      dashed: false,
      fault: { cutForward: false, cutBackward: false, addedLatency: 200, lossRate: 0, faults: [1] },
    },
    {
      id: 'api->db',
      source: { x: 680, y: 230 },
      target: { x: 900, y: 290 },
      label: 'gRPC',
      dashed: false,
      fault: { cutForward: true, cutBackward: true, addedLatency: 0, lossRate: 0, faults: [0] },
    },
  ],
  caption: ['Faults on links', 'at 3.000 s', 'Sent 48', 'Completed 33', 'Failed 0', 'Timed out 0', 'p50 21.8 ms', 'p99 56.6 ms'],
};

const parse = (svg: string) => new DOMParser().parseFromString(svg, 'image/svg+xml');

describe('the exported SVG', () => {
  it('is vector SVG: a path per link, a text per node name, no foreignObject, no CSS variables', () => {
    const { svg } = buildDiagramSvg(diagram, palette);
    const doc = parse(svg);
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(doc.documentElement.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(doc.documentElement.localName).toBe('svg');
    expect(doc.getElementsByTagName('foreignObject')).toHaveLength(0);
    expect(svg).not.toMatch(/var\(--/);
    const links = [...doc.querySelectorAll('path[data-link]')];
    expect(links.map((p) => p.getAttribute('data-link'))).toEqual(['web->api', 'api->db']);
    for (const p of links) {
      expect(p.getAttribute('stroke')).toMatch(/^#/); // drawn with a stroke, not left out
      expect(Number(p.getAttribute('stroke-width'))).toBeGreaterThan(0);
    }
    const texts = [...doc.getElementsByTagName('text')].map((t) => t.textContent);
    for (const n of diagram.nodes) expect(texts).toContain(n.title);
    expect(doc.querySelectorAll('g[data-node] rect')).toHaveLength(3);
    // The faults in force show as on the canvas: the cut link in two pieces, the tags.
    expect(links[1].getAttribute('d')?.split('C').length).toBe(3);
    expect(links[0].getAttribute('stroke')).toBe(palette.latency);
    expect(texts).toContain('+200 ms');
    expect(texts).toContain('✕ partition');
    expect(texts.join(' ')).toMatch(/Faults on links · at 3\.000 s · Sent 48/);
  });

  it('is cropped to the drawing and a small margin, with room for the caption below', () => {
    const { svg, width, height } = buildDiagramSvg(diagram, palette);
    const root = parse(svg).documentElement;
    const [x, y, w, h] = (root.getAttribute('viewBox') ?? '').split(' ').map(Number);
    // The nodes span x 100..1080 and y 200..320; the fault tags stand up to 30 above a link's middle.
    const content = contentBounds(diagram)!;
    expect(content.x).toBe(100);
    expect(content.x + content.width).toBe(1080);
    expect(content.y + content.height).toBe(320);
    expect(x).toBe(100 - MARGIN);
    expect(y).toBe(content.y - MARGIN);
    expect(w).toBe(Math.ceil(980 + 2 * MARGIN));
    const captionLines = root.querySelectorAll('text.caption').length;
    expect(captionLines).toBe(1);
    expect(h).toBeGreaterThan(content.height + 2 * MARGIN);
    expect(h).toBeLessThanOrEqual(Math.ceil(content.height + 2 * MARGIN + captionLines * 16 + 6));
    expect([Number(root.getAttribute('width')), Number(root.getAttribute('height'))]).toEqual([width, height]);
    expect([w, h]).toEqual([width, height]);
  });

  it('takes in a link that loops back (its curve reaches past the boxes)', () => {
    const looped: Diagram = {
      ...diagram,
      edges: [{ id: 'db->web', source: { x: 1080, y: 290 }, target: { x: 100, y: 230 }, dashed: true }],
    };
    const bounds = contentBounds(looped)!;
    // Its control points reach out past both ends: the curve bulges beyond the boxes on both sides.
    expect(bounds.x).toBeLessThan(100);
    expect(bounds.x + bounds.width).toBeGreaterThan(1080);
    const { svg } = buildDiagramSvg(looped, palette);
    expect(parse(svg).querySelector('path[data-link="db->web"]')?.getAttribute('stroke-dasharray')).toBe('6 4');
  });

  it("wraps a long caption to the picture's width, and says when there is no run yet", () => {
    const lines = wrapCaption(['A system', 'at 1.000 s', 'Sent 1,000', 'Completed 990', 'Failed 10', 'Timed out 0'], 150);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' · ')).toBe('A system · at 1.000 s · Sent 1,000 · Completed 990 · Failed 10 · Timed out 0');
    expect(runCaption(undefined, { state: undefined })).toEqual(['Untitled system', 'not run yet']);
  });
});

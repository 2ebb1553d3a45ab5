/**
 * The diagram as a PNG or SVG file: a vector SVG built from the canvas's geometry (nodes, links
 * with their labels and faults in force, see svgDiagram.ts), cropped to what is drawn, with the
 * run's summary as a caption. The PNG is that SVG drawn onto a canvas at twice its size, so both
 * files show the same picture. The minimap, zoom controls and moving messages are tools for
 * looking at the run, not part of the diagram: they are left out.
 */
import { canvasActions } from '../canvas/canvasBridge.ts';
import { buildDiagramSvg, type DiagramPalette } from './svgDiagram.ts';
import { downloadText, downloadUrl, fileNameFor } from './fileTransfer.ts';

export type ImageFormat = 'png' | 'svg';

/** Device pixels per diagram pixel in the PNG: sharp on a high-density screen and in print. */
export const PNG_SCALE = 2;

/** The theme's colours as the canvas has them now (an exported file cannot follow CSS variables). */
function readPalette(element: Element | null): DiagramPalette {
  const style = getComputedStyle(element ?? document.documentElement);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    background: v('--bg', '#f6f7f9'),
    panel: v('--panel', '#ffffff'),
    text: v('--text', '#1d2330'),
    muted: v('--muted', '#5b6476'),
    border: v('--node-border', v('--border', '#d8dce3')),
    edge: v('--edge', '#9aa3b2'),
    cut: v('--error', '#c9372c'),
    latency: v('--warn', '#b86e00'),
    loss: v('--timeout', '#7a4fc9'),
  };
}

/** Draws `svg` (`width` × `height` px) onto a canvas `scale` times as large and encodes it as PNG. */
async function svgToPng(svg: string, width: number, height: number, scale: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('the browser could not draw the picture');
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the browser could not encode the PNG'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * Draws the diagram and downloads it as `<name>.<format>`, with `caption` (the run's summary, in
 * parts) under it. Resolves to the file name; rejects with a readable error if there is no diagram
 * yet or the drawing fails.
 */
export async function exportDiagramImage(
  format: ImageFormat,
  documentName: string | undefined,
  caption: readonly string[],
): Promise<string> {
  const actions = canvasActions();
  const diagram = await actions?.diagram?.();
  if (!actions || !diagram || diagram.nodes.length === 0) throw new Error('there is no diagram on the page yet');
  const { svg, width, height } = buildDiagramSvg({ ...diagram, caption }, readPalette(actions.diagramElement()));
  const fileName = fileNameFor(documentName, format);
  if (format === 'svg') {
    downloadText(svg, fileName, 'image/svg+xml');
  } else {
    const url = URL.createObjectURL(await svgToPng(svg, width, height, PNG_SCALE));
    downloadUrl(url, fileName);
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
  return fileName;
}

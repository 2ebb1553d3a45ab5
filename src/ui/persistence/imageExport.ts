/**
 * The diagram as a PNG or SVG file, via html-to-image on the element the canvas registers (see
 * canvas/canvasBridge.ts). The minimap, zoom controls and attribution are left out: they are
 * tools for looking at the diagram, not part of it. html-to-image is loaded on first use, so the
 * first page load does not carry it.
 */
import { canvasActions } from '../canvas/canvasBridge.ts';
import { downloadUrl, fileNameFor } from './fileTransfer.ts';

export type ImageFormat = 'png' | 'svg';

/** Class names of the canvas's own tools, which the exported image leaves out. */
export const EXCLUDED_FROM_IMAGE = ['react-flow__minimap', 'react-flow__controls', 'react-flow__attribution'];

/** Whether a node of the diagram belongs in the image (text nodes always do). */
export function includeInImage(node: Node): boolean {
  const classes = (node as Partial<Element>).classList;
  return !classes || !EXCLUDED_FROM_IMAGE.some((name) => classes.contains(name));
}

/**
 * Renders the diagram and downloads it as `<name>.<format>`. Resolves to the file name; rejects
 * with a readable error if there is no diagram yet or the rendering fails.
 */
export async function exportDiagramImage(format: ImageFormat, documentName: string | undefined): Promise<string> {
  const element = canvasActions()?.diagramElement();
  if (!element) throw new Error('there is no diagram on the page yet');
  const { toPng, toSvg } = await import('html-to-image');
  // Paint the page's background behind the diagram (a transparent PNG is unreadable in a dark viewer).
  const backgroundColor = getComputedStyle(document.documentElement).getPropertyValue('--bg').trim() || undefined;
  const options = { filter: includeInImage, backgroundColor, skipFonts: true, pixelRatio: format === 'png' ? 2 : 1 };
  const url = format === 'png' ? await toPng(element, options) : await toSvg(element, options);
  const fileName = fileNameFor(documentName, format);
  downloadUrl(url, fileName);
  return fileName;
}

/**
 * PNG / SVG image of the whole current diagram (not just the visible part), taken from the
 * Svelte Flow canvas DOM with html-to-image (loaded on demand). Needs the Diagram view on screen.
 */
import { getViewportForBounds } from '@xyflow/svelte';
import { downloadBytes, downloadText } from '../state/files';
import { diagramFileBase } from './export-actions';
import { fullDetail } from './canvas/overlay.svelte';
import { tick } from 'svelte';

export type ImageFormat = 'png' | 'svg';

const VIEWPORT_SELECTOR = '.svelte-flow__viewport';
/** Left out of the image: canvas chrome and connection handles. */
const EXCLUDED_CLASSES = [
  'svelte-flow__minimap',
  'svelte-flow__controls',
  'svelte-flow__panel',
  'svelte-flow__handle',
  'svelte-flow__resize-control',
  'canvas-dots',
  'canvas-backdrop',
];
const PADDING = 40;
const MAX_SIDE = 8000;

/** The canvas viewport element, or null when the Diagram view is not on screen. */
export function canvasViewport(): HTMLElement | null {
  return document.querySelector<HTMLElement>(VIEWPORT_SELECTOR);
}

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Bounds of every node in flow coordinates, read from the rendered nodes (absolute positions). */
export function renderedNodesBounds(viewport: HTMLElement): Bounds | null {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const el of viewport.querySelectorAll<HTMLElement>('.svelte-flow__node')) {
    const transform = getComputedStyle(el).transform;
    const m = new DOMMatrixReadOnly(transform === 'none' ? undefined : transform);
    const x = m.m41;
    const y = m.m42;
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x + el.offsetWidth);
    maxY = Math.max(maxY, y + el.offsetHeight);
  }
  if (!Number.isFinite(minX)) return null;
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

function filter(node: HTMLElement): boolean {
  const list = node.classList as DOMTokenList | undefined;
  return !list || !EXCLUDED_CLASSES.some((c) => list.contains(c));
}

/** Renders the whole diagram and downloads `<kebab title>-<diagram>.png|svg`; returns the file name. */
export async function exportDiagramImage(
  caseStudyId: string,
  diagramId: string,
  format: ImageFormat,
): Promise<string> {
  if (!canvasViewport()) throw new Error('Open the Diagram view to export an image of the diagram.');
  // Every node and edge in full detail while the image is drawn, whatever the zoom.
  fullDetail.on = true;
  try {
    await settle();
    return await drawImage(caseStudyId, diagramId, format);
  } finally {
    fullDetail.on = false;
  }
}

/** Let Svelte and Svelte Flow render and measure what full detail adds (a few frames). */
async function settle(): Promise<void> {
  await tick();
  for (let i = 0; i < 3; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
}

async function drawImage(caseStudyId: string, diagramId: string, format: ImageFormat): Promise<string> {
  const viewport = canvasViewport();
  if (!viewport) throw new Error('Open the Diagram view to export an image of the diagram.');
  const bounds = renderedNodesBounds(viewport);
  if (!bounds) throw new Error('This diagram is empty: add a component before exporting an image.');

  const width = Math.min(MAX_SIDE, Math.max(320, Math.ceil(bounds.width + 2 * PADDING)));
  const height = Math.min(MAX_SIDE, Math.max(240, Math.ceil(bounds.height + 2 * PADDING)));
  const vp = getViewportForBounds(bounds, width, height, 0.5, 2, `${PADDING}px`);

  const [base, htmlToImage] = await Promise.all([
    diagramFileBase(caseStudyId, diagramId),
    import('html-to-image'),
  ]);
  const options = {
    width,
    height,
    filter,
    style: {
      width: `${width}px`,
      height: `${height}px`,
      transform: `translate(${vp.x}px, ${vp.y}px) scale(${vp.zoom})`,
    },
  };
  const fileName = `${base}.${format}`;
  if (format === 'png') {
    // A light page behind the diagram (the app's own background colour in dark mode, so
    // dark-theme labels stay readable).
    const backgroundColor = getComputedStyle(document.body).backgroundColor || '#ffffff';
    const pixelRatio = Math.max(1, Math.min(2, MAX_SIDE / Math.max(width, height)));
    const blob = await htmlToImage.toBlob(viewport, { ...options, backgroundColor, pixelRatio });
    if (!blob) throw new Error('The browser could not draw the image.');
    downloadBytes(new Uint8Array(await blob.arrayBuffer()), fileName, 'image/png');
  } else {
    // Transparent background; html-to-image returns a data: URL around the SVG text.
    const dataUrl = await htmlToImage.toSvg(viewport, options);
    const text = decodeURIComponent(dataUrl.slice(dataUrl.indexOf(',') + 1));
    downloadText(text, fileName, 'image/svg+xml');
  }
  return fileName;
}

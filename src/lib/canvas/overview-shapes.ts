/**
 * Shapes of the canvas's nodes at the lowest level of detail, as SVG path data (no DOM).
 *
 * Why: zoomed far out (below 0.25), a pan with a thousand component nodes on screen spends
 * most of each frame painting, layerising and rasterising those nodes one element at a time
 * (measured on a 1,000-component diagram: ~45 ms of main thread and ~35 ms of raster a frame,
 * 18–27 fps). While the view moves at that level, the canvas skips the node elements
 * (`content-visibility: hidden`) and shows the same shapes drawn as a handful of paths, one
 * per look, in a single SVG: the same pan runs at 55–60 fps. At rest, the real nodes are back
 * (they are what you click, drag, focus and read).
 *
 * The shapes follow the node elements' CSS at that level (ComponentNode.svelte,
 * BoundaryNode.svelte): a component is its rounded body, the category-coloured icon square and
 * the grey bar that stands for its name; a boundary is its outline, fill and a bar for its
 * title. Kind details of a pixel or two (a database's lid, a queue's double edge) are left out.
 */

/** Corner radii, clockwise from the top left, each [horizontal, vertical]. */
export type Radii = readonly [
  readonly [number, number],
  readonly [number, number],
  readonly [number, number],
  readonly [number, number],
];

/** A shape to draw: the classes that give it its look (fill, stroke, opacity), its path and where it is. */
export interface Shape {
  cls: string;
  d: string;
  /** A point of the shape (its node's top left), to place it in a cell of the grid. */
  x: number;
  y: number;
}

/** One path per look and grid cell. */
export interface ShapeGroup {
  /** Unique per group: the look and the cell. */
  key: string;
  cls: string;
  d: string;
}

const round = (v: number) => Math.round(v * 100) / 100;

/** A rectangle with (possibly elliptical) rounded corners, radii scaled down to fit as CSS does. */
export function roundedRect(x: number, y: number, w: number, h: number, radii: Radii): string {
  if (!(w > 0 && h > 0)) return '';
  const [tl, tr, br, bl] = radii;
  // CSS border-radius: when adjacent radii add up to more than the side, all shrink by one factor.
  const f = Math.min(
    1,
    w / (tl[0] + tr[0] || 1),
    w / (bl[0] + br[0] || 1),
    h / (tl[1] + bl[1] || 1),
    h / (tr[1] + br[1] || 1),
  );
  // A corner with either radius 0 is square (as in CSS).
  const r = radii.map(([rx, ry]): [number, number] => {
    const [sx, sy] = [round(rx * f), round(ry * f)];
    return sx > 0 && sy > 0 ? [sx, sy] : [0, 0];
  });
  const [a, b, c, d] = r as unknown as [
    [number, number],
    [number, number],
    [number, number],
    [number, number],
  ];
  // Absolute coordinates: rounding each step of a relative path would add up.
  const arc = ([rx, ry]: readonly [number, number], ex: number, ey: number) =>
    rx > 0 && ry > 0 ? `A${rx} ${ry} 0 0 1 ${round(ex)} ${round(ey)}` : '';
  const right = x + w;
  const bottom = y + h;
  return (
    `M${round(x + a[0])} ${round(y)}` +
    `H${round(right - b[0])}` +
    arc(b, right, y + b[1]) +
    `V${round(bottom - c[1])}` +
    arc(c, right - c[0], bottom) +
    `H${round(x + d[0])}` +
    arc(d, x, bottom - d[1]) +
    `V${round(y + a[1])}` +
    arc(a, x + a[0], y) +
    'z'
  );
}

const same = (r: number): Radii => [
  [r, r],
  [r, r],
  [r, r],
  [r, r],
];

/** A component kind's corners (ComponentNode.svelte's "Shapes" rules), for a node of this size. */
export function componentRadii(kind: string, w: number, h: number): Radii {
  switch (kind) {
    case 'client':
      return same(Math.max(w, h));
    case 'database':
    case 'object-storage': {
      const rx = w / 2;
      return [
        [rx, 12],
        [rx, 12],
        [rx, 12],
        [rx, 12],
      ];
    }
    case 'api-gateway':
    case 'load-balancer':
    case 'cdn':
      return [
        [14, 14],
        [4, 4],
        [14, 14],
        [4, 4],
      ];
    case 'function':
      return same(18);
    case 'stream':
      return [
        [8, 8],
        [8, 8],
        [3, 3],
        [3, 3],
      ];
    default:
      return same(8);
  }
}

/** What the overview needs of any node: its kind, absolute box and the classes of its look. */
interface NodeBox {
  kind: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Classes of its look (external, failure sink, boundary kind, drill state…). */
  look: string;
}

/** What the overview needs of a component node. */
export interface ComponentBox extends NodeBox {
  /** Class of the icon square's colour (e.g. `cat-data`). */
  category: string;
  /** A text field is open on the node: it keeps no name bar (the real node is being edited). */
  editing?: boolean;
  /** Selected: the accent ring around it (CSS outline 2.5px, offset 2px). */
  selected?: boolean;
}

/** Border width of a component node's body (ComponentNode.svelte `.node`). */
const BORDER = 1.5;
/** Left padding of the body: 0.7rem, or 0.5rem for a client. */
const padLeft = (kind: string) => (kind === 'client' ? 8 : 11.2);

/** The shapes of a component: body, kind band (queues, streams, caches), icon square, name bar, selection ring. */
export function componentShapes(box: ComponentBox): Shape[] {
  const { x, y, width: w, height: h, kind } = box;
  if (!(w > 0 && h > 0)) return [];
  const inset = BORDER / 2;
  const radii = componentRadii(kind, w, h).map(
    ([rx, ry]) => [Math.max(0, rx - inset), Math.max(0, ry - inset)] as const,
  ) as unknown as Radii;
  const shapes: Shape[] = [
    {
      cls: `body ${box.look}`.trim(),
      d: roundedRect(x + inset, y + inset, w - BORDER, h - BORDER, radii),
      x,
      y,
    },
  ];
  // The kinds' thick edges, a few pixels even zoomed out: a queue's double right border, a
  // stream's double bottom border, a cache's inset bottom line.
  const band =
    kind === 'queue' || kind === 'dead-letter-queue'
      ? roundedRect(x + w - 8, y + BORDER, 8, h - 2 * BORDER, same(0))
      : kind === 'stream'
        ? roundedRect(x + 3, y + h - 4, w - 6, 4, same(0))
        : kind === 'cache'
          ? roundedRect(x + 4, y + h - BORDER - 3, w - 8, 3, same(0))
          : '';
  if (band) shapes.push({ cls: `band kind-${kind} ${box.look}`.trim(), d: band, x, y });
  // Faded with the body in a drill (the node element's opacity covers all of it).
  const faded = /\bdrill-(ok|other)\b/.test(box.look) ? ' faded' : '';
  const iconX = x + BORDER + padLeft(kind);
  const icon = 30;
  if (w > iconX - x + icon) {
    shapes.push({
      cls: `icon ${box.category}${faded}`.trim(),
      d: roundedRect(iconX, y + (h - icon) / 2, icon, icon, same(7)),
      x,
      y,
    });
  }
  // The name bar: background-position 42px 50%, size calc(100% - 64px) 9px, in the padding box.
  const barW = w - 2 * BORDER - 64;
  if (!box.editing && barW > 0) {
    shapes.push({
      cls: `bar${faded}`,
      d: roundedRect(x + BORDER + 42, y + BORDER + (h - 2 * BORDER - 9) / 2, barW, 9, same(0)),
      x,
      y,
    });
  }
  if (box.selected) {
    const out = 2 + 2.5 / 2;
    const ring = componentRadii(kind, w, h).map(
      ([rx, ry]) => [rx + out, ry + out] as const,
    ) as unknown as Radii;
    shapes.push({ cls: 'ring', d: roundedRect(x - out, y - out, w + 2 * out, h + 2 * out, ring), x, y });
  }
  return shapes;
}

/** What the overview needs of a boundary node. */
export interface BoundaryBox extends NodeBox {
  /** Characters in its title line (name and kind label), to size the title bar. */
  titleChars: number;
}

/** A boundary: its outline (and fill) and a bar where its title is. */
export function boundaryShapes(box: BoundaryBox): Shape[] {
  const { x, y, width: w, height: h } = box;
  if (!(w > 0 && h > 0)) return [];
  const border = box.kind === 'trust-boundary' ? 2.5 : box.kind === 'failure-domain' ? 4 : 2;
  const r = box.kind === 'bounded-context' ? 20 : 12;
  const inset = border / 2;
  const shapes: Shape[] = [
    {
      cls: `outline ${box.look}`.trim(),
      d: roundedRect(x + inset, y + inset, w - border, h - border, same(Math.max(0, r - inset))),
      x,
      y,
    },
  ];
  // Title: 12px text after 0.35rem/0.6rem of padding; ~6.5 px a character, within the box.
  const barW = Math.min(box.titleChars * 6.5, w - 2 * border - 19.2);
  if (barW > 0 && h > 2 * border + 20) {
    shapes.push({
      cls: 'bar title',
      d: roundedRect(x + border + 9.6, y + border + 8, barW, 6, same(0)),
      x,
      y,
    });
  }
  return shapes;
}

/** Painting order of the shapes' layers (a shape's first class): boundaries under components. */
const LAYERS = ['outline', 'body', 'band', 'icon', 'bar', 'ring'];
const layer = (cls: string) => {
  const i = LAYERS.indexOf(cls.split(' ')[0]!);
  return i < 0 ? LAYERS.length : i;
};

/**
 * Size of a grid cell in flow units. Shapes are joined per look *and per cell*: when Chromium
 * rasterises a tile it goes through every path whose bounds touch the tile, all of it, so one
 * path spanning the diagram is processed again for each of the ~25 tiles on screen (measured:
 * ~20 ms of raster a frame for 1,000 nodes as one path per look, a few ms in cells).
 */
export const OVERVIEW_CELL = 1500;

/**
 * Joins shapes with the same classes in the same grid cell into one path each, drawn layer by
 * layer (outlines, bodies, kind bands, icons, bars, selection rings), in order of first appearance within a
 * layer.
 */
export function groupShapes(shapes: Iterable<Shape>, cell = OVERVIEW_CELL): ShapeGroup[] {
  const groups = new Map<string, { cls: string; ds: string[] }>();
  for (const { cls, d, x, y } of shapes) {
    if (!d) continue;
    const key = `${cls}@${Math.floor(x / cell)},${Math.floor(y / cell)}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { cls, ds: [] }));
    group.ds.push(d);
  }
  return [...groups]
    .map(([key, { cls, ds }]) => ({ key, cls, d: ds.join('') }))
    .sort((a, b) => layer(a.cls) - layer(b.cls));
}

/** bench/results.json and the printed table. Figures only: nothing here fails a run. */
import os from 'node:os';
import type { ScriptFile } from './bundle';

export interface CanvasResult {
  components: number;
  connections: number;
  openMs: number;
  panZoomedInFps: number;
  panOverviewFps: number;
  panOverviewP95Ms: number;
  barePanOverviewFps: number;
  barePanOverviewP95Ms: number;
  dragP95Ms: number;
}

export interface LayoutResult {
  components: number;
  ms: number;
  longestMainTaskMs: number;
  applyMs: number;
}

export interface Results {
  date: string;
  chromium: string;
  canvas: CanvasResult[];
  layout: LayoutResult[];
  initialJsGzipKb: number;
}

/** Figures printed beside the results.json ones (not stored). */
export interface CanvasExtras {
  components: number;
  boundaries: number;
  openRunsMs: number[];
  bareOpenMs: number;
  fitZoom: number;
  bareFitZoom: number;
  zoomedInZoom: number;
  panZoomedInP95Ms: number;
  barePanZoomedInFps: number;
  barePanZoomedInP95Ms: number;
  dragFps: number;
}

export interface LayoutExtras {
  components: number;
  /** Click on Arrange until the first frame with the nodes moved was painted. */
  clickToPaintMs: number;
  /** A second Arrange (top → bottom): click until the result is back; worker and ELK warm. */
  secondMs: number;
  secondApplyMs: number;
  longestLongTaskMs: number;
  movedNodes: number;
  nodes: number;
}

export const round1 = (x: number): number => Math.round(x * 10) / 10;

type Cmp = '≤' | '≥';
interface Target {
  cmp: Cmp;
  value: number;
}

/** Targets from issue 3, by figure and size (shown beside the figure they apply to). */
const CANVAS_TARGETS: Partial<Record<string, Partial<Record<number, Target>>>> = {
  open: { 1000: { cmp: '≤', value: 1200 } },
  zoomed: { 1000: { cmp: '≥', value: 55 } },
  overview: { 1000: { cmp: '≥', value: 45 }, 2000: { cmp: '≥', value: 30 } },
  ratio: { 1000: { cmp: '≤', value: 1.25 } },
  drag: { 1000: { cmp: '≤', value: 33 } },
};
const LAYOUT_TARGETS: Partial<Record<string, Partial<Record<number, Target>>>> = {
  ms: { 500: { cmp: '≤', value: 1000 } },
  task: { 500: { cmp: '≤', value: 50 } },
  apply: { 500: { cmp: '≤', value: 100 } },
};
const INITIAL_JS_TARGET: Target = { cmp: '≤', value: 150 };

function fmt(x: number, digits = 0): string {
  return x.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function withTarget(text: string, x: number, target: Target | undefined): string {
  if (!target) return text;
  const met = target.cmp === '≤' ? x <= target.value : x >= target.value;
  return `${text} [${target.cmp}${fmt(target.value, target.value < 10 ? 2 : 0)} ${met ? 'met' : 'MISSED'}]`;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('   ');
  return [line(header), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
}

export function formatReport(
  results: Results,
  extras: {
    canvas: CanvasExtras[];
    layout: LayoutExtras[];
    scripts: ScriptFile[];
    seconds: number;
    /** 1-minute load average at the start and end: other work on the machine skews every figure. */
    load: [number, number];
    warnings: string[];
  },
): string {
  const out: string[] = [];
  out.push(`Faultline bench · ${results.date} · Chromium ${results.chromium} · viewport 1400×900`);
  out.push(
    'One run on this machine (open: median of several loads). Targets from issue 3 stand beside the figure they apply to.',
  );

  if (results.canvas.length) {
    const sizes = results.canvas.map((c) => c.components);
    const col = (c: CanvasResult) => extras.canvas.find((e) => e.components === c.components);
    const row = (label: string, cell: (c: CanvasResult, e: CanvasExtras | undefined) => string) => [
      label,
      ...results.canvas.map((c) => cell(c, col(c))),
    ];
    const t = (key: string, c: CanvasResult) => CANVAS_TARGETS[key]?.[c.components];
    out.push('');
    out.push(
      'Canvas: our app (built, in Chromium) vs a bare @xyflow/svelte page with the same nodes and edges',
    );
    out.push(
      table(
        ['', ...sizes.map((s) => `${fmt(s)} components`)],
        [
          row(
            'nodes (incl. boundaries) / edges',
            (c, e) => `${fmt(c.components + (e?.boundaries ?? 0))} / ${fmt(c.connections)}`,
          ),
          row('open → interactive (ms, median of runs)', (c) =>
            withTarget(fmt(c.openMs), c.openMs, t('open', c)),
          ),
          row('  open runs (ms)', (_c, e) => (e ? e.openRunsMs.map((x) => fmt(x)).join(' ') : '')),
          row('  bare page open (ms)', (_c, e) => (e ? fmt(e.bareOpenMs) : '')),
          row('pan at zoom 1 (fps)', (c) =>
            withTarget(fmt(c.panZoomedInFps, 1), c.panZoomedInFps, t('zoomed', c)),
          ),
          row('  p95 frame time (ms)', (_c, e) => (e ? fmt(e.panZoomedInP95Ms, 1) : '')),
          row('  bare: pan at zoom 1 (fps)', (_c, e) => (e ? fmt(e.barePanZoomedInFps, 1) : '')),
          row('  bare p95 frame time (ms)', (_c, e) => (e ? fmt(e.barePanZoomedInP95Ms, 1) : '')),
          row('pan, whole diagram in view (fps)', (c) =>
            withTarget(fmt(c.panOverviewFps, 1), c.panOverviewFps, t('overview', c)),
          ),
          row('  p95 frame time (ms)', (c) => fmt(c.panOverviewP95Ms, 1)),
          row('  zoom (ours / bare)', (_c, e) =>
            e ? `${fmt(e.fitZoom, 3)} / ${fmt(e.bareFitZoom, 3)}` : '',
          ),
          row('bare: pan, whole diagram (fps)', (c) => fmt(c.barePanOverviewFps, 1)),
          row('  bare p95 frame time (ms)', (c) => fmt(c.barePanOverviewP95Ms, 1)),
          row('overview p95 ours / bare', (c) => {
            const ratio = c.barePanOverviewP95Ms > 0 ? c.panOverviewP95Ms / c.barePanOverviewP95Ms : 0;
            return withTarget(fmt(ratio, 2), ratio, t('ratio', c));
          }),
          row('overview fps ours / bare', (c) =>
            fmt(c.barePanOverviewFps > 0 ? c.panOverviewFps / c.barePanOverviewFps : 0, 2),
          ),
          row('drag a node: p95 frame time (ms)', (c) =>
            withTarget(fmt(c.dragP95Ms, 1), c.dragP95Ms, t('drag', c)),
          ),
          row('  drag (fps)', (_c, e) => (e ? fmt(e.dragFps, 1) : '')),
        ],
      ),
    );
  }

  if (results.layout.length) {
    const t = (key: string, l: LayoutResult) => LAYOUT_TARGETS[key]?.[l.components];
    const ex = (l: LayoutResult) => extras.layout.find((e) => e.components === l.components);
    const row = (label: string, cell: (l: LayoutResult, e: LayoutExtras | undefined) => string) => [
      label,
      ...results.layout.map((l) => cell(l, ex(l))),
    ];
    out.push('');
    out.push(
      "Auto-layout: the toolbar's Arrange clicked in the app (ELK layered in the module worker, left → right; " +
        "the session's first Arrange, ELK cold; 200+ nodes start the worker when the page is idle after opening; diagrams with boundaries)",
    );
    out.push(
      table(
        ['', ...results.layout.map((l) => `${fmt(l.components)} components`)],
        [
          row('layout, click → result back (ms)', (l) => withTarget(fmt(l.ms), l.ms, t('ms', l))),
          row('  click → laid out on screen (ms)', (_l, e) => (e ? fmt(e.clickToPaintMs) : '')),
          row('  again top → bottom, worker warm (ms)', (_l, e) => (e ? fmt(e.secondMs) : '')),
          row('longest main-thread task meanwhile (ms)', (l) =>
            withTarget(fmt(l.longestMainTaskMs, 1), l.longestMainTaskMs, t('task', l)),
          ),
          row('  of which long tasks > 50 ms (ms)', (_l, e) => (e ? fmt(e.longestLongTaskMs, 1) : '')),
          row('apply to the canvas, to next paint (ms)', (l) =>
            withTarget(fmt(l.applyMs, 1), l.applyMs, t('apply', l)),
          ),
          row('  again: apply (ms)', (_l, e) => (e ? fmt(e.secondApplyMs, 1) : '')),
          row('  nodes moved / nodes', (_l, e) => (e ? `${fmt(e.movedNodes)} / ${fmt(e.nodes)}` : '')),
        ],
      ),
    );
  }

  out.push('');
  out.push(
    `Initial JS (first page '/', gzip): ${withTarget(`${fmt(results.initialJsGzipKb, 1)} kB`, results.initialJsGzipKb, INITIAL_JS_TARGET)}`,
  );
  for (const f of extras.scripts) {
    out.push(`  ${f.path}  ${fmt(f.bytes / 1000, 1)} kB → ${fmt(f.gzipBytes / 1000, 1)} kB gzip`);
  }
  for (const w of extras.warnings) out.push(`warning: ${w}`);
  out.push('');
  out.push(
    `Bench took ${fmt(extras.seconds)} s; load average ${fmt(extras.load[0], 2)} at the start, ${fmt(extras.load[1], 2)} at the end ` +
      `(${os.cpus().length} cores). Results written to bench/results.json.`,
  );
  return out.join('\n');
}

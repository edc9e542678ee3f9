/**
 * Decision records as MADR files (https://adr.github.io/madr/), one per decision, named
 * `NNNN-title-in-kebab-case.md`, plus an index `README.md`. Pure: plain data in, text out.
 *
 * Layout (MADR 4, sections without content are left out):
 *
 *   ---
 *   status: accepted                      (or "superseded by TDR-004")
 *   date: 2024-03-12
 *   decision-makers: Dana, Sam            (deciders)
 *   consulted: Payments team              (stakeholders)
 *   ---
 *   # Title
 *   ## Context and Problem Statement
 *   ## Decision Drivers
 *   ## Considered Options
 *   ## Decision Outcome                   Chosen option: "X", because <rationale>
 *   ### Consequences                      Good, because… / Bad, because… / Trade-off accepted: …
 *   ### <decision matrix title>           weighted scores, totals computed
 *   ### Implementation Plan
 *   ### Results
 *   ## Pros and Cons of the Options       ### <option>: description, Good/Bad bullets
 *   ## More Information                   supersedes / superseded by (links to the files),
 *                                         governed components and connections, other tables,
 *                                         the decision's extra sections (### heading each)
 *
 * Lists use `*` bullets, as MADR's own template does. User text is escaped like every other
 * export (md.ts): titles and list items inline, context/rationale/plan/results as Markdown.
 * Text is kept as written ("Good, because ACID transactions"), so that an import reads back
 * exactly what was exported.
 */
import {
  formatDecisionNumber,
  statusLabel,
  type CaseStudyBundle,
  type Component,
  type Decision,
  type Id,
  type TradeOffTable,
} from '../model';
import { block, cell, finishMarkdown, headingText, inline, table } from './md';
import { adrFileNames, labelMaps, tableMarkdown, uniqueNames } from './view-model';

export { adrFileNames } from './view-model';

export interface AdrContext {
  /** All decisions of the case study (for supersede links and file names). */
  decisions: readonly Decision[];
  /** Component and boundary id → label. */
  componentLabels: ReadonlyMap<Id, string>;
  /** Connection id → label, e.g. "INSERT order (Checkout service → Orders DB)". */
  connectionLabels: ReadonlyMap<Id, string>;
  /** Trade-off tables; those owned by the decision are written into its file. */
  tables?: readonly TradeOffTable[];
  /** Components, for tech-stack tables attached to a decision. */
  components?: readonly Component[];
  /** Decision id → file name; default `adrFileNames(decisions)`. */
  fileNames?: ReadonlyMap<Id, string>;
}

export interface ExportedFile {
  name: string;
  text: string;
}

/** Everything exportAdr needs, from a bundle. */
export function adrContext(bundle: CaseStudyBundle): AdrContext {
  const labels = labelMaps(bundle);
  return {
    decisions: bundle.decisions,
    componentLabels: labels.components,
    connectionLabels: labels.connections,
    tables: bundle.tables,
    components: bundle.components,
    fileNames: adrFileNames(bundle.decisions),
  };
}

/** A YAML scalar: plain when it reads back as the same string (or is an ISO date, as MADR writes it), else double-quoted. */
function yaml(value: string): string {
  const v = value.replace(/\s+/g, ' ').trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  const plain =
    /^[\p{L}\p{N}][\p{L}\p{N} ._()/,'+-]*$/u.test(v) &&
    !/^[\d.+-]+$/.test(v) &&
    !/^(?:true|false|yes|no|on|off|null)$/i.test(v);
  return plain ? v : JSON.stringify(v);
}

function bullets(items: readonly string[], prefix = ''): string[] {
  return items.filter((s) => s.trim() !== '').map((s) => `* ${prefix}${inline(s)}`);
}

/** A rationale that is one plain paragraph can follow "because" on the same line. */
function isOneParagraph(markdown: string): boolean {
  return (
    markdown !== '' &&
    !markdown.includes('\n\n') &&
    !/^(?:[-+*>|]|\d{1,9}[.)]|`{3}|~{3}|\*\*)/m.test(markdown.split('\n')[0] ?? '')
  );
}

function decisionRef(d: Decision, files: ReadonlyMap<Id, string>): string {
  const text = inline(`${formatDecisionNumber(d.number)}: ${d.title.trim() || 'Untitled decision'}`);
  const file = files.get(d.id);
  return file ? `[${text}](${file})` : text;
}

/** One decision as a MADR file. */
export function exportAdr(decision: Decision, ctx: AdrContext): { fileName: string; text: string } {
  const d = decision;
  const files = ctx.fileNames ?? adrFileNames(ctx.decisions);
  const all = ctx.decisions.some((x) => x.id === d.id) ? ctx.decisions : [...ctx.decisions, d];
  const fileName = files.get(d.id) ?? adrFileNames([d]).get(d.id) ?? 'decision.md';
  const out: string[] = [];
  const section = (...lines: string[]) => out.push('', ...lines);

  // Front matter.
  const front = [`status: ${yaml(statusLabel(d, all))}`];
  if (d.date.trim()) front.push(`date: ${yaml(d.date.trim())}`);
  const deciders = d.deciders.map((s) => s.trim()).filter(Boolean);
  if (deciders.length) front.push(`decision-makers: ${yaml(deciders.join(', '))}`);
  const consulted = d.stakeholders.map((s) => s.trim()).filter(Boolean);
  if (consulted.length) front.push(`consulted: ${yaml(consulted.join(', '))}`);
  out.push('---', ...front, '---', '', `# ${headingText(d.title.trim() || 'Untitled decision')}`);

  section('## Context and Problem Statement', '', block(d.context));
  section('## Decision Drivers', '', ...bullets(d.drivers));

  const titles = uniqueNames(
    d.options.map((o) => o.title),
    (i) => `Option ${i + 1}`,
  );
  section('## Considered Options', '', ...titles.map((t) => `* ${inline(t)}`));

  // Decision outcome.
  const chosenIndex = d.options.findIndex((o) => o.id === d.chosenOptionId);
  const rationale = block(d.rationale);
  section('## Decision Outcome');
  if (chosenIndex >= 0) {
    const chosen = `Chosen option: "${inline(titles[chosenIndex])}"`;
    if (isOneParagraph(rationale)) section(`${chosen}, because ${rationale}`);
    else section(`${chosen}.`, '', rationale);
  } else if (rationale) {
    section(rationale);
  }
  section(
    '### Consequences',
    '',
    ...bullets(d.consequences.positive, 'Good, because '),
    ...bullets(d.consequences.negative, 'Bad, because '),
    ...bullets(d.consequences.tradeOffs, 'Trade-off accepted: '),
  );
  const own = (ctx.tables ?? [])
    .filter((t) => t.owner.type === 'decision' && t.owner.id === d.id)
    .map((t, i) => ({ t, i }))
    .sort((a, b) => a.t.order - b.t.order || a.i - b.i)
    .map(({ t }) => t);
  const tableCtx = { components: ctx.components ?? [], decisions: all };
  for (const t of own.filter((x) => x.kind === 'matrix')) {
    section(`### ${headingText(t.title.trim() || 'Decision matrix')}`, '', tableMarkdown(t, tableCtx));
  }
  section('### Implementation Plan', '', block(d.implementationPlan));
  const results = block(d.results.outcome);
  if (results) {
    section('### Results', '');
    if (d.results.date.trim()) out.push(`Recorded ${inline(d.results.date)}.`, '');
    out.push(results);
  }

  // Pros and cons.
  section('## Pros and Cons of the Options');
  d.options.forEach((o, i) => {
    section(
      `### ${headingText(titles[i])}`,
      '',
      block(o.description),
      '',
      ...bullets(o.pros, 'Good, because '),
      ...bullets(o.cons, 'Bad, because '),
    );
  });

  // More information.
  const byId = new Map(all.map((x) => [x.id, x]));
  const links: string[] = [];
  const prev = d.supersedes === null ? undefined : byId.get(d.supersedes);
  if (prev) links.push(`* Supersedes ${decisionRef(prev, files)}`);
  const next = d.supersededBy === null ? undefined : byId.get(d.supersededBy);
  if (next) links.push(`* Superseded by ${decisionRef(next, files)}`);
  const components = d.componentIds
    .map((id) => ctx.componentLabels.get(id))
    .filter((x): x is string => x !== undefined);
  if (components.length) links.push(`* Governs components: ${inline(components.join(', '))}`);
  const connections = d.connectionIds
    .map((id) => ctx.connectionLabels.get(id))
    .filter((x): x is string => x !== undefined);
  if (connections.length) links.push(`* Governs connections: ${inline(connections.join('; '))}`);
  if (d.sourceFile.trim()) links.push(`* Imported from ${inline(d.sourceFile)}`);
  const isMoreInfo = (h: string) => /^more information$/i.test(h.trim());
  // A line this export writes anyway (an earlier export read back in) is not written twice.
  const written = new Set(links.map((l) => l.trim()));
  const extraInline = d.extraSections
    .filter((s) => isMoreInfo(s.heading))
    .map((s) =>
      block(
        s.body
          .split('\n')
          .filter((line) => !written.has(line.trim()))
          .join('\n'),
      ),
    )
    .filter((b) => b.trim() !== '');
  section('## More Information', '', ...links, '', ...extraInline.flatMap((b) => [b, '']));
  for (const t of own.filter((x) => x.kind !== 'matrix')) {
    section(`### ${headingText(t.title.trim() || 'Table')}`, '', tableMarkdown(t, tableCtx));
  }
  for (const s of d.extraSections.filter((x) => !isMoreInfo(x.heading))) {
    section(`### ${headingText(s.heading.trim() || 'Notes')}`, '', block(s.body));
  }

  return { fileName, text: finishMarkdown(out.join('\n')) };
}

/** The index of all decisions: a `README.md` with a table linking every file. */
export function exportAdrIndex(
  decisions: readonly Decision[],
  opts: { title?: string; fileNames?: ReadonlyMap<Id, string> } = {},
): string {
  const files = opts.fileNames ?? adrFileNames(decisions);
  const sorted = [...decisions].sort((a, b) => a.number - b.number);
  const rows = sorted.map((d) => {
    const title = cell(d.title.trim() || 'Untitled decision');
    const file = files.get(d.id);
    return [
      formatDecisionNumber(d.number),
      file ? `[${title}](${file})` : title,
      cell(statusLabel(d, decisions)),
      cell(d.date) || '—',
    ];
  });
  const intro = opts.title?.trim()
    ? `Decision records of “${inline(opts.title)}”, one file per decision in the [MADR](https://adr.github.io/madr/) format.`
    : 'One file per decision, in the [MADR](https://adr.github.io/madr/) format.';
  const body = sorted.length
    ? table(['Number', 'Title', 'Status', 'Date'], rows)
    : 'No decisions recorded yet.';
  return finishMarkdown(['# Architecture decision records', '', intro, '', body].join('\n'));
}

/** Every decision's ADR file plus the index README.md. */
export function exportAdrs(bundle: CaseStudyBundle): ExportedFile[] {
  const ctx = adrContext(bundle);
  const sorted = [...bundle.decisions].sort((a, b) => a.number - b.number);
  return [
    {
      name: 'README.md',
      text: exportAdrIndex(bundle.decisions, { title: bundle.caseStudy.title, fileNames: ctx.fileNames }),
    },
    ...sorted.map((d) => {
      const { fileName, text } = exportAdr(d, ctx);
      return { name: fileName, text };
    }),
  ];
}

/**
 * ADR files → new decisions of a case study: numbering, re-import, supersede links between
 * the files (and to decisions imported earlier). Pure: plain data in, plain data out; the
 * caller stores the result. The mapping rules are documented in ./index.ts.
 */
import {
  allocateDecisionNumber,
  createDecision,
  createOption,
  formatDecisionNumber,
  formatIssue,
  highestDecisionNumber,
  now as clockNow,
  validateRecord,
  type Decision,
  type DecisionOption,
  type DecisionStatus,
  type ExtraSection,
  type Id,
} from '../../model';
import { baseName, statusOf } from './fields';
import { matchKey } from './markdown';
import { optionKey } from './options';
import { parseAdr, type AdrReference, type ParsedAdr } from './parse';

export interface AdrFile {
  /** File name or path inside an archive ("docs/adr/0003-use-kafka.md"); becomes `sourceFile`. */
  name: string;
  text: string;
}

export interface ImportAdrOptions {
  caseStudyId: Id;
  /** The case study's decisions (for numbering, re-import and supersede links). */
  existingDecisions: readonly Decision[];
  /** The case study's high-water mark (`CaseStudy.lastDecisionNumber`), so deleted numbers are not reused. */
  lastDecisionNumber?: number;
  /**
   * A file whose name equals an existing decision's `sourceFile` updates that decision in place
   * (same id and number, component/connection links kept) instead of becoming a new decision.
   */
  replaceExisting?: boolean;
  /** `updatedAt` of what is written (default: the model clock). */
  now?: number;
}

export interface AdrImportIssue {
  file: string;
  message: string;
}

export interface AdrImportResult {
  /** New decisions, in file-name order, numbered after the case study's highest. */
  decisions: Decision[];
  /** Existing decisions that changed: replaced by a re-import, or given a supersede link. */
  updated: Decision[];
  /** Files that were not imported, each with the reason (the message names the file). */
  problems: AdrImportIssue[];
  /** Imported, but worth telling: assumed status, re-import as a copy, a reference left as text… */
  notices: AdrImportIssue[];
  /** The new high-water mark to store as `CaseStudy.lastDecisionNumber`. */
  lastDecisionNumber: number;
}

/** Natural file-name order: "2-x.md" before "10-x.md". */
export function compareFileNames(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' }) || (a < b ? -1 : a > b ? 1 : 0);
}

const TEMPLATE = /(?:^|[-_.])template\.(?:md|markdown)$/i;

function posixJoin(dir: string, rel: string): string {
  const parts = (rel.startsWith('/') ? rel.slice(1) : dir ? `${dir}/${rel}` : rel).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return out.join('/');
}

function dirName(path: string): string {
  const i = path.replace(/\\/g, '/').lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

function normalisePath(path: string): string {
  return posixJoin('', path.replace(/\\/g, '/')).toLowerCase();
}

function buildOptions(parsed: ParsedAdr, previous: readonly DecisionOption[]): DecisionOption[] {
  const free = [...previous];
  return parsed.options.map((o) => {
    // On re-import, an option with the same title keeps its id (decision matrices refer to it).
    const i = free.findIndex((p) => optionKey(p.title) === optionKey(o.title));
    const id = i >= 0 ? free.splice(i, 1)[0]?.id : undefined;
    return createOption({
      ...(id ? { id } : {}),
      title: o.title,
      description: o.description,
      pros: [...o.pros],
      cons: [...o.cons],
    });
  });
}

/** The decision fields an ADR file gives (everything but identity, links and numbering). */
function contentOf(parsed: ParsedAdr, previous: readonly DecisionOption[]): Partial<Decision> {
  const options = buildOptions(parsed, previous);
  const chosen = parsed.chosenOption === null ? undefined : options[parsed.chosenOption];
  return {
    title: parsed.title,
    status: parsed.status,
    date: parsed.date,
    deciders: [...parsed.deciders],
    stakeholders: [...parsed.stakeholders],
    context: parsed.context,
    drivers: [...parsed.drivers],
    options,
    chosenOptionId: chosen ? chosen.id : null,
    rationale: parsed.rationale,
    consequences: {
      positive: [...parsed.consequences.positive],
      negative: [...parsed.consequences.negative],
      tradeOffs: [...parsed.consequences.tradeOffs],
    },
    implementationPlan: parsed.implementationPlan,
    results: { ...parsed.results },
    extraSections: parsed.extraSections.map((s) => ({ ...s })),
    sourceFile: parsed.fileName,
  };
}

interface Entry {
  file: string;
  parsed: ParsedAdr;
  decision: Decision;
}

/**
 * Remove a resolved reference's line from the extra section that holds it; a "Status"
 * section left holding nothing but the decision's own status word goes too.
 */
function removeLine(sections: ExtraSection[], ref: AdrReference, status: DecisionStatus): ExtraSection[] {
  const i = sections.findIndex((s) => s.heading === ref.section && s.body.split('\n').includes(ref.line));
  const s = sections[i];
  if (!s) return sections;
  const lines = s.body.split('\n');
  lines.splice(lines.indexOf(ref.line), 1);
  const body = lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const out = [...sections];
  const st = statusOf(body);
  if (body === '' || (/^status$/i.test(s.heading.trim()) && st?.exact && st.status === status))
    out.splice(i, 1);
  else out[i] = { ...s, body };
  return out;
}

/**
 * Import ADR files into a case study (see ./index.ts for the rules). Files are taken in
 * file-name order; new decisions are numbered after the case study's highest number.
 */
export function importAdrFiles(files: readonly AdrFile[], opts: ImportAdrOptions): AdrImportResult {
  const at = opts.now ?? clockNow();
  const problems: AdrImportIssue[] = [];
  const notices: AdrImportIssue[] = [];
  const existing = opts.existingDecisions;
  const last = Math.max(0, Math.trunc(opts.lastDecisionNumber ?? 0));
  let next = allocateDecisionNumber(existing, last);

  const sorted = files
    .map((f, i) => ({ f, i }))
    .sort((a, b) => compareFileNames(a.f.name, b.f.name) || a.i - b.i)
    .map(({ f }) => f);

  const bySource = new Map<string, Decision>();
  for (const d of existing)
    if (d.sourceFile.trim() !== '' && !bySource.has(d.sourceFile)) bySource.set(d.sourceFile, d);

  const entries: Entry[] = [];
  const seenNames = new Set<string>();
  const replacedIds = new Set<Id>();
  for (const file of sorted) {
    const name = file.name;
    if (TEMPLATE.test(baseName(name))) {
      problems.push({ file: name, message: `${name}: looks like an ADR template, not a decision; skipped` });
      continue;
    }
    const parsed = parseAdr(name, file.text);
    if (parsed.problem) {
      problems.push({ file: name, message: `${name}: ${parsed.problem}` });
      continue;
    }
    for (const note of parsed.notes) notices.push({ file: name, message: `${name}: ${note}` });
    if (seenNames.has(name)) {
      notices.push({
        file: name,
        message: `${name}: appears twice in this import; both copies were imported`,
      });
    }
    seenNames.add(name);

    const previous = bySource.get(name);
    if (previous && opts.replaceExisting && !replacedIds.has(previous.id)) {
      replacedIds.add(previous.id);
      const decision: Decision = {
        ...previous,
        ...contentOf(parsed, previous.options),
        updatedAt: at,
      };
      entries.push({ file: name, parsed, decision });
      continue;
    }
    const decision = createDecision({
      caseStudyId: opts.caseStudyId,
      number: next,
      ...contentOf(parsed, []),
      updatedAt: at,
    });
    next += 1;
    if (previous) {
      notices.push({
        file: name,
        message: `${name}: was imported before as ${formatDecisionNumber(previous.number)}; imported again as a new decision, ${formatDecisionNumber(decision.number)} (replace the earlier one to update it instead)`,
      });
    }
    entries.push({ file: name, parsed, decision });
  }

  // ----- supersede links -----
  const touched = new Map<Id, Decision>();
  const current = (d: Decision): Decision => {
    const entry = entries.find((e) => e.decision.id === d.id);
    if (entry) return entry.decision;
    return touched.get(d.id) ?? d;
  };
  const write = (d: Decision) => {
    const entry = entries.find((e) => e.decision.id === d.id);
    if (entry) entry.decision = d;
    else touched.set(d.id, { ...d, updatedAt: at });
  };

  const byPath = new Map<string, Entry[]>();
  const byBase = new Map<string, Entry[]>();
  for (const e of entries) {
    const p = normalisePath(e.file);
    byPath.set(p, [...(byPath.get(p) ?? []), e]);
    const b = baseName(e.file).toLowerCase();
    byBase.set(b, [...(byBase.get(b) ?? []), e]);
  }
  const importedIds = new Set(entries.map((e) => e.decision.id));
  const others = existing.filter((d) => !importedIds.has(d.id) && d.sourceFile.trim() !== '');

  const resolve = (from: Entry, ref: AdrReference): Decision | null => {
    const self = from.decision.id;
    const unique = <T>(list: readonly T[]): T | null => (list.length === 1 ? (list[0] ?? null) : null);
    const t = ref.target;
    if (t.file) {
      const path = normalisePath(posixJoin(dirName(from.file.replace(/\\/g, '/')), t.file));
      const base = baseName(t.file).toLowerCase();
      const hit =
        unique((byPath.get(path) ?? []).filter((e) => e.decision.id !== self)) ??
        unique((byBase.get(base) ?? []).filter((e) => e.decision.id !== self));
      if (hit) return hit.decision;
      const old =
        unique(others.filter((d) => normalisePath(d.sourceFile) === path)) ??
        unique(others.filter((d) => baseName(d.sourceFile).toLowerCase() === base));
      if (old) return old;
    }
    const candidates = entries.filter((e) => e.decision.id !== self);
    if (t.number !== null) {
      const same = candidates.filter((e) => e.parsed.number === t.number);
      const titled = t.title ? same.filter((e) => matchKey(e.parsed.title) === matchKey(t.title)) : [];
      const hit = unique(same) ?? unique(titled);
      if (hit) return hit.decision;
    }
    if (t.title) {
      const hit = unique(candidates.filter((e) => matchKey(e.parsed.title) === matchKey(t.title)));
      if (hit) return hit.decision;
    }
    return null;
  };

  for (const entry of entries) {
    for (const ref of entry.parsed.references) {
      const found = resolve(entry, ref);
      const me = entry.decision;
      const target = found ? current(found) : null;
      let linked = false;
      if (target && target.id !== me.id) {
        if (ref.kind === 'superseded-by' && (me.supersededBy === null || me.supersededBy === target.id)) {
          write({ ...me, supersededBy: target.id, status: 'superseded' });
          const t = current(target);
          if (t.supersedes === null) write({ ...t, supersedes: me.id });
          linked = true;
        } else if (ref.kind === 'supersedes' && (me.supersedes === null || me.supersedes === target.id)) {
          write({ ...me, supersedes: target.id });
          const t = current(target);
          if (t.supersededBy === null) write({ ...t, supersededBy: me.id, status: 'superseded' });
          else if (t.supersededBy === me.id && t.status !== 'superseded')
            write({ ...t, status: 'superseded' });
          linked = true;
        }
      }
      if (linked) {
        // The link now says what the line said; the line goes unless it names more than one decision.
        if (ref.target.links <= 1) {
          const d = current(entry.decision);
          write({ ...d, extraSections: removeLine(d.extraSections, ref, d.status) });
        }
      } else if (ref.target.file !== null || ref.target.number !== null || ref.target.title !== '') {
        notices.push({
          file: entry.file,
          message: `${entry.file}: "${ref.line.trim()}" ${target ? 'conflicts with another supersede link' : 'names no imported decision'}; kept as text`,
        });
      }
    }
  }

  // ----- validate and assemble -----
  const decisions: Decision[] = [];
  const updated: Decision[] = [];
  for (const e of entries) {
    const check = validateRecord('decisions', e.decision);
    if (!check.ok) {
      problems.push({
        file: e.file,
        message: `${e.file}: could not be imported (${check.issues.map(formatIssue).join('; ')})`,
      });
      continue;
    }
    if (replacedIds.has(e.decision.id)) updated.push(e.decision);
    else decisions.push(e.decision);
  }
  for (const d of touched.values()) {
    if (validateRecord('decisions', d).ok) updated.push(d);
  }
  return {
    decisions,
    updated,
    problems,
    notices,
    lastDecisionNumber: highestDecisionNumber([...existing, ...decisions], last),
  };
}

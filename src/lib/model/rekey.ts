/**
 * Give every record of a bundle a fresh id and rewrite every reference to match, so the
 * result can live beside the original (duplicate, importing the same backup twice, paste).
 * References to ids outside the bundle are left as they are (the repair pass deals with them).
 */
import { newId, idKindOf, type IdKind } from './ids';
import type { CaseStudyBundle, Id, ResiliencePolicies, ReviewDismissal } from './types';

export type IdMap = Map<Id, Id>;

export function makeIdMapper(): { map: IdMap; fresh: (old: Id, kind: IdKind) => Id; ref: (old: Id) => Id } {
  const map: IdMap = new Map();
  return {
    map,
    fresh(old, kind) {
      const existing = map.get(old);
      if (existing) return existing;
      const id = newId(kind);
      map.set(old, id);
      return id;
    },
    ref(old) {
      return map.get(old) ?? old;
    },
  };
}

export function remapPolicies(p: ResiliencePolicies, ref: (id: Id) => Id): ResiliencePolicies {
  if (!p.deadLetter) return { ...p };
  return {
    ...p,
    deadLetter: { ...p.deadLetter, targetId: p.deadLetter.targetId ? ref(p.deadLetter.targetId) : '' },
  };
}

function remapKeys<T>(rec: Record<Id, T>, ref: (id: Id) => Id): Record<Id, T> {
  return Object.fromEntries(Object.entries(rec).map(([k, val]) => [ref(k), val]));
}

/** A deep copy of `bundle` with new ids everywhere; `title` replaces the case study's title. */
export function rekeyBundle(
  bundle: CaseStudyBundle,
  opts: { title?: string; now?: number } = {},
): CaseStudyBundle {
  const m = makeIdMapper();
  const t = opts.now ?? Date.now();
  const csId = m.fresh(bundle.caseStudy.id, 'caseStudy');
  // First pass: allocate ids for every record and nested item, so forward references resolve.
  for (const d of bundle.diagrams) m.fresh(d.id, 'diagram');
  for (const c of bundle.components) m.fresh(c.id, 'component');
  for (const b of bundle.boundaries) m.fresh(b.id, 'boundary');
  for (const c of bundle.connections) m.fresh(c.id, 'connection');
  for (const d of bundle.decisions) {
    m.fresh(d.id, 'decision');
    for (const o of d.options) m.fresh(o.id, 'option');
  }
  for (const tb of bundle.tables) {
    m.fresh(tb.id, 'table');
    for (const c of tb.columns) m.fresh(c.id, 'column');
    for (const r of tb.rows) m.fresh(r.id, 'row');
    for (const c of tb.matrix?.criteria ?? []) m.fresh(c.id, 'criterion');
  }
  for (const x of bundle.metrics) m.fresh(x.id, 'metric');
  for (const f of bundle.flows) {
    m.fresh(f.id, 'flow');
    for (const s of f.steps) m.fresh(s.id, 'step');
  }
  const cs = bundle.caseStudy;
  for (const g of cs.goals) m.fresh(g.id, 'goal');
  for (const g of cs.nonGoals) m.fresh(g.id, 'nonGoal');
  const r = m.ref;
  const refOrNull = (id: Id | null) => (id === null ? null : r(id));

  return {
    caseStudy: {
      ...structuredClone(cs),
      id: csId,
      title: opts.title ?? cs.title,
      goals: cs.goals.map((g) => ({ ...g, id: r(g.id) })),
      nonGoals: cs.nonGoals.map((g) => ({ ...g, id: r(g.id) })),
      ...(cs.reviewDismissals ? { reviewDismissals: rekeyDismissals(cs.reviewDismissals, r) } : {}),
      createdAt: t,
      updatedAt: t,
    },
    diagrams: bundle.diagrams.map((d) => ({
      ...structuredClone(d),
      id: r(d.id),
      caseStudyId: csId,
      updatedAt: t,
    })),
    components: bundle.components.map((c) => ({
      ...structuredClone(c),
      id: r(c.id),
      caseStudyId: csId,
      diagramId: r(c.diagramId),
      parentId: refOrNull(c.parentId),
      policies: remapPolicies(c.policies, r),
      updatedAt: t,
    })),
    boundaries: bundle.boundaries.map((b) => ({
      ...structuredClone(b),
      id: r(b.id),
      caseStudyId: csId,
      diagramId: r(b.diagramId),
      parentId: refOrNull(b.parentId),
      updatedAt: t,
    })),
    connections: bundle.connections.map((c) => ({
      ...structuredClone(c),
      id: r(c.id),
      caseStudyId: csId,
      diagramId: r(c.diagramId),
      source: r(c.source),
      target: r(c.target),
      policies: remapPolicies(c.policies, r),
      updatedAt: t,
    })),
    decisions: bundle.decisions.map((d) => ({
      ...structuredClone(d),
      id: r(d.id),
      caseStudyId: csId,
      options: d.options.map((o) => ({ ...structuredClone(o), id: r(o.id) })),
      chosenOptionId: refOrNull(d.chosenOptionId),
      componentIds: d.componentIds.map(r),
      connectionIds: d.connectionIds.map(r),
      supersedes: refOrNull(d.supersedes),
      supersededBy: refOrNull(d.supersededBy),
      updatedAt: t,
    })),
    tables: bundle.tables.map((tb) => ({
      ...structuredClone(tb),
      id: r(tb.id),
      caseStudyId: csId,
      owner: { ...tb.owner, id: r(tb.owner.id) } as typeof tb.owner,
      columns: tb.columns.map((c) => ({ ...c, id: r(c.id) })),
      rows: tb.rows.map((row) => ({
        ...row,
        id: r(row.id),
        cells: remapKeys(row.cells, r),
        ...(row.componentId === undefined ? {} : { componentId: r(row.componentId) }),
      })),
      matrix: tb.matrix
        ? {
            criteria: tb.matrix.criteria.map((c) => ({ ...c, id: r(c.id) })),
            scores: Object.fromEntries(
              Object.entries(tb.matrix.scores).map(([crit, byOpt]) => [r(crit), remapKeys(byOpt, r)]),
            ),
          }
        : null,
      excludedComponentIds: tb.excludedComponentIds.map(r),
      updatedAt: t,
    })),
    metrics: bundle.metrics.map((x) => ({
      ...structuredClone(x),
      id: r(x.id),
      caseStudyId: csId,
      updatedAt: t,
    })),
    flows: bundle.flows.map((f) => ({
      ...structuredClone(f),
      id: r(f.id),
      caseStudyId: csId,
      diagramId: r(f.diagramId),
      steps: f.steps.map((s) => ({
        ...s,
        id: r(s.id),
        fromId: r(s.fromId),
        toId: r(s.toId),
        connectionId: refOrNull(s.connectionId),
      })),
      updatedAt: t,
    })),
  };
}

// ---------------------------------------------------------------------------
// Readiness-review finding keys (src/lib/review). They live here, beside the re-keying,
// because stored dismissals hold them: a key names record ids, so a re-keyed bundle must
// carry re-keyed dismissals.
// ---------------------------------------------------------------------------

/**
 * The stable key of a review finding: `ruleId:subject:subject…`. Subjects are record ids
 * (which survive edits and reloads) or, for findings about a piece of text such as a
 * technology name, that text normalised; each is percent-encoded so it never contains ':'
 * (ids are unchanged by the encoding). Rule ids must not contain ':'.
 */
export function findingKey(ruleId: string, ...subjects: string[]): string {
  return [ruleId, ...subjects.map((s) => encodeURIComponent(s))].join(':');
}

function decodeSubject(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** The rule id and subjects of a key made by `findingKey`. */
export function parseFindingKey(key: string): { ruleId: string; subjects: string[] } {
  const [ruleId = '', ...rest] = key.split(':');
  return { ruleId, subjects: rest.map((raw) => decodeSubject(raw) ?? raw) };
}

/**
 * A finding key with every subject id passed through `ref`; subjects `ref` leaves alone
 * (text, ids from elsewhere) keep their exact spelling, so an unmapped key comes back as is.
 */
export function rekeyFindingKey(key: string, ref: (id: Id) => Id): string {
  const [ruleId = '', ...rest] = key.split(':');
  const subjects = rest.map((raw) => {
    const subject = decodeSubject(raw);
    if (subject === null) return raw;
    const mapped = ref(subject);
    return mapped === subject ? raw : encodeURIComponent(mapped);
  });
  return [ruleId, ...subjects].join(':');
}

/** Dismissals with their keys re-keyed, for a bundle re-keyed with the same `ref`. */
export function rekeyDismissals(
  dismissals: readonly ReviewDismissal[],
  ref: (id: Id) => Id,
): ReviewDismissal[] {
  return dismissals.map((d) => ({ ...d, key: rekeyFindingKey(d.key, ref) }));
}

/** True when `id` looks like one of ours (used by repair and import). */
export function isKnownId(id: string): boolean {
  return idKindOf(id) !== null;
}

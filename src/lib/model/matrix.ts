/**
 * Weighted decision matrix: criteria with weights × a decision's options, a score of 1–5 per
 * cell, weighted totals and a ranking. Pure; every helper returns a new matrix.
 *
 * Scoring rules:
 * - total(option) = Σ weight(criterion) × score(criterion, option);
 * - a missing score counts as 0 (an option cannot win by being left blank), and is reported
 *   in `missing` so the UI can mark the column as incomplete;
 * - max = Σ weight × 5 (the same for every option); percent = total / max × 100 (0 when max is 0);
 * - ranks are competition ranks (1, 1, 3): options with equal totals share a rank, and
 *   `ranking` keeps their option order;
 * - `topOptionIds` are the options ranked 1, but only when some option scored above 0
 *   (an empty matrix highlights nothing).
 */
import { newId } from './ids';
import type { DecisionMatrix, DecisionOption, Id, MatrixCriterion } from './types';

export const MIN_SCORE = 1;
export const MAX_SCORE = 5;

export interface OptionTotal {
  optionId: Id;
  total: number;
  max: number;
  percent: number;
  rank: number;
  /** Criteria with no score for this option (they count as 0). */
  missing: number;
}

export interface MatrixScore {
  /** One per option, in the options' order. */
  totals: OptionTotal[];
  /** Option ids, best first; ties keep the options' order. */
  ranking: Id[];
  /** The best-scoring option(s); empty when nothing has been scored. */
  topOptionIds: Id[];
  /** Every criterion has a score for every option. */
  complete: boolean;
}

/** Rounded to 1e-9 so that 0.1 + 0.2 ties with 0.3. */
function tidy(n: number): number {
  return Math.round(n * 1e9) / 1e9;
}

function validWeight(w: number): number {
  return Number.isFinite(w) && w > 0 ? w : 0;
}

export function scoreMatrix(
  matrix: DecisionMatrix,
  options: readonly Pick<DecisionOption, 'id'>[],
): MatrixScore {
  const max = tidy(matrix.criteria.reduce((sum, c) => sum + validWeight(c.weight) * MAX_SCORE, 0));
  const raw = options.map((o) => {
    let total = 0;
    let missing = 0;
    for (const c of matrix.criteria) {
      const score = matrix.scores[c.id]?.[o.id];
      if (score === undefined || !Number.isFinite(score)) missing += 1;
      else total += validWeight(c.weight) * score;
    }
    total = tidy(total);
    return { optionId: o.id, total, max, percent: max > 0 ? tidy((total / max) * 100) : 0, missing };
  });
  const order = raw.map((r, i) => ({ r, i })).sort((a, b) => b.r.total - a.r.total || a.i - b.i);
  const rankOf = new Map<number, number>();
  order.forEach(({ r, i }, pos) => {
    const prev = order[pos - 1];
    rankOf.set(i, prev && prev.r.total === r.total ? (rankOf.get(prev.i) ?? pos + 1) : pos + 1);
  });
  const totals = raw.map((r, i) => ({ ...r, rank: rankOf.get(i) ?? i + 1 }));
  const best = order[0]?.r.total ?? 0;
  return {
    totals,
    ranking: order.map(({ r }) => r.optionId),
    topOptionIds: best > 0 ? totals.filter((t) => t.rank === 1).map((t) => t.optionId) : [],
    complete: totals.every((t) => t.missing === 0),
  };
}

/**
 * True when a chosen option exists and the matrix ranks other options strictly above it
 * (a tie for first is not a warning; nor is a matrix with nothing scored).
 */
export function chosenIsNotTop(
  matrix: DecisionMatrix,
  options: readonly Pick<DecisionOption, 'id'>[],
  chosenOptionId: Id | null,
): boolean {
  if (chosenOptionId === null || !options.some((o) => o.id === chosenOptionId)) return false;
  const { topOptionIds } = scoreMatrix(matrix, options);
  return topOptionIds.length > 0 && !topOptionIds.includes(chosenOptionId);
}

// ---------------------------------------------------------------------------
// Editing
// ---------------------------------------------------------------------------

/** Score as stored: an integer 1–5 (rounded, clamped), or null for "clear" (NaN, null). */
export function clampScore(score: number | null): number | null {
  if (score === null || !Number.isFinite(score)) return null;
  return Math.min(MAX_SCORE, Math.max(MIN_SCORE, Math.round(score)));
}

/** Weight as stored: finite and ≥ 0 (negative or NaN → 0). */
export function clampWeight(weight: number): number {
  return Number.isFinite(weight) && weight > 0 ? weight : 0;
}

export function emptyMatrix(): DecisionMatrix {
  return { criteria: [], scores: {} };
}

export function addCriterion(
  matrix: DecisionMatrix,
  init: { name?: string; weight?: number; id?: Id; index?: number } = {},
): DecisionMatrix {
  const criterion: MatrixCriterion = {
    id: init.id ?? newId('criterion'),
    name: init.name ?? '',
    weight: clampWeight(init.weight ?? 1),
  };
  const criteria = [...matrix.criteria];
  const at = init.index === undefined ? criteria.length : Math.max(0, Math.min(criteria.length, init.index));
  criteria.splice(at, 0, criterion);
  return { ...matrix, criteria };
}

export function removeCriterion(matrix: DecisionMatrix, criterionId: Id): DecisionMatrix {
  const { [criterionId]: _dropped, ...scores } = matrix.scores;
  return { criteria: matrix.criteria.filter((c) => c.id !== criterionId), scores };
}

export function renameCriterion(matrix: DecisionMatrix, criterionId: Id, name: string): DecisionMatrix {
  return { ...matrix, criteria: matrix.criteria.map((c) => (c.id === criterionId ? { ...c, name } : c)) };
}

export function setWeight(matrix: DecisionMatrix, criterionId: Id, weight: number): DecisionMatrix {
  const w = clampWeight(weight);
  return {
    ...matrix,
    criteria: matrix.criteria.map((c) => (c.id === criterionId ? { ...c, weight: w } : c)),
  };
}

/** Move a criterion by `delta` places (clamped). */
export function moveCriterion(matrix: DecisionMatrix, criterionId: Id, delta: number): DecisionMatrix {
  const from = matrix.criteria.findIndex((c) => c.id === criterionId);
  if (from < 0) return matrix;
  const to = Math.max(0, Math.min(matrix.criteria.length - 1, from + Math.trunc(delta)));
  if (to === from) return matrix;
  const criteria = [...matrix.criteria];
  const [moved] = criteria.splice(from, 1);
  if (moved) criteria.splice(to, 0, moved);
  return { ...matrix, criteria };
}

/** Set one score (rounded and clamped to 1–5); null clears it. Unknown criterion: unchanged. */
export function setScore(
  matrix: DecisionMatrix,
  criterionId: Id,
  optionId: Id,
  score: number | null,
): DecisionMatrix {
  if (!matrix.criteria.some((c) => c.id === criterionId)) return matrix;
  const value = clampScore(score);
  const row = { ...(matrix.scores[criterionId] ?? {}) };
  if (value === null) delete row[optionId];
  else row[optionId] = value;
  return { ...matrix, scores: { ...matrix.scores, [criterionId]: row } };
}

/**
 * Drop scores of criteria or options that no longer exist, and repair stored scores that
 * are out of range. Returns the same object when nothing changed.
 */
export function pruneScores(
  matrix: DecisionMatrix,
  options: readonly Pick<DecisionOption, 'id'>[],
): DecisionMatrix {
  const criterionIds = new Set(matrix.criteria.map((c) => c.id));
  const optionIds = new Set(options.map((o) => o.id));
  let changed = false;
  const scores: DecisionMatrix['scores'] = {};
  for (const [cid, row] of Object.entries(matrix.scores)) {
    if (!criterionIds.has(cid)) {
      changed = true;
      continue;
    }
    const kept: Record<Id, number> = {};
    for (const [oid, s] of Object.entries(row)) {
      const v = clampScore(s);
      if (!optionIds.has(oid) || v === null) changed = true;
      else {
        if (v !== s) changed = true;
        kept[oid] = v;
      }
    }
    scores[cid] = kept;
  }
  return changed ? { ...matrix, scores } : matrix;
}

/** Rewrite option ids (e.g. after superseding, which gives the options fresh ids); unmapped scores are dropped. */
export function remapMatrixOptions(matrix: DecisionMatrix, optionIdMap: ReadonlyMap<Id, Id>): DecisionMatrix {
  const scores: DecisionMatrix['scores'] = {};
  for (const [cid, row] of Object.entries(matrix.scores)) {
    const next: Record<Id, number> = {};
    for (const [oid, s] of Object.entries(row)) {
      const mapped = optionIdMap.get(oid);
      if (mapped !== undefined) next[mapped] = s;
    }
    scores[cid] = next;
  }
  return { criteria: matrix.criteria.map((c) => ({ ...c })), scores };
}

/**
 * Paste a grid (from parseTsv) into the matrix laid out as the UI shows it: one row per
 * criterion, column 0 = criterion name, column 1 = weight, columns 2… = the options in order.
 * Rows past the last criterion add criteria; cells past the last option are ignored; a cell
 * that is not a number leaves a weight unchanged and clears a score.
 */
export function pasteIntoMatrix(
  matrix: DecisionMatrix,
  options: readonly Pick<DecisionOption, 'id'>[],
  startRow: number,
  startCol: number,
  grid: readonly (readonly string[])[],
): DecisionMatrix {
  let out = matrix;
  grid.forEach((cells, r) => {
    const rowIndex = Math.max(0, startRow) + r;
    while (out.criteria.length <= rowIndex) out = addCriterion(out);
    const criterion = out.criteria[rowIndex];
    if (!criterion) return;
    cells.forEach((text, c) => {
      const col = Math.max(0, startCol) + c;
      const number = parseLooseNumber(text);
      if (col === 0) out = renameCriterion(out, criterion.id, text.trim());
      else if (col === 1) {
        if (number !== null) out = setWeight(out, criterion.id, number);
      } else {
        const option = options[col - 2];
        if (option) out = setScore(out, criterion.id, option.id, number);
      }
    });
  });
  return out;
}

function parseLooseNumber(text: string): number | null {
  const t = text.trim().replace(',', '.');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(t)) return null;
  return Number(t);
}

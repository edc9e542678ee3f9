import { describe, expect, it, test } from 'vitest';
import {
  addCriterion,
  chosenIsNotTop,
  clampScore,
  emptyMatrix,
  idKindOf,
  moveCriterion,
  pasteIntoMatrix,
  pruneScores,
  remapMatrixOptions,
  removeCriterion,
  renameCriterion,
  scoreMatrix,
  setScore,
  setWeight,
  type DecisionMatrix,
} from '../../../src/lib/model';

const options = [{ id: 'opt_pg' }, { id: 'opt_mongo' }, { id: 'opt_dynamo' }];

/** A matrix from weights and a score table (criterion → scores per option, in option order; null = missing). */
function matrixOf(weights: number[], scores: (number | null)[][]): DecisionMatrix {
  const criteria = weights.map((weight, i) => ({ id: `crit_${i}`, name: `C${i}`, weight }));
  const table: DecisionMatrix['scores'] = {};
  scores.forEach((row, i) => {
    const cells: Record<string, number> = {};
    row.forEach((s, j) => {
      const o = options[j];
      if (s !== null && o) cells[o.id] = s;
    });
    table[`crit_${i}`] = cells;
  });
  return { criteria, scores: table };
}

describe('scoreMatrix', () => {
  test.each([
    {
      case: 'weighted totals and ranking',
      weights: [3, 2],
      scores: [
        [5, 3, 2],
        [4, 3, 5],
      ],
      totals: [23, 15, 16],
      ranks: [1, 3, 2],
      ranking: ['opt_pg', 'opt_dynamo', 'opt_mongo'],
      top: ['opt_pg'],
    },
    {
      case: 'weights change the winner',
      weights: [1, 5],
      scores: [
        [5, 3, 2],
        [4, 3, 5],
      ],
      totals: [25, 18, 27],
      ranks: [2, 3, 1],
      ranking: ['opt_dynamo', 'opt_pg', 'opt_mongo'],
      top: ['opt_dynamo'],
    },
    {
      case: 'a tie for first shares rank 1, in option order',
      weights: [1, 1],
      scores: [
        [5, 4, 3],
        [3, 4, 1],
      ],
      totals: [8, 8, 4],
      ranks: [1, 1, 3],
      ranking: ['opt_pg', 'opt_mongo', 'opt_dynamo'],
      top: ['opt_pg', 'opt_mongo'],
    },
    {
      case: 'a tie below the top',
      weights: [2],
      scores: [[5, 3, 3]],
      totals: [10, 6, 6],
      ranks: [1, 2, 2],
      ranking: ['opt_pg', 'opt_mongo', 'opt_dynamo'],
      top: ['opt_pg'],
    },
    {
      case: 'a missing score counts as 0',
      weights: [1, 1],
      scores: [
        [5, 5, null],
        [null, 4, 5],
      ],
      totals: [5, 9, 5],
      ranks: [2, 1, 2],
      ranking: ['opt_mongo', 'opt_pg', 'opt_dynamo'],
      top: ['opt_mongo'],
    },
    {
      case: 'fractional weights tie exactly',
      weights: [0.1, 0.2, 0.3],
      scores: [
        [1, null, null],
        [1, null, null],
        [null, 1, null],
      ],
      totals: [0.3, 0.3, 0],
      ranks: [1, 1, 3],
      ranking: ['opt_pg', 'opt_mongo', 'opt_dynamo'],
      top: ['opt_pg', 'opt_mongo'],
    },
    {
      case: 'a zero weight does not count',
      weights: [0, 1],
      scores: [
        [5, 1, 1],
        [1, 2, 3],
      ],
      totals: [1, 2, 3],
      ranks: [3, 2, 1],
      ranking: ['opt_dynamo', 'opt_mongo', 'opt_pg'],
      top: ['opt_dynamo'],
    },
    {
      case: 'nothing scored highlights nothing',
      weights: [1, 1],
      scores: [
        [null, null, null],
        [null, null, null],
      ],
      totals: [0, 0, 0],
      ranks: [1, 1, 1],
      ranking: ['opt_pg', 'opt_mongo', 'opt_dynamo'],
      top: [],
    },
    {
      case: 'no criteria',
      weights: [],
      scores: [],
      totals: [0, 0, 0],
      ranks: [1, 1, 1],
      ranking: ['opt_pg', 'opt_mongo', 'opt_dynamo'],
      top: [],
    },
  ])('$case', ({ weights, scores, totals, ranks, ranking, top }) => {
    const result = scoreMatrix(matrixOf(weights, scores), options);
    expect(result.totals.map((t) => t.optionId)).toEqual(options.map((o) => o.id));
    expect(result.totals.map((t) => t.total)).toEqual(totals);
    expect(result.totals.map((t) => t.rank)).toEqual(ranks);
    expect(result.ranking).toEqual(ranking);
    expect(result.topOptionIds).toEqual(top);
  });

  it('reports the maximum, the percentage and the missing cells', () => {
    const result = scoreMatrix(
      matrixOf(
        [3, 2],
        [
          [5, 3, null],
          [4, 3, null],
        ],
      ),
      options,
    );
    expect(result.totals.map((t) => t.max)).toEqual([25, 25, 25]);
    expect(result.totals.map((t) => t.percent)).toEqual([92, 60, 0]);
    expect(result.totals.map((t) => t.missing)).toEqual([0, 0, 2]);
    expect(result.complete).toBe(false);
  });

  it('ignores scores of options that are not given', () => {
    const m = matrixOf([1], [[5, 5, 5]]);
    const result = scoreMatrix(m, [{ id: 'opt_mongo' }]);
    expect(result.totals).toHaveLength(1);
    expect(result.complete).toBe(true);
  });
});

describe('chosenIsNotTop', () => {
  const m = matrixOf(
    [1, 1],
    [
      [5, 4, 1],
      [3, 4, 1],
    ],
  ); // pg 8, mongo 8, dynamo 2
  test.each([
    ['the chosen option is the top', 'opt_pg', false],
    ['the chosen option ties for the top', 'opt_mongo', false],
    ['another option scores higher', 'opt_dynamo', true],
    ['nothing chosen', null, false],
    ['the chosen option is not in the matrix', 'opt_gone', false],
  ])('%s → %s', (_case, chosen, warn) => {
    expect(chosenIsNotTop(m, options, chosen)).toBe(warn);
  });

  it('does not warn while nothing is scored', () => {
    expect(chosenIsNotTop(matrixOf([1], [[null, null, null]]), options, 'opt_pg')).toBe(false);
  });
});

describe('editing the matrix', () => {
  test.each([
    [3, 3],
    [0, 1],
    [-2, 1],
    [9, 5],
    [2.4, 2],
    [2.5, 3],
    [Number.NaN, null],
    [null, null],
  ])('score %s is stored as %s', (input, stored) => {
    expect(clampScore(input)).toBe(stored);
  });

  it('adds, renames, weights, moves and removes criteria', () => {
    let m = addCriterion(emptyMatrix(), { name: 'Cost', weight: 2 });
    m = addCriterion(m, { name: 'Latency', id: 'crit_lat' });
    m = addCriterion(m, { name: 'First', id: 'crit_first', index: 0 });
    expect(m.criteria.map((c) => [c.name, c.weight])).toEqual([
      ['First', 1],
      ['Cost', 2],
      ['Latency', 1],
    ]);
    expect(idKindOf(m.criteria[1]?.id ?? '')).toBe('criterion');
    m = renameCriterion(m, 'crit_lat', 'P95 latency');
    m = setWeight(m, 'crit_lat', 4);
    expect(m.criteria[2]).toEqual({ id: 'crit_lat', name: 'P95 latency', weight: 4 });
    expect(setWeight(m, 'crit_lat', -1).criteria[2]?.weight).toBe(0);
    expect(setWeight(m, 'crit_lat', Number.NaN).criteria[2]?.weight).toBe(0);
    m = moveCriterion(m, 'crit_first', 5);
    expect(m.criteria.map((c) => c.id).at(-1)).toBe('crit_first');
    m = setScore(m, 'crit_lat', 'opt_pg', 4);
    m = removeCriterion(m, 'crit_lat');
    expect(m.criteria.map((c) => c.name)).toEqual(['Cost', 'First']);
    expect(m.scores).not.toHaveProperty('crit_lat');
  });

  it('sets, clamps and clears scores', () => {
    let m = addCriterion(emptyMatrix(), { id: 'crit_a' });
    m = setScore(m, 'crit_a', 'opt_pg', 7);
    m = setScore(m, 'crit_a', 'opt_mongo', 2.6);
    expect(m.scores).toEqual({ crit_a: { opt_pg: 5, opt_mongo: 3 } });
    m = setScore(m, 'crit_a', 'opt_pg', null);
    expect(m.scores).toEqual({ crit_a: { opt_mongo: 3 } });
    expect(setScore(m, 'crit_unknown', 'opt_pg', 3)).toBe(m);
  });

  it('prunes scores of removed options and criteria, and repairs out-of-range ones', () => {
    const m: DecisionMatrix = {
      criteria: [{ id: 'crit_a', name: 'A', weight: 1 }],
      scores: { crit_a: { opt_pg: 4, opt_gone: 5, opt_mongo: 0 }, crit_gone: { opt_pg: 1 } },
    };
    expect(pruneScores(m, options)).toEqual({
      criteria: m.criteria,
      scores: { crit_a: { opt_pg: 4, opt_mongo: 1 } },
    });
    const clean = pruneScores(m, options);
    expect(pruneScores(clean, options)).toBe(clean);
  });

  it('remaps option ids after superseding', () => {
    const m = matrixOf([1], [[5, 3, null]]);
    const out = remapMatrixOptions(
      m,
      new Map([
        ['opt_pg', 'opt_pg2'],
        ['opt_mongo', 'opt_mongo2'],
      ]),
    );
    expect(out.scores).toEqual({ crit_0: { opt_pg2: 5, opt_mongo2: 3 } });
    expect(out.criteria).toEqual(m.criteria);
    expect(out.criteria[0]).not.toBe(m.criteria[0]);
  });

  it('pastes criteria, weights and scores from a spreadsheet', () => {
    const grid = [
      ['Consistency', '3', '5', '3', '2', 'extra'],
      ['Ops cost', '2', '4', 'n/a', '5'],
    ];
    const m = pasteIntoMatrix(emptyMatrix(), options, 0, 0, grid);
    expect(m.criteria.map((c) => [c.name, c.weight])).toEqual([
      ['Consistency', 3],
      ['Ops cost', 2],
    ]);
    const [a, b] = m.criteria.map((c) => c.id);
    expect(m.scores[a ?? '']).toEqual({ opt_pg: 5, opt_mongo: 3, opt_dynamo: 2 });
    expect(m.scores[b ?? '']).toEqual({ opt_pg: 4, opt_dynamo: 5 });
    expect(scoreMatrix(m, options).totals.map((t) => t.total)).toEqual([23, 9, 16]);
  });
});

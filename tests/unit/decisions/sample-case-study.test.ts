import { describe, expect, it } from 'vitest';
import {
  chosenIsNotTop,
  formatDecisionNumber,
  phraseMetric,
  scoreMatrix,
  statusLabel,
  supersede,
  techStackRows,
} from '../../../src/lib/model';
import { decisionByNumber, sampleBundle, tableByKind } from '../../fixtures/sample-bundle';

describe('the sample case study', () => {
  const b = sampleBundle();

  it('shows the stored rows first, then the other components with a technology', () => {
    const t = tableByKind(b, 'tech-stack');
    const rows = techStackRows(t, b.components).rows.map((r) =>
      t.columns.map((c) => r.cells[c.id] ?? '').slice(0, 2),
    );
    expect(rows).toEqual([
      ['Database', 'PostgreSQL 15'],
      ['Messaging', 'Amazon SQS'],
      ['API gateway', 'Kong'],
      ['Service', 'Node.js 20'],
      ['Queue', 'Amazon SQS'],
      ['Dead letter queue', 'Amazon SQS'],
      ['External service', 'Stripe API'],
      ['Cache', 'Redis 7'],
    ]);
  });

  it('scores the decision matrix of TDR-002 and agrees with its choice', () => {
    const t = tableByKind(b, 'matrix');
    const d = decisionByNumber(b, 2);
    if (!t.matrix) throw new Error('no matrix');
    const s = scoreMatrix(t.matrix, d.options);
    expect(s.totals.map((x) => [x.total, x.rank])).toEqual([
      [23, 1],
      [15, 3],
      [16, 2],
    ]);
    expect(s.topOptionIds).toEqual([d.chosenOptionId]);
    expect(chosenIsNotTop(t.matrix, d.options, d.chosenOptionId)).toBe(false);
  });

  it('labels TDR-001 as superseded by TDR-002, and supersedes TDR-002 as TDR-003', () => {
    const first = decisionByNumber(b, 1);
    expect(statusLabel(first, b.decisions)).toBe('superseded by TDR-002');
    const { created } = supersede(decisionByNumber(b, 2), b.decisions);
    expect(formatDecisionNumber(created.number)).toBe('TDR-003');
  });

  it('phrases its metrics', () => {
    expect(b.metrics.map((m) => phraseMetric(m).text)).toEqual([
      'Checkout p95 latency: 2.5 s → 180 ms (93% lower, 13.9× faster)',
      'Checkout conversion: 2.1% → 2.6% (+0.5 pp, 24% higher)',
    ]);
  });
});

// @vitest-environment happy-dom
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { buildFlowchart } from '../../../src/lib/export/mermaid';
import { randomDiagram } from './arbitraries';
import { expectFaithful } from './expect-flowchart';
import { readFlowchart } from './harness';

describe('flowchart export of random diagrams with hostile labels', () => {
  it('always parses, and Mermaid reads back the labels, subgraph membership and edges that were exported', async () => {
    await fc.assert(
      fc.asyncProperty(randomDiagram, fc.boolean(), async ({ diagram, rows }, includePolicies) => {
        const exported = buildFlowchart(diagram, rows, { includePolicies });
        const back = await readFlowchart(exported.text);
        expectFaithful(diagram, rows, exported, back, includePolicies);
      }),
      { numRuns: 60 },
    );
  }, 30_000);
});

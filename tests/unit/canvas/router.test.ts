import { expect, test } from 'vitest';
import {
  caseStudyHref,
  decisionsHref,
  documentHref,
  reviewHref,
  parseRoute,
  tradeoffsHref,
} from '../../../src/lib/state/router.svelte';

const cs = (rest: object) => ({
  name: 'case-study',
  caseStudyId: 'cs_abc',
  diagramId: null,
  decisionId: null,
  ...rest,
});

test.each([
  ['', { name: 'home' }],
  ['#/', { name: 'home' }],
  ['#/nonsense', { name: 'home' }],
  ['#/cs/cs_abc', cs({ view: 'diagram' })],
  ['#/cs/cs_abc/d/dgm_1', cs({ view: 'diagram', diagramId: 'dgm_1' })],
  ['#/cs/cs_abc/decisions', cs({ view: 'decisions' })],
  ['#/cs/cs_abc/decisions/dec_1', cs({ view: 'decisions', decisionId: 'dec_1' })],
  ['#/cs/cs_abc/tradeoffs', cs({ view: 'tradeoffs' })],
  ['#/cs/cs_abc/document', cs({ view: 'document' })],
  ['#/cs/cs_abc/review', cs({ view: 'review' })],
])('parses %j', (hash, route) => {
  expect(parseRoute(hash)).toEqual(route);
});

test('links round-trip through the parser', () => {
  expect(parseRoute(caseStudyHref('cs_a b', 'dgm_x'))).toMatchObject({
    caseStudyId: 'cs_a b',
    diagramId: 'dgm_x',
  });
  expect(parseRoute(decisionsHref('cs_a', 'dec_1'))).toMatchObject({
    view: 'decisions',
    decisionId: 'dec_1',
  });
  expect(parseRoute(tradeoffsHref('cs_a'))).toMatchObject({ view: 'tradeoffs' });
  expect(parseRoute(documentHref('cs_a b'))).toMatchObject({ view: 'document', caseStudyId: 'cs_a b' });
  expect(parseRoute(reviewHref('cs_a b'))).toMatchObject({ view: 'review', caseStudyId: 'cs_a b' });
});

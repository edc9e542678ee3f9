import { expect, test } from 'vitest';
import { caseStudyHref, parseRoute } from '../../../src/lib/state/router.svelte';

test.each([
  ['', { name: 'home' }],
  ['#/', { name: 'home' }],
  ['#/nonsense', { name: 'home' }],
  ['#/cs/cs_abc', { name: 'case-study', caseStudyId: 'cs_abc', diagramId: null }],
  ['#/cs/cs_abc/d/dgm_1', { name: 'case-study', caseStudyId: 'cs_abc', diagramId: 'dgm_1' }],
])('parses %j', (hash, route) => {
  expect(parseRoute(hash)).toEqual(route);
});

test('links round-trip through the parser', () => {
  const href = caseStudyHref('cs_a b', 'dgm_x');
  expect(parseRoute(href)).toEqual({ name: 'case-study', caseStudyId: 'cs_a b', diagramId: 'dgm_x' });
});

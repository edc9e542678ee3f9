import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import {
  BOUNDARY_CATALOGUE,
  BOUNDARY_KINDS,
  COMPONENT_CATALOGUE,
  COMPONENT_CATEGORIES,
  COMPONENT_KINDS,
  MERMAID_SHAPES,
  POLICY_DEFAULTS,
  POLICY_KINDS,
  POLICY_LABELS,
  PoliciesSchema,
  componentKindsByCategory,
  defaultPolicy,
  policySummary,
} from '../../../src/lib/model';

describe('component catalogue', () => {
  it('has the 16 component kinds', () => {
    expect(COMPONENT_KINDS).toHaveLength(16);
    expect(Object.keys(COMPONENT_CATALOGUE).sort()).toEqual([...COMPONENT_KINDS].sort());
  });

  it.each(COMPONENT_KINDS)('%s has a label, icon, category and Mermaid shape', (kind) => {
    const info = COMPONENT_CATALOGUE[kind];
    expect(info.kind).toBe(kind);
    expect(info.label.trim()).not.toBe('');
    expect(info.description.trim()).not.toBe('');
    expect(info.icon).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(COMPONENT_CATEGORIES).toContain(info.category);
    expect(Object.keys(MERMAID_SHAPES)).toContain(info.mermaidShape);
    expect(info.keywords.length).toBeGreaterThan(0);
  });

  it('marks the dead letter queue as the failure sink and the external service as external', () => {
    const sinks = COMPONENT_KINDS.filter((k) => COMPONENT_CATALOGUE[k].failureSink);
    expect(sinks).toEqual(['dead-letter-queue']);
    expect(COMPONENT_CATALOGUE['external-service'].external).toBe(true);
  });

  it('groups every kind under exactly one palette category', () => {
    const grouped = componentKindsByCategory();
    expect(grouped.map((g) => g.category)).toEqual([...COMPONENT_CATEGORIES]);
    expect(grouped.flatMap((g) => g.kinds.map((k) => k.kind)).sort()).toEqual([...COMPONENT_KINDS].sort());
    expect(grouped.every((g) => g.kinds.length > 0)).toBe(true);
  });
});

describe('boundary catalogue', () => {
  it('has at least 5 boundary kinds, each with a label, icon and outline', () => {
    expect(BOUNDARY_KINDS.length).toBeGreaterThanOrEqual(5);
    expect(Object.keys(BOUNDARY_CATALOGUE).sort()).toEqual([...BOUNDARY_KINDS].sort());
    for (const kind of BOUNDARY_KINDS) {
      const info = BOUNDARY_CATALOGUE[kind];
      expect(info.kind).toBe(kind);
      expect(info.label.trim()).not.toBe('');
      expect(info.icon).not.toBe('');
      expect(['solid', 'dashed', 'dotted', 'double']).toContain(info.outline);
    }
  });
});

describe('resilience policies', () => {
  it('has defaults and a label for every policy kind', () => {
    expect([...POLICY_KINDS].sort()).toEqual(Object.keys(POLICY_LABELS).sort());
  });

  it('has defaults that pass the policies schema, all together and one by one', () => {
    expect(v.safeParse(PoliciesSchema, POLICY_DEFAULTS).success).toBe(true);
    for (const kind of POLICY_KINDS) {
      expect(v.safeParse(PoliciesSchema, { [kind]: defaultPolicy(kind) }).success, kind).toBe(true);
    }
  });

  it('hands out a fresh copy of a default each time', () => {
    const a = defaultPolicy('retry');
    a.maxAttempts = 99;
    expect(defaultPolicy('retry').maxAttempts).toBe(3);
    expect(POLICY_DEFAULTS.retry.maxAttempts).toBe(3);
  });

  it.each([
    [{}, []],
    [{ timeout: { ms: 2000 } }, ['⏱2s']],
    [{ timeout: { ms: 1500 } }, ['⏱1.5s']],
    [{ timeout: { ms: 250 } }, ['⏱250ms']],
    [{ timeout: { ms: 1234 } }, ['⏱1234ms']],
    [{ retry: defaultPolicy('retry') }, ['⟳3']],
    [{ circuitBreaker: defaultPolicy('circuitBreaker') }, ['⚡CB']],
    [
      {
        deadLetter: defaultPolicy('deadLetter'),
        circuitBreaker: defaultPolicy('circuitBreaker'),
        timeout: { ms: 2000 },
        retry: defaultPolicy('retry'),
      },
      ['⏱2s', '⟳3', '⚡CB', '☠DLQ'],
    ],
    [POLICY_DEFAULTS, ['⏱2s', '⟳3', '⚡CB', '↩FB', '⛔100/s', '▦10', '≡ID', '☠DLQ']],
  ])('summarises %j as %j', (policies, expected) => {
    expect(policySummary(policies)).toEqual(expected);
  });
});

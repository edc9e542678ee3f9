/**
 * Components: a technology on each (clients excepted: a person or a browser need not name
 * one), and for each technology choice a "why this choice" and the alternatives considered.
 * Choices are grouped by technology (context.ts): two "Amazon SQS" queues are one choice,
 * explained once — on either component or in a typed tech-stack row — and reported once,
 * keyed by the normalised technology name and pointing at its first component.
 */
import type { Component } from '../../model';
import { blank, nameList, type ReviewContext, type TechnologyChoice } from '../context';
import { defineRule } from './define';

/** Components expected to name a technology. */
export function needsTechnology(c: Component): boolean {
  return c.kind !== 'client';
}

/** 'Amazon SQS (Payment jobs, Payment DLQ)'. */
export function choiceName(choice: TechnologyChoice, ctx: ReviewContext): string {
  return `${choice.technology} (${nameList(choice.components.map((c) => ctx.nodeName(c.id)))})`;
}

export const componentNoTechnology = defineRule(
  {
    id: 'component.no-technology',
    severity: 'should',
    criterion: 'technicalDepth',
    description: 'A component (other than a client) with no technology.',
    why: 'A box labelled "Worker" or "Database" gives a reviewer nothing to assess; name what it runs on.',
  },
  (bundle, ctx, emit) => {
    for (const c of bundle.components) {
      if (!needsTechnology(c) || !blank(c.technology)) continue;
      emit([c.id], `${ctx.nodeName(c.id)} has no technology`, {
        type: 'component',
        diagramId: c.diagramId,
        id: c.id,
        field: 'technology',
      });
    }
  },
);

export const componentNoWhy = defineRule(
  {
    id: 'component.no-why',
    severity: 'should',
    criterion: 'architectureReasoning',
    description:
      'A technology choice with no "why this choice" (on any of its components or in the tech-stack table).',
    why: 'Reviewers grade the reasoning behind a choice, not the choice itself.',
  },
  (_bundle, ctx, emit) => {
    for (const choice of ctx.technologyChoices) {
      const first = choice.components[0];
      if (choice.hasWhy || !first) continue;
      emit([choice.key], `${choiceName(choice, ctx)} has no "why this choice"`, {
        type: 'component',
        diagramId: first.diagramId,
        id: first.id,
        field: 'why',
      });
    }
  },
);

export const componentNoAlternatives = defineRule(
  {
    id: 'component.no-alternatives',
    severity: 'consider',
    criterion: 'architectureReasoning',
    description: 'A technology choice with no alternatives considered.',
    why: 'Naming what else you considered shows the choice was a decision, not a default.',
  },
  (_bundle, ctx, emit) => {
    for (const choice of ctx.technologyChoices) {
      const first = choice.components[0];
      if (choice.hasAlternatives || !first) continue;
      emit([choice.key], `${choiceName(choice, ctx)} has no alternatives considered`, {
        type: 'component',
        diagramId: first.diagramId,
        id: first.id,
        field: 'alternatives',
      });
    }
  },
);

export const COMPONENT_RULES = [componentNoTechnology, componentNoWhy, componentNoAlternatives];

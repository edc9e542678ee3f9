/**
 * The case study's technologies list against the components (matching: technology.ts,
 * case- and version-insensitive, "SQS" matches "Amazon SQS").
 * - Listed but unused: keyed by the normalised name, pointing at the list.
 * - Used but unlisted: one finding per technology choice (context.ts), keyed by its
 *   normalised name, pointing at the list (where the fix goes).
 */
import { blank } from '../context';
import { normaliseTechnology, technologiesMatch } from '../technology';
import { choiceName } from './components';
import { defineRule } from './define';

export const techListedUnused = defineRule(
  {
    id: 'tech.listed-unused',
    severity: 'consider',
    criterion: 'clarity',
    description: "A technology in the case study's technologies list that no component uses.",
    why: 'A technology in the list that appears nowhere on the diagram leaves readers guessing where it fits.',
  },
  (bundle, _ctx, emit) => {
    const seen = new Set<string>();
    for (const t of bundle.caseStudy.technologies) {
      if (blank(t)) continue;
      const key = normaliseTechnology(t) || t.trim().toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      if (bundle.components.some((c) => technologiesMatch(t, c.technology))) continue;
      emit([key], `"${t.trim()}" is listed but no component uses it`, {
        type: 'case-study',
        field: 'technologies',
      });
    }
  },
);

export const techUnlisted = defineRule(
  {
    id: 'tech.unlisted',
    severity: 'consider',
    criterion: 'clarity',
    description: "A component technology missing from the case study's technologies list.",
    why: 'The technologies list is what a skimming reader sees; it should match what the diagram runs on.',
  },
  (bundle, ctx, emit) => {
    const listed = bundle.caseStudy.technologies;
    for (const choice of ctx.technologyChoices) {
      if (listed.some((t) => technologiesMatch(t, choice.technology))) continue;
      emit([choice.key], `${choiceName(choice, ctx)} is missing from the technologies list`, {
        type: 'case-study',
        field: 'technologies',
      });
    }
  },
);

export const TECHNOLOGY_RULES = [techListedUnused, techUnlisted];

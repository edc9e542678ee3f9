/** Which free-text sections each document template fills, with the labels the form shows. */
import type { SectionKey, TemplateId } from '../../model/types';

export const SECTION_LABELS: Record<SectionKey, string> = {
  overview: 'Overview',
  situation: 'Situation',
  task: 'Task',
  action: 'Action',
  result: 'Result',
  problem: 'Problem',
  solution: 'Solution',
  impact: 'Impact',
  leadershipImpact: 'Leadership impact',
  tradeOffAnalysis: 'Trade-off analysis',
  keyFeatures: 'Key features',
  bestPractices: 'Best practices',
  lessonsLearned: 'Lessons learned',
  futureApplications: 'Future applications',
  nextSteps: 'Next steps',
  conclusion: 'Conclusion',
};

export interface SectionGroup {
  title: string;
  keys: SectionKey[];
}

/** Every section key once, grouped by the story it tells. */
export const SECTION_GROUPS: SectionGroup[] = [
  { title: 'STAR', keys: ['situation', 'task', 'action', 'result'] },
  { title: 'Problem, solution, impact', keys: ['overview', 'problem', 'solution', 'impact'] },
  {
    title: 'Reflection',
    keys: ['leadershipImpact', 'tradeOffAnalysis', 'keyFeatures', 'bestPractices', 'lessonsLearned'],
  },
  { title: 'Looking ahead', keys: ['futureApplications', 'nextSteps', 'conclusion'] },
];

/** The sections each template's Markdown actually uses (checked against templates/case-study/). */
export const TEMPLATE_SECTIONS: Record<TemplateId, readonly SectionKey[]> = {
  'star-plus': [
    'situation',
    'task',
    'action',
    'result',
    'solution',
    'leadershipImpact',
    'tradeOffAnalysis',
    'lessonsLearned',
    'futureApplications',
    'nextSteps',
  ],
  'problem-solution-impact': [
    'problem',
    'solution',
    'impact',
    'lessonsLearned',
    'futureApplications',
    'nextSteps',
  ],
  'case-study-guide': [
    'overview',
    'solution',
    'impact',
    'keyFeatures',
    'bestPractices',
    'lessonsLearned',
    'futureApplications',
    'nextSteps',
    'conclusion',
  ],
};

/** "a, b\nc" → ['a', 'b', 'c']: commas or new lines separate, blanks and repeats dropped. */
export function parseTechnologies(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(/[,\n]/)) {
    const t = raw.trim();
    if (t && !seen.has(t.toLowerCase())) {
      seen.add(t.toLowerCase());
      out.push(t);
    }
  }
  return out;
}

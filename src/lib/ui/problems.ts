/** Human-readable lines for records that failed validation when read. */
export interface LoadProblemLike {
  table: string;
  id: string;
  issues: string[];
}

export function formatProblems(problems: readonly LoadProblemLike[], max = 20): string[] {
  const lines = problems.slice(0, max).map((p) => `${p.table} ${p.id || '(no id)'}: ${p.issues.join('; ')}`);
  if (problems.length > max) lines.push(`…and ${problems.length - max} more`);
  return lines;
}

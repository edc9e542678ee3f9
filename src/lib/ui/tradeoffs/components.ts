/**
 * Every component of a case study, across its diagrams, as a live query (the tech stack's
 * rows come from them). Rows that fail validation are skipped, as the repository does.
 */
import { liveQuery, type Observable } from 'dexie';
import { keepValid, type LoadProblem, type Repository } from '../../store';
import type { Component, Id } from '../../model/types';

export function watchCaseStudyComponents(repo: Repository, caseStudyId: Id): Observable<Component[]> {
  return liveQuery(async () => {
    const rows: unknown[] = await repo.db.components.where('caseStudyId').equals(caseStudyId).toArray();
    const problems: LoadProblem[] = [];
    return keepValid('components', rows, problems);
  });
}

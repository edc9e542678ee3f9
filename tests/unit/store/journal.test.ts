import { describe, expect, test } from 'vitest';
import { createComponent, createDecision } from '../../../src/lib/model/factories';
import { emptyPatch, type DiagramPatch } from '../../../src/lib/model/patch';
import {
  clearJournal,
  JOURNAL_PREFIX,
  readJournal,
  replayJournal,
  replayRecordJournal,
  saveJournal,
  saveRecordJournal,
  type JournalStorage,
} from '../../../src/lib/store/journal';
import { WriteQueue } from '../../../src/lib/store/write-queue';
import { freshStore } from './helpers';

/** An in-memory stand-in for localStorage. */
class MemoryStorage implements JournalStorage {
  private map = new Map<string, string>();
  get length() {
    return this.map.size;
  }
  key(i: number) {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

function putPatch(rows: DiagramPatch['put']['components']): DiagramPatch {
  const p = emptyPatch();
  p.put.components = rows;
  return p;
}

describe('the unsaved-edits journal', () => {
  test('edits journaled by a page that unloaded mid-write are in IndexedDB after the next start', async () => {
    const { db, repo } = await freshStore();
    const { caseStudy, diagram } = await repo.createCaseStudy();
    const storage = new MemoryStorage();
    // A writer that never finishes: the page went away before IndexedDB committed.
    const queue = new WriteQueue({ applyDiagramPatch: () => new Promise<void>(() => {}) }, { debounceMs: 1 });
    const row = createComponent({
      caseStudyId: caseStudy.id,
      diagramId: diagram.id,
      kind: 'queue',
      label: 'Orders',
    });
    queue.enqueue(caseStudy.id, putPatch([row]));
    void queue.flush();
    const deleted = emptyPatch();
    deleted.delete.components = ['cmp_never_existed'];
    queue.enqueue(caseStudy.id, deleted);

    saveJournal(storage, 'tab-1', queue.unwritten());
    expect(await db.components.count()).toBe(0);

    expect(await replayJournal(storage, db, repo)).toBe(1);
    expect((await db.components.get(row.id))?.label).toBe('Orders');
    expect(storage.length).toBe(0);
  });

  test('a journaled row never overwrites a newer copy written by another tab', async () => {
    const { db, repo } = await freshStore();
    const { caseStudy, diagram } = await repo.createCaseStudy();
    const old = createComponent({
      caseStudyId: caseStudy.id,
      diagramId: diagram.id,
      kind: 'cache',
      label: 'Old',
      updatedAt: 1000,
    });
    const storage = new MemoryStorage();
    saveJournal(storage, 'tab-1', [{ caseStudyId: caseStudy.id, patch: putPatch([old]) }]);
    await db.components.put({ ...old, label: 'Newer', updatedAt: 5000 });

    await replayJournal(storage, db, repo);
    expect((await db.components.get(old.id))?.label).toBe('Newer');
  });

  test('entries of a deleted case study are dropped, and invalid rows skipped', async () => {
    const { db, repo } = await freshStore();
    const storage = new MemoryStorage();
    const row = createComponent({ caseStudyId: 'cs_gone', diagramId: 'dgm_gone', kind: 'service' });
    saveJournal(storage, 'tab-1', [{ caseStudyId: 'cs_gone', patch: putPatch([row]) }]);
    storage.setItem(
      `${JOURNAL_PREFIX}tab-2`,
      JSON.stringify({
        version: 1,
        entries: [{ caseStudyId: 'cs_x', patch: { put: { components: [{ id: 1 }] } } }],
      }),
    );
    expect(readJournal(storage, `${JOURNAL_PREFIX}tab-2`).skipped).toBe(1);
    expect(await replayJournal(storage, db, repo)).toBe(0);
    expect(await db.components.count()).toBe(0);
    expect(storage.length).toBe(0);
  });

  test('each tab clears only its own journal', () => {
    const storage = new MemoryStorage();
    const row = createComponent({ caseStudyId: 'cs_a', diagramId: 'dgm_a', kind: 'service' });
    saveJournal(storage, 'tab-1', [{ caseStudyId: 'cs_a', patch: putPatch([row]) }]);
    saveJournal(storage, 'tab-2', [{ caseStudyId: 'cs_a', patch: putPatch([row]) }]);
    clearJournal(storage, 'tab-1');
    expect(storage.length).toBe(1);
    expect(readJournal(storage, `${JOURNAL_PREFIX}tab-2`).entries).toHaveLength(1);
  });

  test('unreadable journal text is ignored, never thrown', () => {
    const storage = new MemoryStorage();
    storage.setItem(`${JOURNAL_PREFIX}t`, '{not json');
    expect(readJournal(storage, `${JOURNAL_PREFIX}t`)).toEqual({ entries: [], skipped: 1 });
  });
});

describe('the unsaved-records journal', () => {
  test('record changes journaled on unload are replayed, and never overwrite a newer copy', async () => {
    const { db, repo } = await freshStore();
    const { caseStudy } = await repo.createCaseStudy();
    const storage = new MemoryStorage();
    const fresh = createDecision({
      caseStudyId: caseStudy.id,
      number: 1,
      title: 'Journaled',
      updatedAt: 2000,
    });
    const stale = createDecision({ caseStudyId: caseStudy.id, number: 2, title: 'Old', updatedAt: 1000 });
    await db.decisions.put({ ...stale, title: 'Newer elsewhere', updatedAt: 5000 });
    saveRecordJournal(storage, 'tab-1', [
      { caseStudyId: caseStudy.id, changes: { put: { decisions: [fresh, stale] }, delete: {} } },
    ]);

    expect(await replayRecordJournal(storage, db, repo)).toBe(1);
    expect((await db.decisions.get(fresh.id))?.title).toBe('Journaled');
    expect((await db.decisions.get(stale.id))?.title).toBe('Newer elsewhere');
    expect(storage.length).toBe(0);
  });
});

import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createComponent } from '../../../src/lib/model/factories';
import { emptyPatch, type DiagramPatch } from '../../../src/lib/model/patch';
import type { Component } from '../../../src/lib/model/types';
import { InvalidRecordError } from '../../../src/lib/store/errors';
import { WriteQueue, type PatchWriter, type WriteFailure } from '../../../src/lib/store/write-queue';
import { freshStore, sleep } from './helpers';

const queues: WriteQueue[] = [];
afterEach(() => {
  for (const q of queues.splice(0)) q.dispose();
});
function queue(writer: PatchWriter, options: ConstructorParameters<typeof WriteQueue>[1] = {}): WriteQueue {
  const q = new WriteQueue(writer, options);
  queues.push(q);
  return q;
}

const component = (label: string, x = 0): Component =>
  createComponent({
    caseStudyId: 'cs_a',
    diagramId: 'dgm_a',
    kind: 'service',
    label,
    id: `cmp_${label}`,
    position: { x, y: 0 },
  });

function putPatch(...components: Component[]): DiagramPatch {
  const p = emptyPatch();
  p.put.components.push(...components);
  return p;
}

/** A writer that records calls and can be told to fail or to wait. */
function fakeWriter() {
  const calls: { caseStudyId: string; patch: DiagramPatch }[] = [];
  let active = 0;
  let maxActive = 0;
  let failWith: unknown = null;
  let gate: Promise<void> | null = null;
  const writer: PatchWriter = {
    async applyDiagramPatch(caseStudyId, patch) {
      active += 1;
      maxActive = Math.max(maxActive, active);
      try {
        calls.push({ caseStudyId, patch });
        if (gate) await gate;
        await sleep(1);
        if (failWith) throw failWith;
      } finally {
        active -= 1;
      }
    },
  };
  return {
    writer,
    calls,
    get maxActive() {
      return maxActive;
    },
    fail(e: unknown) {
      failWith = e;
    },
    hold(): () => void {
      let release = () => {};
      gate = new Promise<void>((r) => {
        release = () => {
          gate = null;
          r();
        };
      });
      return release;
    },
  };
}

async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 2000): Promise<number> {
  const start = performance.now();
  while (!(await check())) {
    if (performance.now() - start > timeoutMs) throw new Error('timed out');
    await sleep(2);
  }
  return performance.now() - start;
}

describe('WriteQueue', () => {
  it('coalesces patches per case study into one write each', async () => {
    const w = fakeWriter();
    const q = queue(w.writer, { debounceMs: 10_000 });
    q.enqueue('cs_a', putPatch(component('api', 1)));
    q.enqueue('cs_a', putPatch(component('api', 2), component('db')));
    q.enqueue('cs_b', putPatch(component('other')));
    q.enqueue('cs_a', putPatch(component('api', 3)));
    q.enqueue('cs_a', emptyPatch()); // ignored
    expect(q.pending).toBe(4);

    await q.flush();
    expect(q.pending).toBe(0);
    expect(w.calls.map((c) => c.caseStudyId)).toEqual(['cs_a', 'cs_b']);
    const a = w.calls[0]?.patch.put.components ?? [];
    expect(a.map((c) => [c.id, c.position.x])).toEqual([
      ['cmp_api', 3],
      ['cmp_db', 0],
    ]);
  });

  it('writes by itself shortly after the last edit (real database, default debounce)', async () => {
    const { db, repo } = await freshStore();
    const { caseStudy, diagram } = await repo.createCaseStudy();
    const q = queue(repo);
    const cmp = createComponent({ caseStudyId: caseStudy.id, diagramId: diagram.id, kind: 'service' });
    q.enqueue(caseStudy.id, putPatch(cmp));
    expect(await db.components.get(cmp.id)).toBeUndefined(); // not yet: debounced
    const elapsed = await waitFor(async () => (await db.components.get(cmp.id)) !== undefined);
    expect(elapsed).toBeLessThan(300);
    expect(q.pending).toBe(0);
    db.close();
  });

  it('waits for the user to stop, but not longer than maxWaitMs', async () => {
    const w = fakeWriter();
    const q = queue(w.writer, { debounceMs: 150 });
    q.enqueue('cs_a', putPatch(component('a', 1)));
    await sleep(75);
    q.enqueue('cs_a', putPatch(component('a', 2)));
    await sleep(75);
    q.enqueue('cs_a', putPatch(component('a', 3)));
    await sleep(50);
    expect(w.calls).toHaveLength(0); // the debounce restarted with each edit
    await waitFor(() => w.calls.length === 1);
    expect(w.calls[0]?.patch.put.components[0]?.position.x).toBe(3);

    // A long drag: an edit every 20 ms for 400 ms is written while it goes on.
    const w2 = fakeWriter();
    const q2 = queue(w2.writer, { debounceMs: 100, maxWaitMs: 150 });
    for (let i = 0; i < 20; i++) {
      q2.enqueue('cs_a', putPatch(component('drag', i)));
      await sleep(20);
    }
    expect(w2.calls.length).toBeGreaterThanOrEqual(1);
    await q2.flush();
    expect(w2.calls.at(-1)?.patch.put.components[0]?.position.x).toBe(19);
  });

  it('flush() writes at once and resolves when everything so far is written', async () => {
    const w = fakeWriter();
    const q = queue(w.writer, { debounceMs: 60_000 });
    q.enqueue('cs_a', putPatch(component('a')));
    await q.flush();
    expect(w.calls).toHaveLength(1);
    await q.flush(); // nothing pending: resolves
    expect(w.calls).toHaveLength(1);
  });

  it('never runs two writes at once and keeps their order', async () => {
    const w = fakeWriter();
    const q = queue(w.writer, { debounceMs: 60_000 });
    const release = w.hold();
    q.enqueue('cs_a', putPatch(component('first')));
    const firstFlush = q.flush();
    q.enqueue('cs_a', putPatch(component('second')));
    const secondFlush = q.flush();
    q.enqueue('cs_b', putPatch(component('third')));
    const thirdFlush = q.flush();
    await sleep(20);
    expect(w.calls).toHaveLength(1); // the others wait for the first
    expect(q.pending).toBe(3);
    release();
    await Promise.all([firstFlush, secondFlush, thirdFlush]);
    expect(w.maxActive).toBe(1);
    expect(w.calls.map((c) => c.patch.put.components[0]?.label)).toEqual(['first', 'second', 'third']);
    expect(q.pending).toBe(0);
  });

  it('reports a full disk in plain words and keeps the edit for the next try', async () => {
    const w = fakeWriter();
    const errors: [string, WriteFailure][] = [];
    const q = queue(w.writer, { debounceMs: 60_000, onError: (m, f) => errors.push([m, f]) });
    // Dexie reports a quota failure as an AbortError wrapping the real cause.
    w.fail(new Dexie.AbortError('Transaction aborted', new DOMException('full', 'QuotaExceededError')));
    q.enqueue('cs_a', putPatch(component('a', 1)));
    await q.flush(); // resolves, does not reject
    expect(errors).toHaveLength(1);
    expect(errors[0]?.[0]).toMatch(/storage is full/);
    expect(errors[0]?.[1]).toMatchObject({ caseStudyId: 'cs_a', kind: 'quota', retained: true });
    expect(q.pending).toBe(1);

    // The user frees space and keeps editing: the kept edit goes out merged with the new one.
    w.fail(null);
    q.enqueue('cs_a', putPatch(component('b')));
    await q.flush();
    expect(q.pending).toBe(0);
    expect(w.calls.at(-1)?.patch.put.components.map((c) => c.label)).toEqual(['a', 'b']);
  });

  it('drops an edit that can never be written, and says so', async () => {
    const { db, repo } = await freshStore();
    const { caseStudy, diagram } = await repo.createCaseStudy();
    const onError = vi.fn();
    const pendingSeen: number[] = [];
    const q = queue(repo, { debounceMs: 60_000, onError, onPendingChange: (n) => pendingSeen.push(n) });
    const cmp = createComponent({ caseStudyId: caseStudy.id, diagramId: diagram.id, kind: 'service' });
    await repo.deleteCaseStudy(caseStudy.id); // e.g. in another tab
    q.enqueue(caseStudy.id, putPatch(cmp));
    await q.flush();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]?.[1]).toMatchObject({ kind: 'not-found', retained: false });
    expect(q.pending).toBe(0);
    expect(await db.components.get(cmp.id)).toBeUndefined();
    expect(pendingSeen).toEqual([1, 0]);

    const bad = fakeWriter();
    bad.fail(new InvalidRecordError([{ table: 'components', id: 'cmp_x', issues: ['label: bad'] }]));
    const q2 = queue(bad.writer, { debounceMs: 60_000, onError });
    q2.enqueue('cs_a', putPatch(component('x')));
    await q2.flush();
    expect(onError.mock.calls[1]?.[0]).toMatch(/invalid data/);
    expect(q2.pending).toBe(0);
    db.close();
  });
});

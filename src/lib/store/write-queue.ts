/**
 * Coalesces diagram patches and writes them shortly after the user stops.
 *
 * The canvas calls `enqueue(caseStudyId, patch)` after every gesture (or every drag frame);
 * patches for the same case study are merged (`mergePatches`, later wins per id) and written
 * `debounceMs` after the last one (default 120 ms, so an edit is on disk well within 300 ms
 * of the gesture ending), and at the latest `maxWaitMs` after the first unsaved one (a long
 * drag is saved while it goes on). Writes run one at a time, in the order they were made.
 *
 * Call `flush()` on `pagehide`, on `visibilitychange` to hidden and before navigating
 * away; it resolves when everything enqueued so far has been written (or failed).
 *
 * Failures never reject: they go to `onError(message, failure)` with a human message. A patch that failed
 * for a reason that may pass (storage full, a transient error) is kept and retried with the
 * next write or flush; one that can never succeed (invalid data, its case study deleted) is
 * dropped and reported as such.
 */
import { isEmptyPatch, mergePatches, type DiagramPatch } from '../model/patch';
import { describeStorageError, type StorageErrorKind } from './errors';

export interface PatchWriter {
  applyDiagramPatch(caseStudyId: string, patch: DiagramPatch): Promise<void>;
}

export interface WriteFailure {
  caseStudyId: string;
  kind: StorageErrorKind;
  /** A sentence for a toast. */
  message: string;
  /** The original error. */
  error: unknown;
  /** True when the patch is kept and will be retried; false when it was dropped. */
  retained: boolean;
}

export interface WriteQueueOptions {
  /** Quiet time after the last enqueue before writing. Default 120 ms. */
  debounceMs?: number;
  /** Longest time an enqueued patch waits while enqueues keep coming. Default 1000 ms. */
  maxWaitMs?: number;
  /** A failed write: `message` is a sentence for a toast; `failure` has the details. */
  onError?: (message: string, failure: WriteFailure) => void;
  /** Called whenever `pending` changes (e.g. to show "Saving…" / "Saved"). */
  onPendingChange?: (pending: number) => void;
}

interface Entry {
  patch: DiagramPatch;
  /** Patches merged into it. */
  count: number;
}

const NEVER_SUCCEEDS: ReadonlySet<StorageErrorKind> = new Set(['invalid', 'not-found']);

export class WriteQueue {
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;
  private readonly onError: (message: string, failure: WriteFailure) => void;
  private readonly onPendingChange: ((pending: number) => void) | undefined;

  /** Not yet handed to the writer, per case study, in first-enqueued order. */
  private queued = new Map<string, Entry>();
  /** Patches being written right now. */
  private inFlight = 0;
  /** Batches taken by `flush()` whose writes have not ended, oldest first (entries leave as each ends). */
  private handedOff: Map<string, Entry>[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private firstQueuedAt: number | null = null;
  /** The tail of the serialised write chain. */
  private chain: Promise<void> = Promise.resolve();
  private lastPending = 0;

  constructor(
    private readonly writer: PatchWriter,
    options: WriteQueueOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 120;
    this.maxWaitMs = options.maxWaitMs ?? 1000;
    this.onError =
      options.onError ??
      ((message, f) => {
        console.error(`[faultline] ${message}`, f.error);
      });
    this.onPendingChange = options.onPendingChange;
  }

  /** Patches enqueued and not yet written (queued or being written). */
  get pending(): number {
    let n = this.inFlight;
    for (const e of this.queued.values()) n += e.count;
    return n;
  }

  /**
   * Everything enqueued and not yet known to be written (being written, then queued), merged
   * per case study. The journal saves this synchronously on `pagehide`, because a page that
   * unloads aborts the IndexedDB transactions it started.
   */
  unwritten(): { caseStudyId: string; patch: DiagramPatch }[] {
    const out = new Map<string, DiagramPatch>();
    for (const [id, entry] of [...this.handedOff.flatMap((b) => [...b]), ...this.queued]) {
      const earlier = out.get(id);
      out.set(id, earlier ? mergePatches(earlier, entry.patch) : entry.patch);
    }
    return [...out].map(([caseStudyId, patch]) => ({ caseStudyId, patch }));
  }

  /** Queue one edit of a case study's diagram rows. Empty patches are ignored. */
  enqueue(caseStudyId: string, patch: DiagramPatch): void {
    if (isEmptyPatch(patch)) return;
    const entry = this.queued.get(caseStudyId);
    if (entry) {
      entry.patch = mergePatches(entry.patch, patch);
      entry.count += 1;
    } else {
      this.queued.set(caseStudyId, { patch, count: 1 });
    }
    this.firstQueuedAt ??= Date.now();
    this.schedule();
    this.notify();
  }

  /** Write everything enqueued so far; resolves when it is written (or has failed and been reported). */
  flush(): Promise<void> {
    this.clearTimer();
    this.firstQueuedAt = null;
    if (this.queued.size > 0) {
      const batch = this.queued;
      this.queued = new Map();
      for (const e of batch.values()) this.inFlight += e.count;
      this.handedOff.push(batch);
      this.chain = this.chain.then(() => this.writeBatch(batch));
    }
    return this.chain;
  }

  /** Stop the timer without writing (tests, teardown). Call `flush()` first to keep the edits. */
  dispose(): void {
    this.clearTimer();
  }

  private schedule(): void {
    this.clearTimer();
    const waited = this.firstQueuedAt === null ? 0 : Date.now() - this.firstQueuedAt;
    const delay = Math.max(0, Math.min(this.debounceMs, this.maxWaitMs - waited));
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, delay);
  }

  private clearTimer(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  private async writeBatch(batch: Map<string, Entry>): Promise<void> {
    for (const [caseStudyId, entry] of [...batch]) {
      try {
        await this.writer.applyDiagramPatch(caseStudyId, entry.patch);
      } catch (error) {
        const info = describeStorageError(error);
        const retained = !NEVER_SUCCEEDS.has(info.kind);
        if (retained) this.requeue(caseStudyId, entry);
        this.report({ caseStudyId, kind: info.kind, message: info.message, error, retained });
      } finally {
        batch.delete(caseStudyId);
        if (batch.size === 0) this.handedOff = this.handedOff.filter((b) => b !== batch);
        this.inFlight -= entry.count;
        this.notify();
      }
    }
  }

  /** Put a failed patch back in front of anything enqueued for that case study since. */
  private requeue(caseStudyId: string, failed: Entry): void {
    const newer = this.queued.get(caseStudyId);
    const merged: Entry = newer
      ? { patch: mergePatches(failed.patch, newer.patch), count: failed.count + newer.count }
      : failed;
    // Re-insert at the front so retried work keeps its place in line.
    const rest = [...this.queued].filter(([id]) => id !== caseStudyId);
    this.queued = new Map([[caseStudyId, merged], ...rest]);
  }

  private report(failure: WriteFailure): void {
    try {
      this.onError(failure.message, failure);
    } catch (e) {
      console.error('[faultline] onError handler threw', e);
    }
  }

  private notify(): void {
    const n = this.pending;
    if (n === this.lastPending) return;
    this.lastPending = n;
    this.onPendingChange?.(n);
  }
}

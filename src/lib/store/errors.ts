/**
 * Store errors and their human messages. IndexedDB failures reach us in many wrappings:
 * Dexie wraps the native DOMException (`e.inner`), an aborted transaction reports an
 * AbortError whose `inner` is the real cause, a bulk write reports a BulkError with
 * `failures`. `describeStorageError` unwraps all of them.
 */
import type { RecordKind } from '../model/schema';

/** One record that failed validation on load or before a write. */
export interface LoadProblem {
  table: RecordKind;
  id: string;
  /** Formatted with `formatIssue`, e.g. "position.x: Invalid type: Expected number …". */
  issues: string[];
}

/**
 * A write referred to a record that does not exist (the whole write is rolled back).
 * Not called "NotFoundError": Dexie turns errors named like IndexedDB's own (NotFoundError,
 * ConstraintError, …) thrown inside a transaction into its own error classes.
 */
export class RecordNotFoundError extends Error {
  override name = 'RecordNotFoundError';
  constructor(
    readonly table: RecordKind,
    readonly id: string,
  ) {
    super(`${table} ${id} was not found`);
  }
}

/** A write carried a record that does not match its schema (nothing was written). */
export class InvalidRecordError extends Error {
  override name = 'InvalidRecordError';
  constructor(readonly problems: LoadProblem[]) {
    const first = problems[0];
    super(
      first
        ? `Invalid ${first.table} record ${first.id}: ${first.issues.join('; ')}` +
            (problems.length > 1 ? ` (and ${problems.length - 1} more)` : '')
        : 'Invalid record',
    );
  }
}

export type StorageErrorKind = 'quota' | 'invalid' | 'not-found' | 'closed' | 'unknown';

export interface StorageErrorInfo {
  kind: StorageErrorKind;
  /** A sentence for a toast. */
  message: string;
  /** The innermost error found (the real cause). */
  cause: unknown;
}

const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);
const CLOSED_NAMES = new Set(['DatabaseClosedError', 'VersionChangeError', 'InvalidStateError']);

function nameOf(e: unknown): string {
  if (typeof e === 'object' && e !== null && 'name' in e) return String((e as { name: unknown }).name);
  return '';
}

/** The error and everything it wraps (`inner`, `cause`, BulkError `failures`), outermost first. */
export function errorChain(e: unknown): unknown[] {
  const out: unknown[] = [];
  const queue: unknown[] = [e];
  while (queue.length > 0 && out.length < 50) {
    const cur = queue.shift();
    if (cur === undefined || cur === null || out.includes(cur)) continue;
    out.push(cur);
    if (typeof cur !== 'object') continue;
    const rec = cur as { inner?: unknown; cause?: unknown; failures?: unknown; failuresByPos?: unknown };
    if (rec.inner) queue.push(rec.inner);
    if (rec.cause) queue.push(rec.cause);
    if (Array.isArray(rec.failures)) queue.push(...rec.failures);
    else if (rec.failuresByPos && typeof rec.failuresByPos === 'object') {
      queue.push(...Object.values(rec.failuresByPos as Record<string, unknown>));
    }
  }
  return out;
}

function isQuota(e: unknown): boolean {
  if (QUOTA_NAMES.has(nameOf(e))) return true;
  // Old WebKit/Gecko report the legacy DOMException code 22 (QUOTA_EXCEEDED_ERR).
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 22;
}

/** Classify a failed write and give it a message a user can act on. */
export function describeStorageError(e: unknown): StorageErrorInfo {
  const chain = errorChain(e);
  const innermost = chain[chain.length - 1] ?? e;
  const quota = chain.find(isQuota);
  if (quota) {
    return {
      kind: 'quota',
      cause: quota,
      message:
        "Your browser's storage is full, so your latest change could not be saved. " +
        'Free up space (export and delete case studies you no longer need, or clear other sites’ data), ' +
        'then keep editing: the change is kept in this tab and saved on the next try.',
    };
  }
  const invalid = chain.find((x) => x instanceof InvalidRecordError);
  if (invalid instanceof InvalidRecordError) {
    return {
      kind: 'invalid',
      cause: invalid,
      message: `A change could not be saved because it contained invalid data (${invalid.message}).`,
    };
  }
  const notFound = chain.find((x) => x instanceof RecordNotFoundError);
  if (notFound instanceof RecordNotFoundError) {
    return {
      kind: 'not-found',
      cause: notFound,
      message: 'A change could not be saved because what it belongs to was deleted (perhaps in another tab).',
    };
  }
  const closed = chain.find((x) => CLOSED_NAMES.has(nameOf(x)));
  if (closed) {
    return {
      kind: 'closed',
      cause: closed,
      message:
        'Faultline’s storage was closed (perhaps a newer version opened in another tab). Reload this tab to keep editing.',
    };
  }
  const text = innermost instanceof Error ? innermost.message : String(innermost);
  return { kind: 'unknown', cause: innermost, message: `Your change could not be saved: ${text}` };
}

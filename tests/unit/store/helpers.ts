/** Shared helpers for the store's unit tests (fake-indexeddb is set up by the Vitest project). */
import type { Observable } from 'dexie';
import { FaultlineDB, type FaultlineDBOptions } from '../../../src/lib/store/db';
import { Repository } from '../../../src/lib/store/repository';

let counter = 0;

/** A database name no other test uses. */
export function uniqueDbName(prefix = 'test'): string {
  counter += 1;
  return `${prefix}-${counter}-${Math.random().toString(36).slice(2, 10)}`;
}

/** A fresh, open database and a repository on it. */
export async function freshStore(
  options: FaultlineDBOptions = {},
): Promise<{ db: FaultlineDB; repo: Repository }> {
  const db = new FaultlineDB(uniqueDbName(), options);
  await db.open();
  return { db, repo: new Repository(db) };
}

export interface Collector<T> {
  values: T[];
  /** Resolves with the first emission (already seen or future) that satisfies `predicate`. */
  until(predicate: (value: T) => boolean, timeoutMs?: number): Promise<T>;
  /** Resolves with the first emission ever (already seen or future). */
  first(timeoutMs?: number): Promise<T>;
  /** Resolves with the next emission after now. */
  next(timeoutMs?: number): Promise<T>;
  unsubscribe(): void;
}

/** Subscribe to an observable and keep every emission. */
export function collect<T>(observable: Observable<T>): Collector<T> {
  const values: T[] = [];
  let failure: unknown = null;
  const listeners = new Set<() => void>();
  const sub = observable.subscribe({
    next: (value) => {
      values.push(value);
      for (const l of [...listeners]) l();
    },
    error: (e) => {
      failure = e;
      for (const l of [...listeners]) l();
    },
  });
  const wait = (from: number, predicate: (value: T) => boolean, timeoutMs: number): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      let seen = from;
      const check = () => {
        if (failure) {
          cleanup();
          reject(failure instanceof Error ? failure : new Error(String(failure)));
          return;
        }
        while (seen < values.length) {
          const value = values[seen++] as T;
          if (predicate(value)) {
            cleanup();
            resolve(value);
            return;
          }
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no matching emission within ${timeoutMs} ms (${values.length} seen)`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      check();
    });
  return {
    values,
    until: (predicate, timeoutMs = 2000) => wait(0, predicate, timeoutMs),
    first: (timeoutMs = 2000) => wait(0, () => true, timeoutMs),
    next: (timeoutMs = 2000) => wait(values.length, () => true, timeoutMs),
    unsubscribe: () => sub.unsubscribe(),
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

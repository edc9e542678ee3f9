import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { describeStorageError, InvalidRecordError, RecordNotFoundError } from '../../../src/lib/store/errors';

describe('describeStorageError', () => {
  it('finds a quota error however it is wrapped', () => {
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const cases: unknown[] = [
      quota,
      new Dexie.AbortError('Transaction aborted', quota),
      new Dexie.AbortError('outer', new Dexie.AbortError('inner', quota)),
      new Dexie.BulkError('1 of 3 operations failed', [quota]),
      { name: 'Error', message: 'legacy', code: 22 },
      { name: 'NS_ERROR_DOM_QUOTA_REACHED', message: 'Firefox' },
      new Error('wrapped', { cause: quota }),
    ];
    for (const e of cases) {
      const info = describeStorageError(e);
      expect(info.kind).toBe('quota');
      expect(info.message).toMatch(/^Your browser's storage is full/);
    }
  });

  it('names invalid data, missing records, a closed database and anything else', () => {
    expect(
      describeStorageError(new InvalidRecordError([{ table: 'components', id: 'cmp_1', issues: ['x: bad'] }]))
        .kind,
    ).toBe('invalid');
    expect(describeStorageError(new RecordNotFoundError('caseStudies', 'cs_1')).kind).toBe('not-found');
    expect(describeStorageError(new Dexie.DatabaseClosedError('closed')).kind).toBe('closed');
    const other = describeStorageError(new Error('something odd'));
    expect(other).toMatchObject({
      kind: 'unknown',
      message: 'Your change could not be saved: something odd',
    });
    expect(describeStorageError('a string').kind).toBe('unknown');
  });
});

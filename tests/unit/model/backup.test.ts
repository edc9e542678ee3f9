import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  BACKUP_FORMAT,
  MAX_BACKUP_ERRORS,
  backupFileName,
  createComponent,
  describeJsonError,
  parseBackup,
  serializeBackup,
  type CaseStudyBundle,
  type ParseBackupResult,
} from '../../../src/lib/model';
import { SAMPLE_TIME, connectionByLabel, sampleBundle } from '../../fixtures/sample-bundle';

const exportedAt = new Date(SAMPLE_TIME);

/** The sample backup as a JSON object to break in a test, and back to text. */
function backupObject(bundle: CaseStudyBundle = sampleBundle()): Record<string, unknown> & {
  components: Record<string, unknown>[];
  connections: Record<string, unknown>[];
} {
  return JSON.parse(serializeBackup(bundle, exportedAt));
}
const text = (o: unknown) => JSON.stringify(o, null, 2);

function errorsOf(result: ParseBackupResult): string[] {
  expect(result.ok).toBe(false);
  expect('bundle' in result).toBe(false);
  return result.ok ? [] : result.errors;
}

describe('serializeBackup', () => {
  const bundle = sampleBundle();
  const json = serializeBackup(bundle, exportedAt);

  it('writes the envelope first, then the case study and its record arrays', () => {
    const parsed = JSON.parse(json);
    expect(Object.keys(parsed)).toEqual([
      'format',
      'version',
      'exportedAt',
      'caseStudy',
      'diagrams',
      'components',
      'boundaries',
      'connections',
      'decisions',
      'tables',
      'metrics',
      'flows',
    ]);
    expect(parsed.format).toBe('faultline-backup');
    expect(parsed.version).toBe(1);
    expect(parsed.exportedAt).toBe('2024-05-07T10:00:00.000Z');
    expect(parsed.components).toHaveLength(bundle.components.length);
  });

  it('is pretty-printed and ends with a newline', () => {
    expect(json.startsWith('{\n  "format": "faultline-backup",\n  "version": 1,\n')).toBe(true);
    expect(json.endsWith('}\n')).toBe(true);
  });
});

describe('parseBackup of a good file', () => {
  it('round-trips a realistic case study exactly', () => {
    const bundle = sampleBundle();
    const result = parseBackup(serializeBackup(bundle, exportedAt));
    expect(result).toEqual({ ok: true, bundle, notes: [], exportedAt: '2024-05-07T10:00:00.000Z' });
  });

  it('round-trips an empty case study', () => {
    const { caseStudy } = sampleBundle();
    const empty: CaseStudyBundle = {
      caseStudy,
      diagrams: [],
      components: [],
      boundaries: [],
      connections: [],
      decisions: [],
      tables: [],
      metrics: [],
      flows: [],
    };
    expect(parseBackup(serializeBackup(empty))).toMatchObject({ ok: true, bundle: empty, notes: [] });
  });

  it('reads a file saved with a byte order mark', () => {
    expect(parseBackup(`\uFEFF${serializeBackup(sampleBundle())}`).ok).toBe(true);
  });

  it('keeps fields it does not know out of the bundle', () => {
    const o = backupObject();
    o.components[0] = { ...o.components[0], colour: 'red' };
    const result = parseBackup(text(o));
    expect(result.ok && 'colour' in (result.bundle.components[0] ?? {})).toBe(false);
  });

  it('repairs references that point at nothing and says so', () => {
    const bundle = sampleBundle();
    connectionByLabel(bundle, 'GET price').target = 'cmp_deleted';
    const result = parseBackup(serializeBackup(bundle));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.bundle.connections.map((c) => c.label)).not.toContain('GET price');
    expect(result.notes).toEqual([
      expect.stringMatching(/^Removed connection "GET price" .*cmp_deleted does not exist/),
    ]);
  });
});

describe('parseBackup refuses a bad file and says why', () => {
  it('refuses text that is not JSON', () => {
    expect(errorsOf(parseBackup('hello'))).toEqual([expect.stringMatching(/^The file is not valid JSON/)]);
    expect(errorsOf(parseBackup(''))).toEqual([expect.stringMatching(/^The file is not valid JSON: /)]);
  });

  it('names the line and column of a JSON syntax error', () => {
    const broken = '{\n  "format": "faultline-backup",\n  "version": 1,,\n  "caseStudy": {}\n}';
    expect(errorsOf(parseBackup(broken))).toEqual([
      expect.stringMatching(/^The file is not valid JSON \(line 3, column 16\): /),
    ]);
  });

  it.each([
    ['an array', '[1, 2]', 'This is not a Faultline backup: the file holds an array, not an object.'],
    ['a number', '42', 'This is not a Faultline backup: the file holds 42, not an object.'],
    ['null', 'null', 'This is not a Faultline backup: the file holds null, not an object.'],
    [
      'an object without a format',
      '{"type": "excalidraw"}',
      'This is not a Faultline backup: it has no "format" field (expected "faultline-backup").',
    ],
    [
      'another format',
      '{"format": "excalidraw", "version": 2}',
      'This is not a Faultline backup: its "format" is the text "excalidraw", expected "faultline-backup".',
    ],
    [
      'a version given as text',
      `{"format": "${BACKUP_FORMAT}", "version": "1"}`,
      'This backup has no valid "version" (found the text "1"); expected a whole number such as 1.',
    ],
    [
      'version zero',
      `{"format": "${BACKUP_FORMAT}", "version": 0}`,
      'This backup has no valid "version" (found 0); expected a whole number such as 1.',
    ],
    [
      'no version',
      `{"format": "${BACKUP_FORMAT}"}`,
      'This backup has no valid "version" (found nothing); expected a whole number such as 1.',
    ],
  ])('refuses %s', (_what, input, message) => {
    expect(errorsOf(parseBackup(input))).toEqual([message]);
  });

  it('refuses a backup from a newer version of Faultline', () => {
    const o = backupObject();
    o.version = 3;
    expect(errorsOf(parseBackup(text(o)))).toEqual([
      'This backup was made by a newer version of Faultline (version 3); this app reads up to version 1',
    ]);
  });

  it('names the path of a wrong field', () => {
    const o = backupObject();
    const c = o.components[3] as { position: { x: unknown } };
    c.position.x = 'abc';
    expect(errorsOf(parseBackup(text(o)))).toEqual([
      'components[3].position.x: Invalid type: Expected number but received "abc"',
    ]);
  });

  it('lists the problems of every record, with paths, in file order', () => {
    const o = backupObject();
    (o.caseStudy as Record<string, unknown>).template = 'essay';
    (o.components[0] as Record<string, unknown>).kind = 'toaster';
    (o.decisions as Record<string, unknown>[])[1]!.date = '2024-13-45';
    delete (o.flows as Record<string, unknown>[])[0]!.name;
    o.metrics = 'none';
    expect(errorsOf(parseBackup(text(o)))).toEqual([
      expect.stringMatching(/^caseStudy\.template: Invalid type: Expected \(.*\) but received "essay"$/),
      expect.stringMatching(/^components\[0\]\.kind: .*"toaster"$/),
      'decisions[1].date: must be a date as YYYY-MM-DD, or empty',
      'metrics: Invalid type: Expected an array of records but received the text "none"',
      expect.stringMatching(/^flows\[0\]\.name: /),
    ]);
  });

  it('refuses a connection on a diagram that is not in the file', () => {
    const o = backupObject();
    o.connections[2] = { ...o.connections[2], diagramId: 'dgm_gone' };
    expect(errorsOf(parseBackup(text(o)))).toEqual([
      'connections[2].diagramId: there is no diagram "dgm_gone" in this backup',
    ]);
  });

  it('refuses records of another case study', () => {
    const o = backupObject();
    (o.metrics as Record<string, unknown>[])[1]!.caseStudyId = 'cs_other';
    const csId = (o.caseStudy as { id: string }).id;
    expect(errorsOf(parseBackup(text(o)))).toEqual([
      `metrics[1].caseStudyId: "cs_other" is not this backup's case study ("${csId}")`,
    ]);
  });

  it('refuses two records with the same id', () => {
    const o = backupObject();
    const firstId = o.components[0]?.id;
    o.components[4] = { ...o.components[4], id: firstId };
    expect(errorsOf(parseBackup(text(o)))).toEqual([
      `components[4].id: "${firstId}" is used twice (also components[0].id)`,
    ]);
  });

  it('refuses a file without a case study or with a missing array', () => {
    const o = backupObject();
    delete o.caseStudy;
    delete o.tables;
    expect(errorsOf(parseBackup(text(o)))).toEqual([
      'caseStudy: Invalid type: Expected Object but received undefined',
      'tables: Invalid type: Expected an array of records but received nothing',
    ]);
  });

  it(`lists at most ${MAX_BACKUP_ERRORS} problems and counts the rest`, () => {
    const o = backupObject();
    const bad = createComponent({ caseStudyId: 'cs_x', diagramId: 'dgm_x', kind: 'cache' });
    const many = Array.from({ length: 60 }, (_, i) => ({ ...bad, id: `cmp_bad${i}`, kind: 'toaster' }));
    o.components = [...o.components, ...many];
    const errors = errorsOf(parseBackup(text(o)));
    // each bad component: a bad kind, another case study and a missing diagram = 180 problems
    expect(errors).toHaveLength(MAX_BACKUP_ERRORS + 1);
    expect(errors.at(-1)).toBe(`…and ${180 - MAX_BACKUP_ERRORS} more problems`);
  });

  it('never throws and never returns a bundle with errors, whatever the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (input) => {
        const result = parseBackup(input);
        return result.ok ? Array.isArray(result.notes) : result.errors.length > 0 && !('bundle' in result);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws when any part of a real backup is replaced by junk', () => {
    const o = backupObject();
    const keys = Object.keys(o);
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.nat(9), fc.jsonValue(), (key, index, junk) => {
        const copy = structuredClone(o);
        const part = copy[key];
        if (Array.isArray(part) && part.length > 0) part[index % part.length] = junk;
        else copy[key] = junk;
        const result = parseBackup(JSON.stringify(copy));
        return result.ok || result.errors.length > 0;
      }),
      { numRuns: 300 },
    );
  });
});

describe('describeJsonError', () => {
  it('uses the line and column when the engine gives them', () => {
    const e = new SyntaxError(
      "Expected ',' or '}' after property value in JSON at position 20 (line 2 column 5)",
    );
    expect(describeJsonError('', e)).toMatch(/^The file is not valid JSON \(line 2, column 5\): Expected/);
  });

  it('works out the line and column from a position', () => {
    expect(
      describeJsonError('{\n"a" 1}', new SyntaxError('Unexpected number in JSON at position 6')),
    ).toMatch(/^The file is not valid JSON \(line 2, column 5\)/);
  });
});

describe('backupFileName', () => {
  const day = new Date(2024, 4, 7, 23, 30); // local time
  it.each([
    ['Checkout at scale', 'faultline-checkout-at-scale-2024-05-07.json'],
    ['  Payments: v2 / EU rollout!  ', 'faultline-payments-v2-eu-rollout-2024-05-07.json'],
    ['Café Łódź Ünïcode', 'faultline-cafe-łodz-unicode-2024-05-07.json'],
    ['', 'faultline-case-study-2024-05-07.json'],
    ['???', 'faultline-case-study-2024-05-07.json'],
    ['a'.repeat(100), `faultline-${'a'.repeat(60)}-2024-05-07.json`],
  ])('names a backup of %j %s', (title, expected) => {
    expect(backupFileName(title, day)).toBe(expected);
  });
});

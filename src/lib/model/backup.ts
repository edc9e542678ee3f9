/**
 * The `faultline-backup` JSON file: everything of one case study, as plain arrays.
 *
 *   { "format": "faultline-backup", "version": 1, "exportedAt": "2024-05-07T10:00:00.000Z",
 *     "caseStudy": {…}, "diagrams": […], "components": […], "boundaries": […],
 *     "connections": […], "decisions": […], "tables": […], "metrics": […], "flows": […] }
 *
 * `parseBackup` reads it back without ever throwing: it checks the JSON, the envelope, the
 * version (migrating older files), every record against its schema and the references
 * between records, then runs the repair pass. Any error means no bundle at all, so a bad
 * file can never be half-imported.
 */
import { CURRENT_BACKUP_VERSION, migrate, MigrationError } from './migrate';
import { repairBundle } from './repair';
import { formatIssue, validateRecord, type RecordKind, type RecordTypes } from './schema';
import type { CaseStudy, CaseStudyBundle } from './types';

export const BACKUP_FORMAT = 'faultline-backup';

/** At most this many errors are listed; the rest are counted. */
export const MAX_BACKUP_ERRORS = 50;

/** The record arrays of a backup, in file order (named as the bundle's and Dexie's tables). */
export const BACKUP_ARRAYS = [
  'diagrams',
  'components',
  'boundaries',
  'connections',
  'decisions',
  'tables',
  'metrics',
  'flows',
] as const satisfies readonly RecordKind[];
type ArrayKind = (typeof BACKUP_ARRAYS)[number];

export type ParseBackupResult =
  | {
      ok: true;
      bundle: CaseStudyBundle;
      /** What the repair pass fixed (plain English); empty for a clean file. */
      notes: string[];
      /** The file's `exportedAt`, when it has one. */
      exportedAt: string | null;
    }
  | { ok: false; errors: string[] };

/** Pretty-printed backup JSON of one case study (ends with a newline). */
export function serializeBackup(bundle: CaseStudyBundle, exportedAt: Date = new Date()): string {
  const file = {
    format: BACKUP_FORMAT,
    version: CURRENT_BACKUP_VERSION,
    exportedAt: exportedAt.toISOString(),
    caseStudy: bundle.caseStudy,
    diagrams: bundle.diagrams,
    components: bundle.components,
    boundaries: bundle.boundaries,
    connections: bundle.connections,
    decisions: bundle.decisions,
    tables: bundle.tables,
    metrics: bundle.metrics,
    flows: bundle.flows,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Lower-case words joined by dashes; letters with accents lose them; at most 60 characters. */
export function kebabCase(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** `faultline-checkout-at-scale-2024-05-07.json` (local date). */
export function backupFileName(title: string, date: Date = new Date()): string {
  const slug = kebabCase(title) || 'case-study';
  const day = `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
  return `faultline-${slug}-${day}.json`;
}

// ---------------------------------------------------------------------------
// Parsing.
// ---------------------------------------------------------------------------

type PlainObject = Record<string, unknown>;

function isPlainObject(x: unknown): x is PlainObject {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** "an array", "a string", "null"… for messages about what the file holds. */
function describeValue(x: unknown): string {
  if (x === null) return 'null';
  if (x === undefined) return 'nothing';
  if (Array.isArray(x)) return 'an array';
  if (typeof x === 'string') return `the text ${JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x)}`;
  if (typeof x === 'number' || typeof x === 'boolean') return String(x);
  return `a ${typeof x}`;
}

function lineAndColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}

/** A message for a JSON.parse failure, naming the line and column when the engine gives a position. */
export function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const explicit = /\(line (\d+) column (\d+)\)/.exec(message);
  if (explicit) return `The file is not valid JSON (line ${explicit[1]}, column ${explicit[2]}): ${message}`;
  const position = /at position (\d+)/.exec(message);
  if (position) {
    const { line, column } = lineAndColumn(text, Number(position[1]));
    return `The file is not valid JSON (line ${line}, column ${column}): ${message}`;
  }
  return `The file is not valid JSON: ${message}`;
}

function readJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // byte order mark from some editors
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (e) {
    return { ok: false, error: describeJsonError(body, e) };
  }
}

/** Why `doc` is not a Faultline backup, or null when its envelope is fine. */
function envelopeProblem(doc: unknown): string | null {
  const not = 'This is not a Faultline backup: ';
  if (!isPlainObject(doc)) return `${not}the file holds ${describeValue(doc)}, not an object.`;
  if (!('format' in doc)) return `${not}it has no "format" field (expected "${BACKUP_FORMAT}").`;
  if (doc.format !== BACKUP_FORMAT) {
    return `${not}its "format" is ${describeValue(doc.format)}, expected "${BACKUP_FORMAT}".`;
  }
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return `This backup has no valid "version" (found ${describeValue(version)}); expected a whole number such as 1.`;
  }
  return null;
}

function joinPath(prefix: string, path: string): string {
  if (!path) return prefix;
  return path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
}

function validateAt<K extends RecordKind>(
  kind: K,
  value: unknown,
  where: string,
  errors: string[],
): RecordTypes[K] | null {
  const result = validateRecord(kind, value);
  if (result.ok) return result.value;
  for (const issue of result.issues)
    errors.push(formatIssue({ ...issue, path: joinPath(where, issue.path) }));
  return null;
}

function validateList<K extends ArrayKind>(kind: K, raw: unknown, errors: string[]): RecordTypes[K][] {
  if (!Array.isArray(raw)) {
    errors.push(`${kind}: Invalid type: Expected an array of records but received ${describeValue(raw)}`);
    return [];
  }
  const out: RecordTypes[K][] = [];
  raw.forEach((item: unknown, i) => {
    const record = validateAt(kind, item, `${kind}[${i}]`, errors);
    if (record) out.push(record);
  });
  return out;
}

function rawId(x: unknown): string | null {
  return isPlainObject(x) && typeof x.id === 'string' ? x.id : null;
}

/** Duplicate ids within each array (a duplicate would silently overwrite a record on import). */
function checkDuplicateIds(doc: PlainObject, errors: string[]): void {
  for (const kind of BACKUP_ARRAYS) {
    const list = doc[kind];
    if (!Array.isArray(list)) continue;
    const firstAt = new Map<string, number>();
    list.forEach((item: unknown, i) => {
      const id = rawId(item);
      if (id === null) return;
      const first = firstAt.get(id);
      if (first === undefined) firstAt.set(id, i);
      else errors.push(`${kind}[${i}].id: "${id}" is used twice (also ${kind}[${first}].id)`);
    });
  }
}

/** Every record belongs to the file's case study and to a diagram in the file. */
function checkOwnership(doc: PlainObject, caseStudyId: string | null, errors: string[]): void {
  const diagramIds = new Set(
    (Array.isArray(doc.diagrams) ? doc.diagrams : []).map(rawId).filter((id): id is string => id !== null),
  );
  for (const kind of BACKUP_ARRAYS) {
    const list = doc[kind];
    if (!Array.isArray(list)) continue;
    list.forEach((item: unknown, i) => {
      if (!isPlainObject(item)) return;
      const at = `${kind}[${i}]`;
      if (caseStudyId !== null && typeof item.caseStudyId === 'string' && item.caseStudyId !== caseStudyId) {
        errors.push(
          `${at}.caseStudyId: "${item.caseStudyId}" is not this backup's case study ("${caseStudyId}")`,
        );
      }
      if (kind !== 'diagrams' && typeof item.diagramId === 'string' && !diagramIds.has(item.diagramId)) {
        errors.push(`${at}.diagramId: there is no diagram "${item.diagramId}" in this backup`);
      }
    });
  }
}

function capErrors(errors: string[]): string[] {
  if (errors.length <= MAX_BACKUP_ERRORS) return errors;
  const more = errors.length - MAX_BACKUP_ERRORS;
  return [...errors.slice(0, MAX_BACKUP_ERRORS), `…and ${more} more ${more === 1 ? 'problem' : 'problems'}`];
}

function readRecords(
  doc: PlainObject,
): { ok: true; bundle: CaseStudyBundle } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const caseStudy: CaseStudy | null = validateAt('caseStudies', doc.caseStudy, 'caseStudy', errors);
  const bundle = {
    diagrams: validateList('diagrams', doc.diagrams, errors),
    components: validateList('components', doc.components, errors),
    boundaries: validateList('boundaries', doc.boundaries, errors),
    connections: validateList('connections', doc.connections, errors),
    decisions: validateList('decisions', doc.decisions, errors),
    tables: validateList('tables', doc.tables, errors),
    metrics: validateList('metrics', doc.metrics, errors),
    flows: validateList('flows', doc.flows, errors),
  };
  checkDuplicateIds(doc, errors);
  checkOwnership(doc, caseStudy?.id ?? rawId(doc.caseStudy), errors);
  if (errors.length > 0 || caseStudy === null) return { ok: false, errors: capErrors(errors) };
  return { ok: true, bundle: { caseStudy, ...bundle } };
}

function parseBackupUnguarded(text: string): ParseBackupResult {
  const json = readJson(text);
  if (!json.ok) return { ok: false, errors: [json.error] };
  const problem = envelopeProblem(json.value);
  if (problem) return { ok: false, errors: [problem] };
  const envelope = json.value as PlainObject;

  let doc: unknown;
  try {
    doc = migrate(envelope, envelope.version as number);
  } catch (e) {
    if (e instanceof MigrationError) return { ok: false, errors: [e.message] };
    throw e;
  }
  if (!isPlainObject(doc))
    return { ok: false, errors: ['The backup could not be upgraded to this version.'] };

  const records = readRecords(doc);
  if (!records.ok) return records;
  const repaired = repairBundle(records.bundle);
  const exportedAt = typeof envelope.exportedAt === 'string' ? envelope.exportedAt : null;
  return { ok: true, bundle: repaired.bundle, notes: repaired.notes, exportedAt };
}

/** Read a backup file's text; never throws. On any error there is no bundle. */
export function parseBackup(text: string): ParseBackupResult {
  try {
    return parseBackupUnguarded(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, errors: [`The backup could not be read: ${message}`] };
  }
}

/**
 * Versioned migrations of Faultline documents: one `migrate()` for backup files written by
 * older versions (and, later, stored data written by older code).
 *
 * A "document" is the plain, JSON-shaped object of a backup file: `{ format, version,
 * exportedAt, caseStudy, diagrams, components, boundaries, connections, decisions, tables,
 * metrics, flows }` (steps leave the envelope fields alone; `migrate` does not set
 * `version`, the caller knows the result is at CURRENT_BACKUP_VERSION). Each step
 * takes a document of version `from` and returns the same document as version `to`
 * (`to === from + 1`). Steps get a private copy, so they may build a new object or change
 * the one they get; they must not depend on anything but their input (no clock, no ids
 * from outside), so each can be tested on its own with a literal before/after.
 *
 * HOW TO ADD VERSION 2 (and later ones):
 *   1. Change the types/schemas to the new shape.
 *   2. Append ONE step to MIGRATIONS, e.g.
 *        {
 *          from: 1,
 *          to: 2,
 *          description: 'Connections get a "protocol" field (default "")',
 *          up: (doc) => mapRecords(doc, 'connections', (c) => ({ ...c, protocol: '' })),
 *        },
 *   3. Add a unit test for that step alone (a literal v1 document in, the v2 document out)
 *      and keep the old fixture files around as v1 inputs.
 *   CURRENT_BACKUP_VERSION follows from the list (the last step's `to`); never edit or
 *   remove a step that has shipped.
 */

export interface MigrationStep {
  from: number;
  to: number;
  /** What changed, in plain English (shown in logs and tests). */
  description: string;
  up(data: unknown): unknown;
}

/** The version of the first backup format. */
export const FIRST_BACKUP_VERSION = 1;

/** Every migration step, oldest first. Append only. */
export const MIGRATIONS: readonly MigrationStep[] = [];

/** The version a list of steps migrates up to (FIRST_BACKUP_VERSION when there are none). */
export function latestVersion(steps: readonly MigrationStep[] = MIGRATIONS): number {
  const last = steps[steps.length - 1];
  return last ? last.to : FIRST_BACKUP_VERSION;
}

/** The backup version this code writes and reads up to. */
export const CURRENT_BACKUP_VERSION: number = latestVersion(MIGRATIONS);

/** Thrown by `migrate` with a message meant for the user. */
export class MigrationError extends Error {
  override name = 'MigrationError';
}

/**
 * Problems with a list of steps (empty when it is a proper chain
 * FIRST → FIRST+1 → … with no gaps). Checked by a unit test for MIGRATIONS.
 */
export function checkMigrationChain(steps: readonly MigrationStep[]): string[] {
  const problems: string[] = [];
  let expected = FIRST_BACKUP_VERSION;
  steps.forEach((step, i) => {
    if (step.from !== expected) {
      problems.push(`Step ${i} migrates from version ${step.from}; expected ${expected}`);
    }
    if (step.to !== step.from + 1) {
      problems.push(`Step ${i} migrates from ${step.from} to ${step.to}; a step must go up by exactly one`);
    }
    expected = step.to;
  });
  return problems;
}

function isPositiveInteger(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1;
}

/**
 * Bring `data` written at `fromVersion` up to the latest version of `steps`.
 * Returns `data` itself when no step is needed; otherwise a migrated copy (the input is
 * never changed). Throws MigrationError with a user-facing message when the version is
 * newer than this code knows, invalid, or has no path.
 */
export function migrate(
  data: unknown,
  fromVersion: number,
  steps: readonly MigrationStep[] = MIGRATIONS,
): unknown {
  const latest = latestVersion(steps);
  if (!isPositiveInteger(fromVersion)) {
    throw new MigrationError(`Unknown version ${String(fromVersion)}: a version is a whole number from 1 up`);
  }
  if (fromVersion > latest) {
    throw new MigrationError(
      `This backup was made by a newer version of Faultline (version ${fromVersion}); ` +
        `this app reads up to version ${latest}`,
    );
  }
  if (fromVersion === latest) return data;

  let doc: unknown = structuredClone(data);
  let version = fromVersion;
  while (version < latest) {
    const step = steps.find((s) => s.from === version);
    if (!step) {
      throw new MigrationError(`Cannot read version ${fromVersion}: no migration from version ${version}`);
    }
    doc = step.up(doc);
    version = step.to;
  }
  return doc;
}

type PlainObject = Record<string, unknown>;

function isPlainObject(x: unknown): x is PlainObject {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Helper for steps: a copy of `doc` with `fn` applied to every object in the array `doc[key]`.
 * Leaves anything that is not an object (or a missing array) alone, so validation can
 * report it afterwards.
 */
export function mapRecords(doc: unknown, key: string, fn: (record: PlainObject) => PlainObject): unknown {
  if (!isPlainObject(doc)) return doc;
  const list = doc[key];
  if (!Array.isArray(list)) return doc;
  return { ...doc, [key]: list.map((r: unknown) => (isPlainObject(r) ? fn(r) : r)) };
}

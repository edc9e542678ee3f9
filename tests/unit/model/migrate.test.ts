import { describe, expect, it } from 'vitest';
import {
  CURRENT_BACKUP_VERSION,
  MIGRATIONS,
  MigrationError,
  checkMigrationChain,
  latestVersion,
  mapRecords,
  migrate,
  type MigrationStep,
} from '../../../src/lib/model';

/** A made-up version 2 in which connections gain a `protocol` field, to exercise the pattern. */
const toV2: MigrationStep = {
  from: 1,
  to: 2,
  description: 'Connections get a "protocol" field (default "")',
  up: (doc) => mapRecords(doc, 'connections', (c) => ({ ...c, protocol: '' })),
};
/** …and a version 3 that renames `notes` to `remarks` on components. */
const toV3: MigrationStep = {
  from: 2,
  to: 3,
  description: 'Components: "notes" is renamed "remarks"',
  up: (doc) => mapRecords(doc, 'components', ({ notes, ...rest }) => ({ ...rest, remarks: notes })),
};

const v1Doc = () => ({
  caseStudy: { id: 'cs_1' },
  components: [{ id: 'cmp_1', notes: 'hot path' }],
  connections: [{ id: 'con_1', label: 'GET /' }, 'not a record'],
});

describe('the shipped migrations', () => {
  it('form a chain from version 1 with no gaps', () => {
    expect(checkMigrationChain(MIGRATIONS)).toEqual([]);
  });

  it('read and write version 1 today', () => {
    expect(CURRENT_BACKUP_VERSION).toBe(1);
    expect(latestVersion()).toBe(CURRENT_BACKUP_VERSION);
  });

  it('return current data as it is', () => {
    const doc = v1Doc();
    expect(migrate(doc, CURRENT_BACKUP_VERSION)).toBe(doc);
  });
});

describe('adding a version is appending a step (hypothetical v2 and v3)', () => {
  it('step 1→2 alone: connections gain a protocol, anything else is left alone', () => {
    expect(toV2.up(v1Doc())).toEqual({
      caseStudy: { id: 'cs_1' },
      components: [{ id: 'cmp_1', notes: 'hot path' }],
      connections: [{ id: 'con_1', label: 'GET /', protocol: '' }, 'not a record'],
    });
  });

  it('migrates a v1 document to v2 through the injected steps', () => {
    const doc = v1Doc();
    const out = migrate(doc, 1, [toV2]);
    expect(out).toEqual(toV2.up(v1Doc()));
    expect(doc).toEqual(v1Doc()); // the input is never changed
  });

  it('runs every step in order from the file version up', () => {
    const steps = [toV2, toV3];
    expect(latestVersion(steps)).toBe(3);
    expect(checkMigrationChain(steps)).toEqual([]);
    expect(migrate(v1Doc(), 1, steps)).toEqual({
      caseStudy: { id: 'cs_1' },
      components: [{ id: 'cmp_1', remarks: 'hot path' }],
      connections: [{ id: 'con_1', label: 'GET /', protocol: '' }, 'not a record'],
    });
    // a v2 file only runs the 2→3 step
    const v2 = {
      components: [{ id: 'cmp_1', notes: 'x' }],
      connections: [{ id: 'con_1', protocol: 'grpc' }],
    };
    expect(migrate(v2, 2, steps)).toEqual({
      components: [{ id: 'cmp_1', remarks: 'x' }],
      connections: [{ id: 'con_1', protocol: 'grpc' }],
    });
  });

  it('does not let a step that changes its input in place touch the caller’s data', () => {
    const sloppy: MigrationStep = {
      from: 1,
      to: 2,
      description: 'mutates',
      up: (doc) => {
        const first = (doc as { components: { notes: string }[] }).components[0];
        if (first) first.notes = 'changed';
        return doc;
      },
    };
    const doc = v1Doc();
    migrate(doc, 1, [sloppy]);
    expect(doc.components[0]?.notes).toBe('hot path');
  });
});

describe('versions it cannot read', () => {
  it('refuses a backup from a newer Faultline with a clear message', () => {
    expect(() => migrate(v1Doc(), 3)).toThrow(
      'This backup was made by a newer version of Faultline (version 3); this app reads up to version 1',
    );
    expect(() => migrate(v1Doc(), 3)).toThrow(MigrationError);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses version %s', (version) => {
    expect(() => migrate(v1Doc(), version)).toThrow(MigrationError);
  });

  it('says so when a step is missing from the chain', () => {
    const gap = [{ ...toV3, from: 2, to: 3 }];
    expect(checkMigrationChain(gap)).toEqual(['Step 0 migrates from version 2; expected 1']);
    expect(() => migrate(v1Doc(), 1, gap)).toThrow('no migration from version 1');
  });

  it('flags a step that skips a version', () => {
    expect(checkMigrationChain([{ ...toV2, to: 3 }])).toEqual([
      'Step 0 migrates from 1 to 3; a step must go up by exactly one',
    ]);
  });
});

describe('mapRecords', () => {
  it('leaves documents without the array alone', () => {
    expect(mapRecords({ a: 1 }, 'components', () => ({}))).toEqual({ a: 1 });
    expect(mapRecords(null, 'components', () => ({}))).toBeNull();
    expect(mapRecords({ components: 'x' }, 'components', () => ({}))).toEqual({ components: 'x' });
  });
});

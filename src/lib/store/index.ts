/**
 * The store: Faultline's IndexedDB database (Dexie), its repository and write queue.
 * Plain TypeScript; the UI subscribes to the repository's liveQuery observables itself.
 * See docs/store.md.
 */
export {
  DB_VERSION,
  DEFAULT_DB_NAME,
  FaultlineDB,
  openDatabase,
  STORES_V1,
  TABLE_NAMES,
  type FaultlineDBOptions,
} from './db';
export {
  describeStorageError,
  errorChain,
  InvalidRecordError,
  RecordNotFoundError,
  type LoadProblem,
  type StorageErrorInfo,
  type StorageErrorKind,
} from './errors';
export {
  CASE_STUDY_CHILD_KINDS,
  checkedBundle,
  checkedRows,
  keepValid,
  Repository,
  uniqueTitle,
  type CaseStudyChildKind,
  type CaseStudyPatch,
  type DiagramUpdate,
  type Loaded,
  type RecordChanges,
} from './repository';
export { migrateStoredData } from './upgrade';
export { WriteQueue, type PatchWriter, type WriteFailure, type WriteQueueOptions } from './write-queue';
export * from './journal';

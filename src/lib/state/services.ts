/**
 * The app's single database, repository and write queue. Created on first use so that
 * importing a module never opens IndexedDB by itself.
 */
import { openDatabase, Repository, WriteQueue, type FaultlineDB } from '../store';
import { toasts } from './toasts.svelte';

export interface Services {
  db: FaultlineDB;
  repo: Repository;
  writes: WriteQueue;
}

let services: Services | null = null;

export function getServices(): Services {
  if (services) return services;
  const db = openDatabase('faultline', {
    onVersionChange: () => {
      // Another tab opened a newer version of the database: reload to run the new code.
      location.reload();
    },
  });
  const repo = new Repository(db);
  const writes = new WriteQueue(repo, {
    onError: (message) => toasts.show(message, { kind: 'error' }),
  });
  // Before another tab's newer code upgrades the database, write what this tab still holds.
  db.beforeVersionChangeClose = () => writes.flush();
  services = { db, repo, writes };
  return services;
}

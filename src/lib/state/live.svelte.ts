/**
 * Subscribe a component to a Dexie liveQuery observable. Call during component
 * initialisation; the subscription ends with the component.
 */
import type { Observable } from 'dexie';

export function live<T>(factory: () => Observable<T>): {
  readonly current: T | undefined;
  readonly error: string | null;
} {
  let current = $state.raw<T | undefined>(undefined);
  let error = $state<string | null>(null);
  $effect(() => {
    const sub = factory().subscribe({
      next: (value) => {
        current = value;
        error = null;
      },
      error: (e) => {
        error = e instanceof Error ? e.message : String(e);
      },
    });
    return () => sub.unsubscribe();
  });
  return {
    get current() {
      return current;
    },
    get error() {
      return error;
    },
  };
}

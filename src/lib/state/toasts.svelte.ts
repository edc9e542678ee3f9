/** Transient messages; an action (e.g. "Undo") can be attached. */
export interface Toast {
  id: number;
  message: string;
  kind: 'info' | 'error';
  action?: { label: string; run: () => void };
}

let nextId = 1;

class Toasts {
  items = $state.raw<Toast[]>([]);

  show(
    message: string,
    opts: { kind?: Toast['kind']; action?: Toast['action']; timeoutMs?: number } = {},
  ): number {
    const toast: Toast = { id: nextId++, message, kind: opts.kind ?? 'info', action: opts.action };
    this.items = [...this.items, toast];
    const timeout = opts.timeoutMs ?? (toast.kind === 'error' ? 10_000 : 5_000);
    setTimeout(() => this.dismiss(toast.id), timeout);
    return toast.id;
  }

  dismiss(id: number): void {
    this.items = this.items.filter((t) => t.id !== id);
  }
}

export const toasts = new Toasts();

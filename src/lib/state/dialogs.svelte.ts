/** Promise-based confirm and prompt dialogs, rendered by DialogHost.svelte. */
export type DialogRequest =
  | {
      type: 'confirm';
      title: string;
      message: string;
      confirmLabel: string;
      danger: boolean;
      resolve: (ok: boolean) => void;
    }
  | {
      type: 'choose';
      title: string;
      message: string;
      choices: { label: string; value: string; danger?: boolean }[];
      resolve: (value: string | null) => void;
    }
  | {
      type: 'prompt';
      title: string;
      label: string;
      value: string;
      confirmLabel: string;
      resolve: (value: string | null) => void;
    };

class Dialogs {
  current = $state.raw<DialogRequest | null>(null);

  confirm(opts: {
    title: string;
    message: string;
    confirmLabel?: string;
    danger?: boolean;
  }): Promise<boolean> {
    return new Promise((resolve) => {
      this.current = {
        type: 'confirm',
        title: opts.title,
        message: opts.message,
        confirmLabel: opts.confirmLabel ?? 'OK',
        danger: opts.danger ?? false,
        resolve: (ok) => {
          this.current = null;
          resolve(ok);
        },
      };
    });
  }

  /** Several answers (plus Cancel, which resolves null). */
  choose(opts: {
    title: string;
    message: string;
    choices: { label: string; value: string; danger?: boolean }[];
  }): Promise<string | null> {
    return new Promise((resolve) => {
      this.current = {
        type: 'choose',
        ...opts,
        resolve: (value) => {
          this.current = null;
          resolve(value);
        },
      };
    });
  }

  prompt(opts: {
    title: string;
    label: string;
    value?: string;
    confirmLabel?: string;
  }): Promise<string | null> {
    return new Promise((resolve) => {
      this.current = {
        type: 'prompt',
        title: opts.title,
        label: opts.label,
        value: opts.value ?? '',
        confirmLabel: opts.confirmLabel ?? 'Save',
        resolve: (value) => {
          this.current = null;
          resolve(value);
        },
      };
    });
  }
}

export const dialogs = new Dialogs();

/** A short message confirming what an action did, or why it failed (in the server's words). */
export interface Toast {
  id: number;
  kind: 'success' | 'error';
  text: string;
}

const visibleMs = { success: 4000, error: 8000 } as const;

/** The console's toasts: newest last, each leaving by itself after a while or when dismissed. */
export class Toasts {
  items = $state<Toast[]>([]);
  #nextId = 1;

  show(kind: Toast['kind'], text: string): void {
    const toast = { id: this.#nextId++, kind, text };
    // At most three on screen: a burst of actions must not bury the page.
    this.items = [...this.items.slice(-2), toast];
    setTimeout(() => this.dismiss(toast.id), visibleMs[kind]);
  }

  success = (text: string) => this.show('success', text);
  error = (text: string) => this.show('error', text);

  dismiss(id: number): void {
    this.items = this.items.filter((toast) => toast.id !== id);
  }
}

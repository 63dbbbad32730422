/**
 * Whether this browser's latest board edit is stored on the server, from two signals:
 * - a local edit by the user (tldraw store listener, source "user", document scope);
 * - the tldraw sync traffic: a `push` carrying a diff, then its `push_result`.
 * The server stores a change in the board file inside the transaction that accepts it and only
 * then answers `push_result`, so an answered push is stored (and survives a server crash).
 * Saved means: no edit waiting to be pushed and no push waiting for its result.
 */
export type TSaveState = 'saved' | 'saving' | 'unsaved';

type TPushResult = { type: 'push_result'; clientClock: number; action: unknown };

export class BoardSaveTracker {
  private hasLocalEdits = false;
  private readonly pendingPushes = new Set<number>();

  constructor(private readonly onChange: (state: TSaveState) => void) {}

  get state(): TSaveState {
    if (this.hasLocalEdits) return 'unsaved';
    return this.pendingPushes.size > 0 ? 'saving' : 'saved';
  }

  localEdit(): void {
    this.update(() => (this.hasLocalEdits = true));
  }

  /** A message tldraw's client sends. */
  sent(message: object): void {
    const push = message as { type?: string; clientClock?: number; diff?: unknown };
    if (push.type !== 'push' || push.diff === undefined || typeof push.clientClock !== 'number') return;
    const clientClock = push.clientClock;
    this.update(() => {
      this.hasLocalEdits = false;
      this.pendingPushes.add(clientClock);
    });
  }

  /** A message tldraw's client receives. */
  received(message: object): void {
    const event = message as { type?: string; data?: unknown };
    if (event.type === 'connect') {
      // After a (re)connect tldraw resends what the room did not accept as new pushes.
      return this.update(() => this.pendingPushes.clear());
    }
    const events = event.type === 'data' && Array.isArray(event.data) ? (event.data as object[]) : [event];
    for (const item of events) {
      const result = item as Partial<TPushResult>;
      if (result.type !== 'push_result' || typeof result.clientClock !== 'number') continue;
      const { clientClock } = result;
      this.update(() => this.pendingPushes.delete(clientClock));
    }
  }

  private update(change: () => void): void {
    const before = this.state;
    change();
    const after = this.state;
    if (after !== before) this.onChange(after);
  }
}

/**
 * Whether this browser's latest board edit is stored on the server, from three signals:
 * - a local edit by the user (tldraw store listener, source "user", document scope);
 * - the tldraw sync traffic: a `push` carrying a diff, then its `push_result` with the server's
 *   document clock once the room accepted it;
 * - `board:saved` from the server with the document clock its writer stored.
 * Saved means: no edit waiting to be pushed, no push waiting for its result, and the stored
 * clock has reached the clock at which the room accepted our last push.
 */
export type TSaveState = 'saved' | 'saving' | 'unsaved';

type TPushResult = { type: 'push_result'; clientClock: number; serverClock: number; action: unknown };

export class BoardSaveTracker {
  private hasLocalEdits = false;
  private readonly pendingPushes = new Set<number>();
  private acceptedClock = -1;
  private storedClock = -1;

  constructor(private readonly onChange: (state: TSaveState) => void) {}

  get state(): TSaveState {
    if (this.hasLocalEdits) return 'unsaved';
    if (this.pendingPushes.size > 0 || this.storedClock < this.acceptedClock) return 'saving';
    return 'saved';
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
      const { clientClock, serverClock } = result;
      this.update(() => {
        this.pendingPushes.delete(clientClock);
        if (result.action !== 'discard' && typeof serverClock === 'number') {
          this.acceptedClock = Math.max(this.acceptedClock, serverClock);
        }
      });
    }
  }

  /** The server stored the board up to this document clock. */
  stored(clock: number): void {
    this.update(() => (this.storedClock = Math.max(this.storedClock, clock)));
  }

  private update(change: () => void): void {
    const before = this.state;
    change();
    const after = this.state;
    if (after !== before) this.onChange(after);
  }
}

import type { TClientSocket } from '@/components/realtime/use-realtime';
import type { TCallJoined, TCallSignalRelayed } from '@/lib/protocol/call';
import type { TResult } from '@/lib/result';
import type { CallEngine } from './call-engine';
import { IDLE_CALL, newSessionId, rememberedMedia, type TCallEvent, type TCallSnapshot } from './call-state';

// The call's light part, in the room's first load; the engine (call-engine.ts: RTCPeerConnection,
// negotiation, statistics) is a dynamic import made only when this person turns on the microphone
// or the camera (a button, a shortcut, or a reload of a tab that had them on) or when a call
// signal arrives from the other person (they turned theirs on: an offer or their media state).
//
// Until then this joins the call with the page's session (so that the server puts the socket in
// its call channel and tells the peer, and the peer's first offer reaches this page), joins again
// after a reconnect and before TURN credentials expire, notices another tab taking the call, and
// keeps what the socket said in order; the engine takes over the session, the join's answer and
// those events (TCallPrimer) without joining again.

/** Events kept before the engine loads: a long quiet room only sees joins and leaves, bounded all the same. */
const MAX_EVENTS = 200;

export type TCallControls = {
  subscribe: (listener: () => void) => () => void;
  getSnapshot: () => TCallSnapshot;
  setMic: (isOn: boolean) => Promise<void>;
  setCamera: (isOn: boolean) => Promise<void>;
  chooseDevice: (kind: 'audio' | 'video', deviceId: string) => Promise<void>;
};

export class CallLoader implements TCallControls {
  readonly session = newSessionId();
  private snapshot: TCallSnapshot = IDLE_CALL;
  private readonly listeners = new Set<() => void>();
  private engine: CallEngine | null = null;
  private loading: Promise<CallEngine | null> | null = null;
  private joined: TCallJoined | null = null;
  /** A join sent and not answered yet (its answer goes to the engine if the engine took over meanwhile). */
  private isJoining = false;
  private events: TCallEvent[] = [];
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private isStopped = false;

  constructor(
    private readonly socket: TClientSocket,
    private readonly interviewId: string,
  ) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.engine?.getSnapshot() ?? this.snapshot;

  private notify() {
    for (const listener of this.listeners) listener();
  }

  private set(patch: Partial<TCallSnapshot>) {
    this.snapshot = { ...this.snapshot, ...patch };
    this.notify();
  }

  start() {
    this.socket.on('connect', this.join);
    this.socket.on('call:signal', this.onSignal);
    this.socket.on('call:peer-joined', this.onPeerJoined);
    this.socket.on('call:peer-left', this.onPeerLeft);
    this.socket.on('call:moved', this.onMoved);
    if (this.socket.connected) this.join();
    // A reload of a tab that had its microphone or camera on: the engine now (it turns them back on).
    const remembered = rememberedMedia(this.interviewId);
    if (remembered.mic || remembered.camera) void this.load();
  }

  private detach() {
    this.socket.off('connect', this.join);
    this.socket.off('call:signal', this.onSignal);
    this.socket.off('call:peer-joined', this.onPeerJoined);
    this.socket.off('call:peer-left', this.onPeerLeft);
    this.socket.off('call:moved', this.onMoved);
    clearTimeout(this.refreshTimer);
  }

  stop(phase: TCallSnapshot['phase'] = this.getSnapshot().phase, tellPeer = true) {
    if (this.isStopped) return;
    this.isStopped = true;
    if (this.engine) return this.engine.stop(phase, tellPeer);
    this.detach();
    if (tellPeer && this.joined && this.socket.connected) this.socket.emit('call:leave', { interviewId: this.interviewId, session: this.session }, () => undefined);
    this.set({ phase });
  }

  /** The engine, loaded once; null when the call stopped meanwhile. */
  load(): Promise<CallEngine | null> {
    this.loading ??= import('./call-engine').then(
      ({ CallEngine }) => {
        if (this.isStopped) return null;
        this.detach();
        const engine = new CallEngine(this.socket, this.interviewId, this.session);
        this.engine = engine;
        engine.subscribe(() => this.notify());
        const events = this.events;
        this.events = [];
        engine.start({ joined: this.joined, isJoining: this.isJoining && this.socket.connected, events });
        this.notify();
        return engine;
      },
      (error: unknown) => {
        // A failed chunk load (offline, a new deployment): the next press tries again.
        this.loading = null;
        console.warn('[call] could not load the call', error);
        return null;
      },
    );
    return this.loading;
  }

  async setMic(isOn: boolean) {
    if (!isOn && !this.engine) return;
    await (await this.load())?.setMic(isOn);
  }

  async setCamera(isOn: boolean) {
    if (!isOn && !this.engine) return;
    await (await this.load())?.setCamera(isOn);
  }

  async chooseDevice(kind: 'audio' | 'video', deviceId: string) {
    await (await this.load())?.chooseDevice(kind, deviceId);
  }

  private join = () => {
    if (this.isStopped || this.engine) return;
    this.isJoining = true;
    this.socket.emit('call:join', { interviewId: this.interviewId, session: this.session }, (result: TResult<TCallJoined>) => {
      this.isJoining = false;
      // The engine loaded meanwhile: the answer is its own (it did not join again).
      if (this.engine) return this.engine.acceptJoin(result);
      if (this.isStopped) return;
      if (!result.ok) {
        if (result.error.code === 'conflict') return this.stop('ended', false);
        return this.set({ phase: 'refused', refusal: result.error.message });
      }
      this.joined = result.data;
      this.set({ phase: 'ready', refusal: null });
      clearTimeout(this.refreshTimer);
      // Fresh TURN credentials before these expire, as the engine does.
      const ttl = result.data.iceServersTtlSeconds;
      if (ttl) this.refreshTimer = setTimeout(() => this.join(), ttl * 800);
    });
  };

  private keep(event: TCallEvent) {
    this.events.push(event);
    if (this.events.length > MAX_EVENTS) this.events.splice(0, this.events.length - MAX_EVENTS);
  }

  private onSignal = (payload: TCallSignalRelayed) => {
    if (payload.interviewId !== this.interviewId) return;
    this.keep({ type: 'signal', payload });
    // The other person turned something on: this page answers, so the engine comes now.
    void this.load();
  };

  private onPeerJoined = (payload: { interviewId: string; session: string }) => {
    if (payload.interviewId === this.interviewId) this.keep({ type: 'peer-joined', payload });
  };

  private onPeerLeft = (payload: { interviewId: string; session: string }) => {
    if (payload.interviewId === this.interviewId) this.keep({ type: 'peer-left', payload });
  };

  private onMoved = ({ interviewId, session }: { interviewId: string; session: string }) => {
    if (interviewId === this.interviewId && session !== this.session) this.stop('moved', false);
  };
}

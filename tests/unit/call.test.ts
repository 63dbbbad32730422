// The call's pure parts: the keyboard shortcuts stay clear of tldraw's, and the connection
// quality read from getStats numbers. And the call's ordering with a fake socket and a fake
// RTCPeerConnection: what a reloaded page hears before its join is answered, and the peer's side.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TClientSocket } from '@/components/realtime/use-realtime';
import type { CallEngine } from '@/components/call/call-engine';
import { CallLoader } from '@/components/call/call-loader';
import type { TCallJoined } from '@/lib/protocol/call';
import { callQuality } from '@/components/call/call-quality';
import { CALL_SHORTCUTS, callShortcutOf } from '@/components/call/shortcuts';

const TLDRAW_DIST = path.resolve(import.meta.dirname, '..', '..', 'node_modules', 'tldraw', 'dist-esm');

/** Every shortcut tldraw binds (its actions' and tools' `kbd` strings), lower-cased, one combo each. */
function tldrawShortcuts(): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.mjs')) {
        for (const match of readFileSync(full, 'utf8').matchAll(/kbd:\s*['"]([^'"]+)['"]/g)) {
          for (const combo of match[1]!.split(',')) found.add(combo.trim().toLowerCase().replace(/[$!?]/g, ''));
        }
      }
    }
  };
  walk(TLDRAW_DIST);
  return found;
}

describe('call shortcuts', () => {
  it('are not tldraw shortcuts (read from its build), and are what the handler matches', () => {
    const tldraw = tldrawShortcuts();
    // The list is real: tldraw's own Alt+Shift bindings are in it.
    expect(tldraw.has('alt+shift+v')).toBe(true);
    expect(tldraw.size).toBeGreaterThan(50);
    for (const shortcut of Object.values(CALL_SHORTCUTS)) expect(tldraw.has(shortcut.kbd), shortcut.kbd).toBe(false);
    const press = (code: string, mods: Partial<Record<'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey', boolean>>) => callShortcutOf({ altKey: false, shiftKey: false, ctrlKey: false, metaKey: false, code, ...mods });
    expect(press('KeyM', { altKey: true, shiftKey: true })).toBe('mic');
    expect(press('KeyC', { altKey: true, shiftKey: true })).toBe('camera');
    // Alt+N (a note) and Alt+digit (tabs) stay the room's; plain letters stay tldraw's.
    expect(press('KeyM', { altKey: true })).toBeNull();
    expect(press('KeyM', {})).toBeNull();
    expect(press('KeyM', { altKey: true, shiftKey: true, ctrlKey: true })).toBeNull();
  });
});

describe('call quality', () => {
  it('grades round trip and loss between two readings', () => {
    expect(callQuality(null, null, null)).toEqual({ rttMs: null, lossPercent: null, level: 'unknown' });
    expect(callQuality(0.04, { packetsReceived: 100, packetsLost: 0 }, { packetsReceived: 200, packetsLost: 0 })).toEqual({ rttMs: 40, lossPercent: 0, level: 'good' });
    expect(callQuality(0.35, null, null).level).toBe('fair');
    expect(callQuality(0.05, { packetsReceived: 0, packetsLost: 0 }, { packetsReceived: 95, packetsLost: 5 })).toMatchObject({ lossPercent: 5, level: 'fair' });
    expect(callQuality(0.05, { packetsReceived: 0, packetsLost: 0 }, { packetsReceived: 80, packetsLost: 20 })).toMatchObject({ lossPercent: 20, level: 'poor' });
    expect(callQuality(0.7, null, null).level).toBe('poor');
    // No packets between the readings (muted): loss unknown, not 0 %.
    expect(callQuality(0.02, { packetsReceived: 50, packetsLost: 1 }, { packetsReceived: 50, packetsLost: 1 })).toMatchObject({ lossPercent: null, level: 'good' });
  });
});

// ---------- ordering, with fakes ----------

type TEmitted = { event: string; payload: Record<string, unknown>; ack: (result: unknown) => void };

/** The room's socket as the call uses it: listeners by event, emits recorded with their ack. */
class FakeSocket {
  connected = true;
  readonly emitted: TEmitted[] = [];
  private readonly listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  on(event: string, listener: (...args: unknown[]) => void) {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)!.add(listener);
    return this;
  }
  off(event: string, listener: (...args: unknown[]) => void) {
    this.listeners.get(event)?.delete(listener);
    return this;
  }
  emit(event: string, payload: Record<string, unknown>, ack: (result: unknown) => void = () => undefined) {
    this.emitted.push({ event, payload, ack });
    return this;
  }
  /** The server says something to this socket. */
  receive(event: string, payload: unknown) {
    for (const listener of [...(this.listeners.get(event) ?? [])]) listener(payload);
  }
  sent(event: string) {
    return this.emitted.filter((e) => e.event === event);
  }
}

/** Enough of RTCPeerConnection for the negotiation: descriptions and signaling state, nothing on the wire. */
class FakePeerConnection {
  static made: FakePeerConnection[] = [];
  signalingState: RTCSignalingState = 'stable';
  connectionState: RTCPeerConnectionState = 'new';
  iceConnectionState: RTCIceConnectionState = 'new';
  localDescription: { type: RTCSdpType; sdp: string } | null = null;
  remoteDescription: { type: RTCSdpType; sdp: string } | null = null;
  isClosed = false;
  readonly remoteCalls: string[] = [];
  onnegotiationneeded: (() => Promise<void>) | null = null;
  onicecandidate: unknown = null;
  ontrack: unknown = null;
  oniceconnectionstatechange: unknown = null;
  onconnectionstatechange: unknown = null;
  readonly id = FakePeerConnection.made.length + 1;
  constructor() {
    FakePeerConnection.made.push(this);
  }
  async setLocalDescription() {
    await Promise.resolve();
    const type = this.signalingState === 'have-remote-offer' ? 'answer' : 'offer';
    this.localDescription = { type, sdp: `${type} of connection ${this.id}` };
    this.signalingState = type === 'offer' ? 'have-local-offer' : 'stable';
  }
  async setRemoteDescription(description: { type: RTCSdpType; sdp: string }) {
    await Promise.resolve();
    this.remoteCalls.push(`${description.type}: ${description.sdp}`);
    this.remoteDescription = description;
    this.signalingState = description.type === 'offer' ? 'have-remote-offer' : 'stable';
  }
  async addIceCandidate() {}
  setConfiguration() {}
  getTransceivers() {
    return [];
  }
  restartIce() {}
  close() {
    this.isClosed = true;
  }
}

const JOINED = (isPolite: boolean): TCallJoined => ({ iceServers: [], iceServersTtlSeconds: null, iceTransportPolicy: 'all', isPolite, peerUserId: 'peer-user' });
const INTERVIEW = 'interview-1';
const settle = async () => {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};
const signalFrom = (from: string, to: string | null, signal: unknown) => ({ interviewId: INTERVIEW, from, to, signal, fromUserId: 'peer-user' });

describe('call ordering (fake socket and RTCPeerConnection)', () => {
  beforeEach(() => {
    FakePeerConnection.made = [];
    vi.stubGlobal('RTCPeerConnection', FakePeerConnection);
    vi.stubGlobal('MediaStream', class {
      constructor(private readonly tracks: unknown[] = []) {}
      getTracks() {
        return this.tracks;
      }
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('a page whose engine loads while its join is on its way: one join, and the offer that arrives before the answer is answered', async () => {
    const socket = new FakeSocket();
    const loader = new CallLoader(socket as unknown as TClientSocket, INTERVIEW);
    loader.start();
    expect(socket.sent('call:join')).toHaveLength(1);
    // The server put the socket in the call's channel: the peer's offer arrives before the join's answer,
    // and loads the engine.
    socket.receive('call:signal', signalFrom('peer-session', loader.session, { kind: 'description', description: { type: 'offer', sdp: 'the peer offers' } }));
    const engine = (await loader.load()) as CallEngine;
    expect(engine).not.toBeNull();
    await settle();
    // The engine takes the loader's join over instead of joining a second time.
    expect(socket.sent('call:join')).toHaveLength(1);
    socket.sent('call:join')[0]!.ack({ ok: true, data: JOINED(true) });
    await settle();
    expect(FakePeerConnection.made).toHaveLength(1);
    expect(FakePeerConnection.made[0]!.remoteCalls).toEqual(['offer: the peer offers']);
    const answers = socket.sent('call:signal').filter((e) => (e.payload.signal as { kind: string; description?: { type: string } }).description?.type === 'answer');
    expect(answers).toHaveLength(1);
    expect(answers[0]!.payload.to).toBe('peer-session');
    loader.stop();
  });

  it("the peer's page reloads: the connection offered to nobody becomes theirs (kept, its offer sent to them) instead of being replaced", async () => {
    const socket = new FakeSocket();
    const loader = new CallLoader(socket as unknown as TClientSocket, INTERVIEW);
    loader.start();
    socket.sent('call:join')[0]!.ack({ ok: true, data: JOINED(false) });
    await loader.load();
    await settle();
    // The peer's previous page left: a fresh connection, which offers (a camera is on) to nobody in particular.
    socket.receive('call:peer-joined', { interviewId: INTERVIEW, session: 'old-page' });
    socket.receive('call:peer-left', { interviewId: INTERVIEW, session: 'old-page' });
    const fresh = FakePeerConnection.made.at(-1)!;
    await fresh.onnegotiationneeded!();
    const offered = socket.sent('call:signal').filter((e) => (e.payload.signal as { description?: { type: string } }).description?.type === 'offer');
    expect(offered.at(-1)!.payload.to).toBeNull();
    const made = FakePeerConnection.made.length;
    // The new page joins; that offer may already have reached it (it answers the connection that sent it).
    socket.receive('call:peer-joined', { interviewId: INTERVIEW, session: 'new-page' });
    await settle();
    expect(FakePeerConnection.made).toHaveLength(made);
    expect(fresh.isClosed).toBe(false);
    const again = socket.sent('call:signal').filter((e) => (e.payload.signal as { description?: { type: string } }).description?.type === 'offer').at(-1)!;
    expect(again.payload.to).toBe('new-page');
    expect((again.payload.signal as { description: { sdp: string } }).description.sdp).toBe(fresh.localDescription!.sdp);
    // Its answer lands on the connection that made the offer.
    socket.receive('call:signal', signalFrom('new-page', null, { kind: 'description', description: { type: 'answer', sdp: 'the new page answers' } }));
    await settle();
    expect(fresh.remoteCalls).toEqual(['answer: the new page answers']);
    expect(fresh.signalingState).toBe('stable');
    loader.stop();
  });
});

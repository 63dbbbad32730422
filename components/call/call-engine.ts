import type { TClientSocket } from '@/components/realtime/use-realtime';
import type { TResult } from '@/lib/result';
import type { TCallJoined, TCallSignalBody, TCallSignalRelayed } from '@/lib/protocol/call';
import { callQuality } from './call-quality';
import { callStorageKey, IDLE_CALL, newSessionId, rememberedMedia, type TCallPrimer, type TCallSnapshot, type TMediaError } from './call-state';

export { IDLE_CALL, type TCallSnapshot, type TMediaError } from './call-state';

// The browser's side of the call: one RTCPeerConnection per page load, negotiated with the
// "perfect negotiation" pattern (https://www.w3.org/TR/webrtc/#perfect-negotiation-example):
// either side may offer at any time (a track added, the camera turned on, an ICE restart); when
// both offer at once the polite side (the candidate, decided by the server) rolls back and
// answers. Signals travel over the room's socket (lib/protocol/call.ts).
//
// What re-establishes the call without anyone clicking:
// - a reload: the new page has a new call session; the peer is told (call:peer-joined), drops its
//   old connection and both negotiate a fresh one;
// - a network drop or a server restart: the socket reconnects and joins the call again with the
//   same session; media between the browsers usually never stopped; if ICE failed meanwhile, the
//   side that notices restarts ICE (and a lost offer is sent again).

const STATS_INTERVAL_MS = 500;
// How long a new page's polite connection that has heard nobody yet waits for the peer's own offer
// before it offers (see onnegotiationneeded).
const FIRST_OFFER_WAIT_MS = 1000;
const QUALITY_EVERY_TICKS = 4;
// Web Audio's level (0..1) above which someone counts as speaking; Chromium reports
// getStats().audioLevel on that scale (RFC 6464 converted), a quiet room sits near 0.001.
const SPEAKING_LEVEL = 0.02;

export function describeMediaError(error: unknown, device: 'microphone' | 'camera'): TMediaError {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return {
      kind: 'denied',
      device,
      message: `The browser blocked the ${device}. Click the icon at the left of the address bar (a lock or a ${device}), allow the ${device} for this site, then press the button again. If the system blocks it (macOS: System Settings → Privacy & Security → ${device === 'camera' ? 'Camera' : 'Microphone'}), allow the browser there.`,
    };
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return { kind: 'not-found', device, message: `No ${device} was found. Plug one in, or choose another in the list.` };
  if (name === 'NotReadableError' || name === 'AbortError') return { kind: 'in-use', device, message: `The ${device} could not be started: another app may be using it. Close that app and try again.` };
  return { kind: 'other', device, message: `The ${device} could not be started${name ? ` (${name})` : ''}.` };
}


export class CallEngine {
  private snapshot: TCallSnapshot = IDLE_CALL;

  private readonly listeners = new Set<() => void>();
  private pc: RTCPeerConnection | null = null;
  private config: TCallJoined | null = null;
  private isPolite = false;
  private makingOffer = false;
  private ignoreOffer = false;
  /** The peer's call session this connection negotiates with; null until one is known. */
  private remoteSession: string | null = null;
  /** Sessions of the peer replaced by a newer one (a reload): their late signals are dropped. */
  private readonly retired = new Set<string>();
  private micTrack: MediaStreamTrack | null = null;
  private cameraTrack: MediaStreamTrack | null = null;
  private audioSender: RTCRtpSender | null = null;
  private videoSender: RTCRtpSender | null = null;
  private statsTimer: ReturnType<typeof setInterval> | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private statsTicks = 0;
  private previousInbound: { packetsReceived: number; packetsLost: number } | null = null;
  private isStopped = false;

  constructor(
    private readonly socket: TClientSocket,
    private readonly interviewId: string,
    /** This page's call session: call-loader.ts's, which already joined the call with it. */
    readonly session: string = newSessionId(),
  ) {}

  // ---------- React ----------

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.snapshot;

  private set(patch: Partial<TCallSnapshot>) {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }

  // ---------- lifecycle ----------

  /** Starts the call; primer: what call-loader.ts already did (the join) and heard (events, replayed in order). */
  start(primer?: TCallPrimer) {
    this.socket.on('connect', this.join);
    this.socket.on('call:signal', this.onSignal);
    this.socket.on('call:peer-joined', this.onPeerJoined);
    this.socket.on('call:peer-left', this.onPeerLeft);
    this.socket.on('call:moved', this.onMoved);
    if (primer?.joined) this.onJoined(primer.joined);
    // The loader's join is on its way: its answer comes through acceptJoin().
    else if (!primer?.isJoining && this.socket.connected) this.join();
    for (const event of primer?.events ?? []) {
      if (event.type === 'signal') this.onSignal(event.payload);
      else if (event.type === 'peer-joined') this.onPeerJoined(event.payload);
      else this.onPeerLeft(event.payload);
    }
    // A reload keeps what this tab had on: the call comes back without anyone clicking (the
    // browser remembers the permission, so no prompt either).
    const remembered = this.remembered();
    if (remembered.mic) void this.setMic(true);
    if (remembered.camera) void this.setCamera(true);
    this.statsTimer = setInterval(() => void this.readStats(), STATS_INTERVAL_MS);
    navigator.mediaDevices?.addEventListener?.('devicechange', this.listDevices);
  }

  /** Stops everything (the room unmounts, the interview ended, another tab took over). */
  stop(phase: TCallSnapshot['phase'] = this.snapshot.phase, tellPeer = true) {
    if (this.isStopped) return;
    this.isStopped = true;
    this.socket.off('connect', this.join);
    this.socket.off('call:signal', this.onSignal);
    this.socket.off('call:peer-joined', this.onPeerJoined);
    this.socket.off('call:peer-left', this.onPeerLeft);
    this.socket.off('call:moved', this.onMoved);
    navigator.mediaDevices?.removeEventListener?.('devicechange', this.listDevices);
    clearInterval(this.statsTimer);
    clearTimeout(this.refreshTimer);
    if (tellPeer && this.socket.connected) this.socket.emit('call:leave', { interviewId: this.interviewId, session: this.session }, () => undefined);
    this.micTrack?.stop();
    this.cameraTrack?.stop();
    this.micTrack = null;
    this.cameraTrack = null;
    this.closePeerConnection();
    this.set({ phase, isMicOn: false, isCameraOn: false, localStream: null, remoteStream: null, connection: 'none', quality: null, isSpeaking: false, isPeerSpeaking: false });
  }

  /** The interview ended: the call ends with it. */
  end() {
    this.stop('ended');
  }

  private storageKey() {
    return callStorageKey(this.interviewId);
  }

  private remembered(): { mic: boolean; camera: boolean } {
    return rememberedMedia(this.interviewId);
  }

  private remember() {
    try {
      const value = [this.snapshot.isMicOn ? 'mic' : '', this.snapshot.isCameraOn ? 'camera' : ''].filter(Boolean).join(',');
      window.sessionStorage.setItem(this.storageKey(), value);
    } catch {
      // Private modes may refuse storage: the call works, a reload just starts muted.
    }
  }

  private join = () => {
    if (this.isStopped) return;
    this.socket.emit('call:join', { interviewId: this.interviewId, session: this.session }, this.acceptJoin);
  };

  /** The answer to a join with this session: this engine's, or call-loader.ts's that was on its way when the engine took over. */
  acceptJoin = (result: TResult<TCallJoined>) => {
    if (this.isStopped) return;
    if (!result.ok) {
      if (result.error.code === 'conflict') return this.stop('ended', false);
      return this.set({ phase: 'refused', refusal: result.error.message });
    }
    this.onJoined(result.data);
  };

  private onJoined(joined: TCallJoined) {
    const isFirst = this.config === null;
    this.config = joined;
    this.isPolite = joined.isPolite;
    this.markJoined();
    this.set({ phase: 'ready', refusal: null });
    this.scheduleRefresh();
    if (!this.pc) return this.createPeerConnection();
    this.pc.setConfiguration(this.rtcConfiguration());
    if (!isFirst) this.recover(joined.iceServersTtlSeconds !== null);
  }

  /** After a reconnect: repair what the outage may have broken (a lost offer, failed ICE). */
  private recover(isCredentialRefresh: boolean) {
    const pc = this.pc;
    if (!pc) return;
    this.sendMediaState();
    if (pc.signalingState === 'have-local-offer' && pc.localDescription) {
      this.sendSignal({ kind: 'description', description: { type: 'offer', sdp: pc.localDescription.sdp } });
      return;
    }
    const ice = pc.iceConnectionState;
    // New TURN credentials only reach new allocations: an ICE restart makes them.
    if (ice === 'failed' || ice === 'disconnected' || (isCredentialRefresh && this.hasSenders())) pc.restartIce();
  }

  private scheduleRefresh() {
    clearTimeout(this.refreshTimer);
    const ttl = this.config?.iceServersTtlSeconds;
    if (!ttl) return;
    // Fresh TURN credentials before the old ones expire (coturn refuses an expired one).
    this.refreshTimer = setTimeout(() => this.join(), ttl * 800);
  }

  private rtcConfiguration(): RTCConfiguration {
    return { iceServers: this.config?.iceServers ?? [], iceTransportPolicy: this.config?.iceTransportPolicy ?? 'all' };
  }

  private hasSenders() {
    return Boolean(this.audioSender || this.videoSender);
  }

  // ---------- the peer connection ----------

  private createPeerConnection() {
    const pc = new RTCPeerConnection(this.rtcConfiguration());
    this.pc = pc;
    this.makingOffer = false;
    this.ignoreOffer = false;
    this.audioSender = null;
    this.videoSender = null;
    const remoteStream = new MediaStream();
    this.previousInbound = null;
    this.set({ remoteStream, connection: pc.connectionState, quality: null, isPeerSpeaking: false });

    pc.onnegotiationneeded = async () => {
      if (this.pc !== pc) return;
      // A page that just loaded (a reload) and has heard nobody yet: the peer is told it joined and
      // offers on its new connection at the same moment. Both offering means this polite side
      // rolls its first offer back, and Chromium then never gathers a candidate on this connection
      // (ICE stays 'new' on both sides, and an ICE restart does not help): call.spec's reload
      // journey stuck at "Connecting…" 1 run in 5 to 12. So it waits for the peer's offer first;
      // a peer with nothing to send does not offer, and this page offers after the wait.
      if (this.isPolite && this.remoteSession === null && pc.remoteDescription === null && pc.localDescription === null) {
        await new Promise((resolve) => setTimeout(resolve, FIRST_OFFER_WAIT_MS));
        // The peer's offer came: answering it negotiated this page's tracks too (the browser asks
        // again if anything is left).
        if (this.pc !== pc || pc.remoteDescription !== null || pc.signalingState !== 'stable') return;
      }
      try {
        this.makingOffer = true;
        await pc.setLocalDescription();
        if (this.pc === pc && pc.localDescription) this.sendSignal({ kind: 'description', description: { type: pc.localDescription.type === 'answer' ? 'answer' : 'offer', sdp: pc.localDescription.sdp } });
      } catch (error) {
        console.warn('[call] offer failed', error);
      } finally {
        this.makingOffer = false;
      }
    };
    pc.onicecandidate = ({ candidate }) => {
      if (this.pc !== pc) return;
      const json = candidate?.toJSON();
      this.sendSignal({
        kind: 'candidate',
        candidate: json ? { candidate: json.candidate ?? '', sdpMid: json.sdpMid ?? null, sdpMLineIndex: json.sdpMLineIndex ?? null, usernameFragment: json.usernameFragment ?? null } : null,
      });
    };
    pc.ontrack = ({ track }) => {
      if (this.pc !== pc) return;
      remoteStream.addTrack(track);
      track.onended = () => remoteStream.removeTrack(track);
      // A new MediaStream object so that React and the media elements see the change.
      this.set({ remoteStream: new MediaStream(remoteStream.getTracks()) });
    };
    pc.oniceconnectionstatechange = () => {
      if (this.pc === pc && pc.iceConnectionState === 'failed') pc.restartIce();
    };
    pc.onconnectionstatechange = () => {
      if (this.pc === pc) this.set({ connection: pc.connectionState });
    };

    // What this browser already sends goes on the new connection (after a peer's reload).
    const stream = this.snapshot.localStream ?? new MediaStream();
    if (this.micTrack) this.audioSender = pc.addTrack(this.micTrack, stream);
    if (this.cameraTrack) this.videoSender = pc.addTrack(this.cameraTrack, stream);
    if (this.audioSender && !this.snapshot.isMicOn) void this.audioSender.replaceTrack(null);
    this.sendMediaState();
  }

  private closePeerConnection() {
    const pc = this.pc;
    this.pc = null;
    this.audioSender = null;
    this.videoSender = null;
    if (!pc) return;
    pc.onnegotiationneeded = null;
    pc.onicecandidate = null;
    pc.ontrack = null;
    pc.oniceconnectionstatechange = null;
    pc.onconnectionstatechange = null;
    pc.close();
  }

  /** A new connection for a new peer session (the other person reloaded or switched tabs). */
  private resetFor(session: string) {
    if (this.remoteSession) this.retired.add(this.remoteSession);
    this.remoteSession = session;
    this.closePeerConnection();
    this.set({ peerMedia: null });
    if (this.config) this.createPeerConnection();
  }

  private sendSignal(signal: TCallSignalBody) {
    // Nothing is queued while the socket is down: the server would refuse it before this tab joins
    // the call again, and joining again repairs what was missed (recover()).
    if (!this.socket.connected || this.isStopped) return;
    this.socket.emit('call:signal', { interviewId: this.interviewId, from: this.session, to: this.remoteSession, signal }, (result) => {
      if (!result.ok && result.error.code === 'conflict' && result.error.message.includes('ended')) this.end();
    });
  }

  private sendMediaState() {
    this.sendSignal({ kind: 'media', audio: this.snapshot.isMicOn, video: this.snapshot.isCameraOn });
  }

  private onPeerJoined = ({ interviewId, session }: { interviewId: string; session: string }) => {
    if (interviewId !== this.interviewId || this.isStopped || this.retired.has(session)) return;
    // No peer yet (this page just loaded, or the peer's previous page left): the connection made
    // meanwhile has talked to nobody, but its offer (sent to nobody in particular) may already have
    // reached this new page, which answered it. Closing it for a fresh one would leave that page
    // negotiating with a connection that no longer exists (both sides then wait for each other):
    // it becomes this peer's connection, and its offer goes again, addressed (recover()).
    if (this.remoteSession === null) {
      this.remoteSession = session;
      return this.recover(false);
    }
    if (session !== this.remoteSession) return this.resetFor(session);
    // The same page of the peer, reconnected: repair if needed.
    this.recover(false);
  };

  private onPeerLeft = ({ interviewId, session }: { interviewId: string; session: string }) => {
    if (interviewId !== this.interviewId || session !== this.remoteSession) return;
    this.retired.add(session);
    this.remoteSession = null;
    this.closePeerConnection();
    this.set({ peerMedia: null, connection: 'none' });
    if (this.config) this.createPeerConnection();
  };

  private onMoved = ({ interviewId, session }: { interviewId: string; session: string }) => {
    if (interviewId === this.interviewId && session !== this.session) this.stop('moved', false);
  };

  /** Resolved by the first answer to this session's join: there is a connection from then on. */
  private markJoined: () => void = () => undefined;
  /** Signals are handled one at a time, in arrival order, from the first join's answer on. */
  private signals: Promise<void> = new Promise((resolve) => {
    this.markJoined = resolve;
  });

  // socket.io calls listeners without waiting for them: without the queue a candidate that
  // arrives right behind an offer was added while setRemoteDescription(offer) was still running,
  // and was refused (no remote description yet), leaving ICE to find that path by itself.
  // The server puts this socket in the call's channel before this page hears the join's answer:
  // the peer's offer can arrive first; it waits for the connection instead of being dropped.
  private onSignal = (message: TCallSignalRelayed) => {
    this.signals = this.signals.then(() => this.handleSignal(message));
  };

  private handleSignal = async (message: TCallSignalRelayed) => {
    if (message.interviewId !== this.interviewId || this.isStopped) return;
    if (message.to !== null && message.to !== this.session) return;
    if (this.retired.has(message.from)) return;
    if (this.remoteSession !== message.from) {
      if (this.remoteSession === null) this.remoteSession = message.from;
      else this.resetFor(message.from);
    }
    const pc = this.pc;
    if (!pc) return;
    const { signal } = message;
    try {
      if (signal.kind === 'media') {
        this.set({ peerMedia: { audio: signal.audio, video: signal.video } });
        return;
      }
      if (signal.kind === 'description') {
        const { description } = signal;
        const isCollision = description.type === 'offer' && (this.makingOffer || pc.signalingState !== 'stable');
        this.ignoreOffer = !this.isPolite && isCollision;
        if (this.ignoreOffer) return;
        // An answer with nothing offered (a late or repeated one after a repair) would throw.
        if (description.type === 'answer' && pc.signalingState !== 'have-local-offer') return;
        await pc.setRemoteDescription(description);
        if (description.type === 'offer') {
          await pc.setLocalDescription();
          if (pc.localDescription) this.sendSignal({ kind: 'description', description: { type: 'answer', sdp: pc.localDescription.sdp } });
        }
        return;
      }
      if (!signal.candidate) return;
      try {
        await pc.addIceCandidate(signal.candidate);
      } catch (error) {
        if (!this.ignoreOffer) throw error;
      }
    } catch (error) {
      console.warn('[call] signal failed', error);
    }
  };

  // ---------- microphone and camera ----------

  /** Turns the microphone on (asking the browser the first time) or off (nothing is sent). */
  async setMic(isOn: boolean) {
    if (this.isStopped) return;
    if (!isOn) {
      if (this.micTrack) this.micTrack.enabled = false;
      await this.audioSender?.replaceTrack(null);
      this.set({ isMicOn: false, isSpeaking: false });
      this.remember();
      return this.sendMediaState();
    }
    if (!this.micTrack || this.micTrack.readyState === 'ended') {
      const track = await this.capture('microphone', this.snapshot.audioInputId);
      if (!track) return;
      this.micTrack = track;
      this.set({ hasMic: true });
    }
    this.micTrack.enabled = true;
    await this.attach('audio', this.micTrack);
    this.set({ isMicOn: true, micError: null });
    this.remember();
    this.sendMediaState();
  }

  async setCamera(isOn: boolean) {
    if (this.isStopped) return;
    if (!isOn) {
      await this.videoSender?.replaceTrack(null);
      // The camera's light goes off: the track is stopped, not only muted.
      this.cameraTrack?.stop();
      if (this.cameraTrack) this.snapshot.localStream?.removeTrack(this.cameraTrack);
      this.cameraTrack = null;
      this.set({ isCameraOn: false, localStream: this.streamOf() });
      this.remember();
      return this.sendMediaState();
    }
    const track = await this.capture('camera', this.snapshot.videoInputId);
    if (!track) return;
    this.cameraTrack = track;
    await this.attach('video', track);
    this.set({ isCameraOn: true, cameraError: null });
    this.remember();
    this.sendMediaState();
  }

  async chooseDevice(kind: 'audio' | 'video', deviceId: string) {
    if (kind === 'audio') {
      this.set({ audioInputId: deviceId });
      if (!this.micTrack) return;
      const track = await this.capture('microphone', deviceId);
      if (!track) return;
      const old = this.micTrack;
      this.micTrack = track;
      track.enabled = this.snapshot.isMicOn;
      old.stop();
      this.snapshot.localStream?.removeTrack(old);
      if (this.snapshot.isMicOn) await this.attach('audio', track);
      else this.set({ localStream: this.streamOf() });
      return;
    }
    this.set({ videoInputId: deviceId });
    if (!this.cameraTrack) return;
    const track = await this.capture('camera', deviceId);
    if (!track) return;
    const old = this.cameraTrack;
    this.cameraTrack = track;
    old.stop();
    this.snapshot.localStream?.removeTrack(old);
    await this.attach('video', track);
  }

  private async capture(device: 'microphone' | 'camera', deviceId: string | null): Promise<MediaStreamTrack | null> {
    const errorKey = device === 'microphone' ? 'micError' : 'cameraError';
    if (!navigator.mediaDevices?.getUserMedia) {
      this.set({ [errorKey]: { kind: 'other', device, message: `This page cannot use the ${device}: open it over https (or on localhost).` } });
      return null;
    }
    try {
      const constraint = deviceId ? { deviceId: { exact: deviceId } } : true;
      const stream = await navigator.mediaDevices.getUserMedia(
        device === 'microphone'
          ? { audio: deviceId ? { deviceId: { exact: deviceId }, echoCancellation: true, noiseSuppression: true } : { echoCancellation: true, noiseSuppression: true } }
          : { video: typeof constraint === 'object' ? { ...constraint, width: { ideal: 640 }, height: { ideal: 360 } } : { width: { ideal: 640 }, height: { ideal: 360 } } },
      );
      const track = (device === 'microphone' ? stream.getAudioTracks() : stream.getVideoTracks())[0] ?? null;
      if (this.isStopped) {
        track?.stop();
        return null;
      }
      void this.listDevices();
      if (track) this.set(device === 'microphone' ? { audioInputId: track.getSettings().deviceId ?? null } : { videoInputId: track.getSettings().deviceId ?? null });
      return track;
    } catch (error) {
      this.set({ [errorKey]: describeMediaError(error, device) });
      return null;
    }
  }

  /** Puts a local track on the connection: the existing sender when there is one (no renegotiation), else a new one. */
  private async attach(kind: 'audio' | 'video', track: MediaStreamTrack) {
    const stream = this.streamOf(track);
    this.set({ localStream: stream });
    const pc = this.pc;
    if (!pc) return;
    const sender = kind === 'audio' ? this.audioSender : this.videoSender;
    if (sender) {
      await sender.replaceTrack(track);
      return;
    }
    const added = pc.addTrack(track, stream);
    if (kind === 'audio') this.audioSender = added;
    else this.videoSender = added;
  }

  /** The local preview: the live microphone and camera tracks, in a new stream object (React sees it change). */
  private streamOf(extra?: MediaStreamTrack): MediaStream {
    const tracks = [this.micTrack, this.cameraTrack, extra].filter((t, i, all): t is MediaStreamTrack => t !== null && t !== undefined && t.readyState === 'live' && all.indexOf(t) === i);
    return new MediaStream(tracks);
  }

  private listDevices = async () => {
    try {
      const devices = await navigator.mediaDevices.enumerateDevices();
      this.set({ audioInputs: devices.filter((d) => d.kind === 'audioinput' && d.deviceId), videoInputs: devices.filter((d) => d.kind === 'videoinput' && d.deviceId) });
    } catch {
      // Listing devices is a convenience; the default device still works.
    }
  };

  // ---------- statistics: speaking, round trip, loss ----------

  private async readStats() {
    const pc = this.pc;
    // Nothing negotiated yet (nobody has turned anything on): nothing to measure.
    if (!pc || this.isStopped || pc.getTransceivers().length === 0) return;
    let report: RTCStatsReport;
    try {
      report = await pc.getStats();
    } catch {
      return;
    }
    let rttSeconds: number | null = null;
    let inbound: { packetsReceived: number; packetsLost: number } | null = null;
    let peerLevel = 0;
    let myLevel = 0;
    report.forEach((stat: Record<string, unknown>) => {
      if (stat.type === 'candidate-pair' && stat.nominated && stat.state === 'succeeded' && typeof stat.currentRoundTripTime === 'number') rttSeconds = stat.currentRoundTripTime;
      if (stat.type === 'inbound-rtp' && stat.kind === 'audio') {
        inbound = { packetsReceived: Number(stat.packetsReceived ?? 0), packetsLost: Number(stat.packetsLost ?? 0) };
        peerLevel = Number(stat.audioLevel ?? 0);
      }
      if (stat.type === 'media-source' && stat.kind === 'audio') myLevel = Number(stat.audioLevel ?? 0);
    });
    const patch: Partial<TCallSnapshot> = {
      isPeerSpeaking: peerLevel > SPEAKING_LEVEL && this.snapshot.peerMedia?.audio !== false,
      isSpeaking: this.snapshot.isMicOn && myLevel > SPEAKING_LEVEL,
    };
    if (++this.statsTicks % QUALITY_EVERY_TICKS === 0) {
      patch.quality = callQuality(rttSeconds, this.previousInbound, inbound);
      this.previousInbound = inbound;
    }
    if (patch.isPeerSpeaking !== this.snapshot.isPeerSpeaking || patch.isSpeaking !== this.snapshot.isSpeaking || patch.quality !== undefined) this.set(patch);
  }
}

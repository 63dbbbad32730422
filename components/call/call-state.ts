import type { TCallJoined, TCallSignalRelayed } from '@/lib/protocol/call';
import type { TCallQuality } from './call-quality';

// The call's state as the room shows it, and what the light part of the call (call-loader.ts)
// hands to the engine: nothing here pulls in the engine (RTCPeerConnection and all), which is
// loaded only when someone turns on a microphone or camera or a call signal arrives.

export type TMediaError = { kind: 'denied' | 'not-found' | 'in-use' | 'other'; device: 'microphone' | 'camera'; message: string };

export type TCallSnapshot = {
  /** joining: asking the server; ready: in the call (media or not); ended: the interview ended; moved: another tab took the call. */
  phase: 'joining' | 'ready' | 'ended' | 'moved' | 'refused';
  refusal: string | null;
  isMicOn: boolean;
  isCameraOn: boolean;
  /** Whether this browser has asked for the microphone at least once (the button says "Turn on" before). */
  hasMic: boolean;
  micError: TMediaError | null;
  cameraError: TMediaError | null;
  audioInputs: MediaDeviceInfo[];
  videoInputs: MediaDeviceInfo[];
  audioInputId: string | null;
  videoInputId: string | null;
  /** The other person's microphone and camera, as they said (a media signal). */
  peerMedia: { audio: boolean; video: boolean } | null;
  connection: RTCPeerConnectionState | 'none';
  quality: TCallQuality | null;
  isSpeaking: boolean;
  isPeerSpeaking: boolean;
  localStream: MediaStream | null;
  remoteStream: MediaStream | null;
};

/** What the room's socket said about the call before the engine was loaded, replayed to it in order. */
export type TCallEvent =
  | { type: 'signal'; payload: TCallSignalRelayed }
  | { type: 'peer-joined'; payload: { interviewId: string; session: string } }
  | { type: 'peer-left'; payload: { interviewId: string; session: string } };

/**
 * What the engine takes over from call-loader.ts: the call joined with its session (null while
 * the join is unanswered), whether the loader's join is still on its way (its answer is then
 * handed over: no second join), and the events so far.
 */
export type TCallPrimer = { joined: TCallJoined | null; isJoining?: boolean; events: TCallEvent[] };

export function newSessionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '');
}

/** A call before anything happened: what the room shows before the engine exists, and where it starts. */
export const IDLE_CALL: TCallSnapshot = {
  phase: 'joining',
  refusal: null,
  isMicOn: false,
  isCameraOn: false,
  hasMic: false,
  micError: null,
  cameraError: null,
  audioInputs: [],
  videoInputs: [],
  audioInputId: null,
  videoInputId: null,
  peerMedia: null,
  connection: 'none',
  quality: null,
  isSpeaking: false,
  isPeerSpeaking: false,
  localStream: null,
  remoteStream: null,
};

/** Where a tab remembers whether its microphone and camera were on (sessionStorage: this tab only). */
export const callStorageKey = (interviewId: string) => `mockroom:call:${interviewId}`;

export function rememberedMedia(interviewId: string): { mic: boolean; camera: boolean } {
  try {
    const value = window.sessionStorage.getItem(callStorageKey(interviewId)) ?? '';
    return { mic: value.includes('mic'), camera: value.includes('camera') };
  } catch {
    return { mic: false, camera: false };
  }
}

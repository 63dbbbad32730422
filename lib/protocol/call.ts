import { z } from 'zod';
import { ZInterviewId } from './ids';
import type { TAck } from './index';

// Call events: WebRTC signalling between the two participants of an interview, carried over the
// room's socket. The server never looks inside an offer or a candidate: it checks who sends
// (a participant of an interview that has not ended), bounds the size and the rate, and relays
// to the other participant only. Media flows browser to browser.

/**
 * One browser's call: a random id per RTCPeerConnection (a reload makes a new one). Signals name
 * the session they come from and the one they are for, so a peer can tell a reloaded tab from a
 * late message of the old one, and a person's second tab ignores what is not addressed to it.
 */
export const ZCallSession = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'is not a call session id');

// An SDP of an audio + video call between two Chromiums is 5-8 KB; 64 KB leaves room for many
// codecs and candidates while keeping a flood of offers cheap to refuse.
export const MAX_SDP_CHARS = 64_000;
export const MAX_CANDIDATE_CHARS = 2_000;

const ZDescription = z.strictObject({
  type: z.enum(['offer', 'answer']),
  sdp: z.string().min(1).max(MAX_SDP_CHARS),
});

const ZCandidate = z.strictObject({
  candidate: z.string().max(MAX_CANDIDATE_CHARS),
  sdpMid: z.string().max(64).nullable().optional(),
  sdpMLineIndex: z.int().min(0).max(64).nullable().optional(),
  usernameFragment: z.string().max(256).nullable().optional(),
});

/** What a participant tells the other: an SDP (offer or answer, renegotiation and ICE restart included), an ICE candidate, or its microphone and camera state. */
export const ZCallSignalBody = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('description'), description: ZDescription }),
  // null: the end of this side's candidates.
  z.strictObject({ kind: z.literal('candidate'), candidate: ZCandidate.nullable() }),
  z.strictObject({ kind: z.literal('media'), audio: z.boolean(), video: z.boolean() }),
]);
export type TCallSignalBody = z.infer<typeof ZCallSignalBody>;

export const ZCallJoin = z.strictObject({ interviewId: ZInterviewId, session: ZCallSession });
export const ZCallLeave = z.strictObject({ interviewId: ZInterviewId, session: ZCallSession });
export const ZCallSignal = z.strictObject({
  interviewId: ZInterviewId,
  /** The sender's call session. */
  from: ZCallSession,
  /** The peer session it is for; null before the sender knows one (its first offer). */
  to: ZCallSession.nullable(),
  signal: ZCallSignalBody,
});

/** An RTCIceServer as the browser takes it. */
export type TIceServer = { urls: string[]; username?: string; credential?: string };

export type TCallJoined = {
  /** STUN/TURN servers (TURN with short-lived credentials minted for this user); empty on a local setup. */
  iceServers: TIceServer[];
  /** Seconds until the TURN credential expires (null without TURN): join again before to get a new one. */
  iceServersTtlSeconds: number | null;
  /** 'relay': TURN only (CALL_ICE_TRANSPORT_POLICY). */
  iceTransportPolicy: 'all' | 'relay';
  /** The perfect-negotiation role: the polite side yields when both offer at once (the candidate). */
  isPolite: boolean;
  /** The other participant, or null while nobody else has a seat. */
  peerUserId: string | null;
};

export type TCallSignalRelayed = z.infer<typeof ZCallSignal> & { fromUserId: string };

export type CallClientToServerEvents = {
  /** Participants of an interview that has not ended: ICE servers, and the peer is told (call:peer-joined). */
  'call:join': (input: z.infer<typeof ZCallJoin>, ack: TAck<TCallJoined>) => void;
  /** Relayed to the other participant only, as `call:signal`. */
  'call:signal': (input: z.infer<typeof ZCallSignal>, ack: TAck<{ relayed: true }>) => void;
  /** This browser hangs up (mic and camera off, tab closing): the peer is told (call:peer-left). */
  'call:leave': (input: z.infer<typeof ZCallLeave>, ack: TAck<{ left: true }>) => void;
};

export type CallServerToClientEvents = {
  /** The other participant's signal. */
  'call:signal': (payload: TCallSignalRelayed) => void;
  /** The other participant (re)joined the call with this session: a new one means a new peer connection. */
  'call:peer-joined': (payload: { interviewId: string; session: string; fromUserId: string }) => void;
  /** The other participant hung up. */
  'call:peer-left': (payload: { interviewId: string; session: string; fromUserId: string }) => void;
  /** This user joined the call from another tab; this tab's call stops. */
  'call:moved': (payload: { interviewId: string; session: string }) => void;
};

/** The sockets of one participant in one interview's call (joined by call:join). */
export const callChannel = (interviewId: string, userId: string) => `call:${interviewId}:${userId}`;

import { z } from 'zod';
import { ZId } from '@/lib/domain/text-schema';
import type { TRecordingState } from '@/lib/domain/recording';
import { ZInterviewId } from './ids';
import type { TAck } from './index';

// Recording consent (issue 12): either participant proposes, the other accepts or declines,
// either stops. The state is stored and broadcast to the interview's channel as `recording:state`;
// the audio itself goes over HTTP (app/api/interviews/[id]/recordings/...).

export const ZRecordingPropose = z.strictObject({ interviewId: ZInterviewId });
export const ZRecordingAnswer = z.strictObject({ interviewId: ZInterviewId, recordingId: ZId, accept: z.boolean() });
export const ZRecordingStop = z.strictObject({ interviewId: ZInterviewId, recordingId: ZId });

/**
 * POST /api/interviews/:id/recordings: this browser starts recording its microphone as a new
 * track. `startedAt`: when its recorder started, on the server's clock as the browser measured it
 * (clock:sync); without it, or when implausible, the server's time of the request.
 */
export const ZRecordingTrackOpen = z.strictObject({ interviewId: ZInterviewId, recordingId: ZId, startedAt: z.number().int().positive().optional() });
/** POST /api/interviews/:id/recordings/:trackId/:index: one chunk, the raw bytes as the body. */
export const ZRecordingChunkRef = z.strictObject({
  interviewId: ZInterviewId,
  trackId: ZId,
  index: z.coerce.number().int().min(0).max(1_000_000),
});

export type TRecordingTrackOpened = { trackId: string; startedAt: number };
export type TRecordingChunkStored = { index: number; isDuplicate: boolean; chunkCount: number };

/** One voice of a recorded interview, as the review's replay plays it. */
export type TRecordingTrack = {
  id: string;
  userId: string;
  name: string;
  /** Server epoch ms: the same clock as the replay's timeline. */
  startedAt: number;
  /** Server epoch ms of the last chunk received (about the end of the audio). */
  lastChunkAt: number | null;
  bytes: number;
  url: string;
};

export type RecordingClientToServerEvents = {
  'recording:propose': (input: z.infer<typeof ZRecordingPropose>, ack: TAck<TRecordingState>) => void;
  'recording:answer': (input: z.infer<typeof ZRecordingAnswer>, ack: TAck<TRecordingState>) => void;
  'recording:stop': (input: z.infer<typeof ZRecordingStop>, ack: TAck<TRecordingState>) => void;
};

export type RecordingServerToClientEvents = {
  /** After every change, to everyone in the interview's room. */
  'recording:state': (payload: { interviewId: string; recording: TRecordingState | null }) => void;
};

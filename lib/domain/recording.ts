// A consented recording of the call (issue 12): limits and the one format both sides agree on.

/** What each browser records its own microphone as (MediaRecorder), and what the audio route serves. */
export const RECORDING_MIME_TYPE = 'audio/webm;codecs=opus';
/** One chunk every two seconds: a killed tab loses at most the chunk being recorded. */
export const RECORDING_TIMESLICE_MS = 2000;
/** Opus voice at 32 kbit/s: about 240 KB a minute per person. */
export const RECORDING_BITS_PER_SECOND = 32_000;
/** A 2 s chunk at 32 kbit/s is ~8 KB; the first carries the WebM header too. */
export const MAX_RECORDING_CHUNK_BYTES = 256 * 1024;
/** Both voices of a long interview (2 x 2 h at 32 kbit/s is ~58 MB) fit with room to spare. */
export const MAX_INTERVIEW_RECORDING_BYTES = 100 * 1024 * 1024;
/** 2 s chunks for more than five hours. */
export const MAX_RECORDING_CHUNKS_PER_TRACK = 10_000;
/** Chunks still accepted this long after the recording stopped or the interview ended (the recorder's last flush, retries). */
export const RECORDING_UPLOAD_GRACE_MS = 60_000;

export const RECORDING_QUOTA_MESSAGE = `This interview's recording is full (${MAX_INTERVIEW_RECORDING_BYTES / 1024 / 1024} MB).`;

export type TRecordingStatus = 'proposed' | 'active' | 'declined' | 'stopped';

/** The consent state both people see in the room (null: nobody proposed a recording yet). */
export type TRecordingState = {
  id: string;
  status: TRecordingStatus;
  proposedBy: string;
  /** User ids that agreed; the recording is active once both participants are in it. */
  consentedBy: string[];
  /** Server epoch ms. */
  startedAt: number | null;
  stoppedAt: number | null;
};

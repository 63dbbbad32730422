/** What the dock shows of this browser's recorder (components/call/call-recorder.ts). */
export type TRecorderSnapshot = {
  phase: 'idle' | 'starting' | 'recording' | 'finishing' | 'done' | 'failed';
  /** Chunks the server has acknowledged, and their bytes. */
  uploadedChunks: number;
  uploadedBytes: number;
  error: string | null;
};

export const IDLE_RECORDER: TRecorderSnapshot = { phase: 'idle', uploadedChunks: 0, uploadedBytes: 0, error: null };

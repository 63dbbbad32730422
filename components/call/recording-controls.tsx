'use client';

import { useState } from 'react';
import type { TRecordingState } from '@/lib/domain/recording';
import type { TResult } from '@/lib/result';
import type { TRecorderSnapshot } from './recorder-state';

export type TRecordingCommand = (
  event: 'recording:propose' | 'recording:answer' | 'recording:stop',
  input: { interviewId: string; recordingId?: string; accept?: boolean },
) => Promise<TResult<unknown>>;

type Props = {
  interviewId: string;
  recording: TRecordingState | null;
  recorder: TRecorderSnapshot;
  myUserId: string;
  peerName: string | null;
  onCommand: TRecordingCommand;
};

/**
 * Recording consent in the call dock: propose, agree or decline, and stop. What it shows comes
 * from the server's state (the same for both people), so the indicator is on exactly while the
 * server records, in both rooms.
 */
export function RecordingControls({ interviewId, recording, recorder, myUserId, peerName, onCommand }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const peer = peerName ?? 'The other person';
  const run = async (event: Parameters<TRecordingCommand>[0], extra: { recordingId?: string; accept?: boolean } = {}) => {
    setIsBusy(true);
    const result = await onCommand(event, { interviewId, ...extra });
    setIsBusy(false);
    setError(result.ok ? null : result.error.message);
  };

  let body;
  if (recording?.status === 'active') {
    body = (
      <>
        <span className="recording-indicator" data-testid="recording-indicator" role="status" aria-live="polite">
          <span className="recording-dot" aria-hidden="true" /> Recording
        </span>
        <span className="muted" data-testid="recording-upload" data-phase={recorder.phase} data-chunks={recorder.uploadedChunks} data-bytes={recorder.uploadedBytes}>
          {recorder.phase === 'failed' ? '' : `your voice: ${Math.round(recorder.uploadedBytes / 1024)} KB saved`}
        </span>
        <button type="button" className="button link call-small" disabled={isBusy} onClick={() => void run('recording:stop', { recordingId: recording.id })}>
          Stop recording
        </button>
      </>
    );
  } else if (recording?.status === 'proposed' && recording.consentedBy.includes(myUserId)) {
    body = (
      <>
        <span data-testid="recording-status" data-status="waiting">
          Waiting for {peer} to agree to recording…
        </span>
        <button type="button" className="button link call-small" disabled={isBusy} onClick={() => void run('recording:stop', { recordingId: recording.id })}>
          Cancel
        </button>
      </>
    );
  } else if (recording?.status === 'proposed') {
    body = (
      <>
        <span data-testid="recording-status" data-status="asked">
          {peer} asks to record this call (both voices, for the review).
        </span>
        <button type="button" className="button call-small" disabled={isBusy} onClick={() => void run('recording:answer', { recordingId: recording.id, accept: true })}>
          Agree to record
        </button>
        <button type="button" className="button link call-small" disabled={isBusy} onClick={() => void run('recording:answer', { recordingId: recording.id, accept: false })}>
          Decline
        </button>
      </>
    );
  } else {
    const note =
      recording?.status === 'declined'
        ? recording.consentedBy.length < 2 && recording.stoppedAt !== null
          ? 'Recording declined: nothing was recorded.'
          : null
        : recording?.status === 'stopped'
          ? 'Recording stopped.'
          : null;
    body = (
      <>
        {note ? (
          <span className="muted" data-testid="recording-status" data-status={recording?.status}>
            {note}
          </span>
        ) : null}
        <button type="button" className="button link call-small" disabled={isBusy || !peerName} onClick={() => void run('recording:propose')} title="Both people must agree before anything is recorded">
          Propose recording
        </button>
      </>
    );
  }
  return (
    <div className="call-recording" data-testid="call-recording">
      {body}
      {error || recorder.error ? (
        <p className="alert error call-error" role="alert" data-testid="recording-error">
          {error ?? recorder.error}
        </p>
      ) : null}
    </div>
  );
}

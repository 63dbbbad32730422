'use client';

import { useEffect, useRef, useState } from 'react';
import type { TRecordingState } from '@/lib/domain/recording';
import type { TCallControls } from './call-loader';
import type { TCallSnapshot } from './call-state';
import type { TRecorderSnapshot } from './recorder-state';
import { CameraIcon, CameraOffIcon, MicIcon, MicOffIcon } from './call-icons';
import { RecordingControls, type TRecordingCommand } from './recording-controls';
import { CALL_SHORTCUTS, callShortcutOf } from './shortcuts';

type Props = {
  engine: TCallControls | null;
  call: TCallSnapshot;
  isEnded: boolean;
  myName: string;
  peerName: string | null;
  isPeerOnline: boolean;
  storageKey: string;
  interviewId: string;
  myUserId: string;
  recording: TRecordingState | null;
  recorder: TRecorderSnapshot;
  onRecordingCommand: TRecordingCommand;
};

/** A <video> or <audio> element playing a stream (srcObject is not an attribute React sets). */
function useMediaElement<T extends HTMLMediaElement>(stream: MediaStream | null) {
  const ref = useRef<T>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    if (element.srcObject !== stream) element.srcObject = stream;
    if (stream) void element.play().catch(() => undefined);
  }, [stream]);
  return ref;
}

/** A video tile (only while someone's camera is on: audio-only needs none). */
function Tile({ name, stream, isVideo, isSelf }: { name: string; stream: MediaStream | null; isVideo: boolean; isSelf: boolean }) {
  const videoRef = useMediaElement<HTMLVideoElement>(isVideo ? stream : null);
  return (
    <figure className="call-tile" aria-label={`${name}'s video`} data-testid={isSelf ? 'call-video-me' : 'call-video-peer'} data-video={isVideo}>
      {isVideo ? (
        <video ref={videoRef} autoPlay playsInline muted className={isSelf ? 'mirrored' : undefined} />
      ) : (
        <span className="call-avatar" aria-hidden="true">
          {name.trim().charAt(0).toUpperCase() || '?'}
        </span>
      )}
      <figcaption className="truncate">{name}</figcaption>
    </figure>
  );
}

const CONNECTION_LABEL: Record<TCallSnapshot['connection'], string> = {
  none: 'Not connected',
  new: 'Connecting…',
  connecting: 'Connecting…',
  connected: 'Connected',
  disconnected: 'Reconnecting…',
  failed: 'Reconnecting…',
  closed: 'Not connected',
};

/**
 * The call, docked above the side panels so that it never covers the board: microphone, camera,
 * devices, who is speaking, the connection's quality, and video tiles (collapsible) only while a
 * camera is on. Audio-only is the default and takes two short lines.
 */
export function CallDock({ engine, call, isEnded, myName, peerName, isPeerOnline, storageKey, interviewId, myUserId, recording, recorder, onRecordingCommand }: Props) {
  const audioRef = useMediaElement<HTMLAudioElement>(call.remoteStream);
  const [isCollapsed, setIsCollapsed] = useState(false);
  const [showDevices, setShowDevices] = useState(false);
  useEffect(() => {
    setIsCollapsed(window.localStorage.getItem(storageKey) === 'collapsed');
  }, [storageKey]);
  const collapse = (value: boolean) => {
    setIsCollapsed(value);
    window.localStorage.setItem(storageKey, value ? 'collapsed' : 'open');
  };

  useEffect(() => {
    if (!engine) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const shortcut = callShortcutOf(event);
      if (!shortcut) return;
      event.preventDefault();
      event.stopPropagation();
      const now = engine.getSnapshot();
      if (shortcut === 'mic') void engine.setMic(!now.isMicOn);
      else void engine.setCamera(!now.isCameraOn);
    };
    // Capture phase: before tldraw's own key handling sees the event.
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [engine]);

  if (isEnded || call.phase === 'ended') {
    return (
      <section className="call-dock" aria-label="Call">
        <p className="muted call-line" data-testid="call-status" data-phase="ended">
          The call ended with the interview.
        </p>
        {recorder.phase === 'idle' ? null : (
          // Whether this tab's share of the recording reached the server: closing it before then loses the rest.
          <p className="muted call-line" data-testid="recording-upload" data-phase={recorder.phase} data-chunks={recorder.uploadedChunks} data-bytes={recorder.uploadedBytes}>
            {recorder.phase === 'done' ? 'Your recording is saved.' : recorder.phase === 'failed' ? recorder.error : 'Saving the end of your recording… keep this tab open.'}
          </p>
        )}
      </section>
    );
  }
  if (call.phase === 'moved') {
    return (
      <section className="call-dock" aria-label="Call">
        <p className="muted call-line" data-testid="call-status" data-phase="moved">
          The call continues in another tab. Reload this one to take it back.
        </p>
      </section>
    );
  }

  const peerLabel = peerName ?? 'The other person';
  const status =
    call.phase === 'refused'
      ? (call.refusal ?? 'The call is unavailable.')
      : !peerName
        ? 'Nobody else has joined yet.'
        : call.connection === 'connected'
          ? 'Connected'
          : !isPeerOnline
            ? `${peerLabel} is not in the room.`
            : call.connection === 'none' || call.connection === 'new'
              ? call.isMicOn || call.peerMedia?.audio
                ? 'Connecting…'
                : 'Turn on your microphone to talk.'
              : CONNECTION_LABEL[call.connection];
  const micLabel = call.isMicOn ? 'Mute microphone' : call.hasMic ? 'Unmute microphone' : 'Turn on microphone';
  const cameraLabel = call.isCameraOn ? 'Turn off camera' : 'Turn on camera';
  const hasPeerVideo = Boolean(call.peerMedia?.video && call.remoteStream?.getVideoTracks().some((t) => t.readyState === 'live'));
  const error = call.micError ?? call.cameraError;
  const quality = call.connection === 'connected' ? call.quality : null;

  const hasVideo = hasPeerVideo || call.isCameraOn;
  const peerMuted = call.peerMedia ? !call.peerMedia.audio : true;

  return (
    <section className="call-dock" aria-label="Call">
      <audio ref={audioRef} autoPlay data-testid="call-remote-audio" />
      <div className="call-bar">
        <button
          type="button"
          className={`button call-button${call.isMicOn ? ' on' : ''}`}
          aria-pressed={call.isMicOn}
          aria-label={micLabel}
          title={`${micLabel} (${CALL_SHORTCUTS.mic.label})`}
          aria-keyshortcuts={CALL_SHORTCUTS.mic.label}
          disabled={!engine}
          onClick={() => void engine?.setMic(!call.isMicOn)}
        >
          {call.isMicOn ? <MicIcon /> : <MicOffIcon />} {call.isMicOn ? 'Mute' : call.hasMic ? 'Unmute' : 'Microphone'}
        </button>
        <button
          type="button"
          className={`button call-button${call.isCameraOn ? ' on' : ''}`}
          aria-pressed={call.isCameraOn}
          aria-label={cameraLabel}
          title={`${cameraLabel} (${CALL_SHORTCUTS.camera.label})`}
          aria-keyshortcuts={CALL_SHORTCUTS.camera.label}
          disabled={!engine}
          onClick={() => void engine?.setCamera(!call.isCameraOn)}
        >
          {call.isCameraOn ? <CameraIcon /> : <CameraOffIcon />} {call.isCameraOn ? 'Stop' : 'Camera'}
        </button>
        <button type="button" className="button link call-small" aria-expanded={showDevices} onClick={() => setShowDevices((v) => !v)}>
          Devices
        </button>
        {hasVideo ? (
          <button type="button" className="button link call-small" aria-expanded={!isCollapsed} onClick={() => collapse(!isCollapsed)}>
            {isCollapsed ? 'Show video' : 'Hide video'}
          </button>
        ) : null}
      </div>
      <p className="call-line" role="status">
        <span className={`call-person${call.isPeerSpeaking ? ' speaking' : ''}`} data-testid="call-tile-peer" data-speaking={call.isPeerSpeaking} aria-label={`${peerLabel}${call.isPeerSpeaking ? ', speaking' : ''}${peerMuted ? ', microphone off' : ''}`}>
          <span className="call-dot" aria-hidden="true" />
          <span className="truncate">{peerLabel}</span>
          {peerMuted ? <MicOffIcon className="call-peer-muted" /> : null}
        </span>
        <span className={`call-person${call.isSpeaking ? ' speaking' : ''}`} data-testid="call-tile-me" data-speaking={call.isSpeaking} aria-label={`You${call.isSpeaking ? ', speaking' : ''}${call.isMicOn ? '' : ', microphone off'}`}>
          <span className="call-dot" aria-hidden="true" />
          You
        </span>
        <span data-testid="call-status" data-phase={call.phase} data-connection={call.connection}>
          {status}
        </span>
        {quality ? (
          <span className={`call-quality ${quality.level}`} data-testid="call-quality" data-level={quality.level} title="Round trip and audio packets lost, from the call's own statistics">
            {quality.level === 'good' ? 'Good' : quality.level === 'fair' ? 'Fair' : quality.level === 'poor' ? 'Poor' : 'Measuring'}
            {quality.rttMs !== null ? ` · ${quality.rttMs} ms` : ''}
            {quality.lossPercent !== null ? ` · ${quality.lossPercent}% lost` : ''}
          </span>
        ) : null}
      </p>
      <RecordingControls interviewId={interviewId} recording={recording} recorder={recorder} myUserId={myUserId} peerName={peerName} onCommand={onRecordingCommand} />
      {error ? (
        <p className="alert error call-error" role="alert" data-testid="call-media-error" data-kind={error.kind}>
          {error.message}
        </p>
      ) : null}
      {showDevices ? (
        <div className="call-devices">
          <label>
            Microphone
            <select value={call.audioInputId ?? ''} onChange={(event) => void engine?.chooseDevice('audio', event.target.value)} disabled={call.audioInputs.length === 0}>
              {call.audioInputs.length === 0 ? <option value="">Default (turn the microphone on to list)</option> : null}
              {call.audioInputs.map((device, index) => (
                <option key={device.deviceId} value={device.deviceId}>
                  {device.label || `Microphone ${index + 1}`}
                </option>
              ))}
            </select>
          </label>
          <label>
            Camera
            <select value={call.videoInputId ?? ''} onChange={(event) => void engine?.chooseDevice('video', event.target.value)} disabled={call.videoInputs.length === 0}>
              {call.videoInputs.length === 0 ? <option value="">Default (turn the camera on to list)</option> : null}
              {call.videoInputs.map((device, index) => (
                <option key={device.deviceId} value={device.deviceId}>
                  {device.label || `Camera ${index + 1}`}
                </option>
              ))}
            </select>
          </label>
        </div>
      ) : null}
      {hasVideo && !isCollapsed ? (
        <div className="call-tiles">
          <Tile name={peerLabel} stream={call.remoteStream} isVideo={hasPeerVideo} isSelf={false} />
          <Tile name={`${myName} (you)`} stream={call.localStream} isVideo={call.isCameraOn} isSelf />
        </div>
      ) : null}
    </section>
  );
}

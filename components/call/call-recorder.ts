import { fetchResult } from '@/components/ui/fetch-result';
import { RECORDING_BITS_PER_SECOND, RECORDING_MIME_TYPE, RECORDING_TIMESLICE_MS } from '@/lib/domain/recording';
import type { TRecordingChunkStored, TRecordingTrackOpened } from '@/lib/protocol/recording';
import { IDLE_RECORDER, type TRecorderSnapshot } from './recorder-state';

// Chunks are sent with keepalive while small enough (the browser allows 64 KB in flight), so the
// chunk flushed as a tab closes still reaches the server.
const KEEPALIVE_MAX_BYTES = 60_000;
const RETRY_MAX_MS = 10_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Records this browser's own microphone while a consented recording is active: one MediaRecorder
 * (WebM/Opus, a chunk every 2 s) whose chunks are uploaded one after the other, each with its
 * index, retried until acknowledged (a retried index is stored once). The track is opened when
 * the recorder has started, so the server stamps its start with its own clock within a request's
 * latency of the first sample.
 */
export class CallRecorder {
  private snapshot: TRecorderSnapshot = { ...IDLE_RECORDER };
  private readonly listeners = new Set<() => void>();
  private stream: MediaStream | null = null;
  private recorder: MediaRecorder | null = null;
  private trackId: string | null = null;
  private trackOpened: Promise<string | null> | null = null;
  private readonly queue: Blob[] = [];
  private nextIndex = 0;
  private isDraining = false;
  private isStopped = false;
  private isMicOn = true;

  constructor(
    private readonly interviewId: string,
    private readonly recordingId: string,
    /** The server's clock as this browser measured it (clock:sync), or null before a measurement. */
    private readonly serverNow: () => number | null,
  ) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  getSnapshot = () => this.snapshot;

  private set(change: Partial<TRecorderSnapshot>) {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of this.listeners) listener();
  }

  async start(deviceId: string | null): Promise<void> {
    this.set({ phase: 'starting' });
    if (typeof MediaRecorder === 'undefined' || !MediaRecorder.isTypeSupported(RECORDING_MIME_TYPE)) {
      return this.fail('This browser cannot record audio as WebM/Opus; nothing of your voice is recorded.');
    }
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({ audio: deviceId ? { deviceId: { exact: deviceId } } : true });
    } catch {
      return this.fail('The microphone could not be opened for the recording.');
    }
    if (this.isStopped) return this.release();
    this.applyMute();
    const recorder = new MediaRecorder(this.stream, { mimeType: RECORDING_MIME_TYPE, audioBitsPerSecond: RECORDING_BITS_PER_SECOND });
    this.recorder = recorder;
    recorder.addEventListener('dataavailable', (event) => {
      if (event.data.size === 0) return;
      this.queue.push(event.data);
      void this.drain();
    });
    recorder.addEventListener('stop', () => {
      this.release();
      if (this.snapshot.phase !== 'failed') this.set({ phase: this.queue.length > 0 ? 'finishing' : 'done' });
    });
    recorder.addEventListener('start', () => {
      this.trackOpened = this.openTrack(this.serverNow());
      this.set({ phase: 'recording' });
    });
    recorder.start(RECORDING_TIMESLICE_MS);
  }

  /** Muted in the call means silence in the recording too (the timeline keeps going). */
  setMicOn(isOn: boolean) {
    this.isMicOn = isOn;
    this.applyMute();
  }

  /** Stops recording; the last chunk is flushed and uploaded. */
  stop() {
    this.isStopped = true;
    if (this.recorder && this.recorder.state !== 'inactive') this.recorder.stop();
    else this.release();
  }

  /**
   * The page is going away: ask for the chunk recorded so far (sent with keepalive). Best effort:
   * the chunk comes in an event that a closing page may not live to see (tests/e2e/recording.spec.ts
   * measured a reload losing about 1.3 s), so a reload or a closed tab loses at most one chunk.
   */
  flush() {
    if (this.recorder?.state === 'recording') this.recorder.requestData();
  }

  private applyMute() {
    for (const track of this.stream?.getAudioTracks() ?? []) track.enabled = this.isMicOn;
  }

  private release() {
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = null;
  }

  private fail(message: string) {
    this.release();
    if (this.recorder && this.recorder.state !== 'inactive') this.recorder.stop();
    this.queue.length = 0;
    this.set({ phase: 'failed', error: message });
  }

  private async openTrack(startedAt: number | null): Promise<string | null> {
    for (let attempt = 0; ; attempt++) {
      const opened = await fetchResult<TRecordingTrackOpened>(`/api/interviews/${this.interviewId}/recordings`, {
        json: { recordingId: this.recordingId, ...(startedAt === null ? {} : { startedAt: Math.round(startedAt) }) },
      });
      if (opened.ok) {
        this.trackId = opened.data.trackId;
        return this.trackId;
      }
      if (opened.error.code !== 'internal' && opened.error.code !== 'rate_limited') {
        this.fail(opened.error.message);
        return null;
      }
      await sleep(Math.min(RETRY_MAX_MS, 500 * 2 ** attempt));
    }
  }

  private async drain() {
    if (this.isDraining) return;
    this.isDraining = true;
    try {
      const trackId = this.trackId ?? (await this.trackOpened);
      if (!trackId) return;
      let attempt = 0;
      while (this.queue.length > 0) {
        const chunk = this.queue[0]!;
        const result = await fetchResult<TRecordingChunkStored>(`/api/interviews/${this.interviewId}/recordings/${trackId}/${this.nextIndex}`, {
          method: 'POST',
          body: chunk,
          headers: { 'Content-Type': 'application/octet-stream' },
          keepalive: chunk.size <= KEEPALIVE_MAX_BYTES,
        });
        if (result.ok) {
          this.queue.shift();
          this.nextIndex++;
          attempt = 0;
          this.set({ uploadedChunks: this.snapshot.uploadedChunks + 1, uploadedBytes: this.snapshot.uploadedBytes + chunk.size });
          continue;
        }
        if (result.error.code !== 'internal' && result.error.code !== 'rate_limited') return this.fail(result.error.message);
        // Offline or the server restarting: the same index again, later (stored once).
        await sleep(Math.min(RETRY_MAX_MS, 500 * 2 ** attempt++));
      }
      if (this.recorder?.state === 'inactive' && this.snapshot.phase !== 'failed') this.set({ phase: 'done' });
    } finally {
      this.isDraining = false;
      if (this.queue.length > 0 && this.snapshot.phase !== 'failed') void this.drain();
    }
  }
}

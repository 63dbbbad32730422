'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { FormAlert } from '@/components/ui/form-alert';
import { useRealtime } from '@/components/realtime/use-realtime';
import { useHydrated } from '@/components/ui/use-hydrated';
import { LengthSelect } from './length-select';
import { LOBBY_ROLES, MAX_LOBBY_TOPICS, type TEnterLobbyInput, type TLobbyRole } from '@/lib/domain/matching';
import { TOPICS } from '@/lib/domain/prompt';
import type { TLobbyPrefill, TLobbyView } from '@/lib/protocol/lobby';
import type { TResult } from '@/lib/result';
import { fetchResult } from '@/components/ui/fetch-result';
import { useTitlePrefix } from '@/components/ui/use-title-prefix';

const ROLE_LABELS: Record<TLobbyRole, string> = { candidate: 'Candidate', interviewer: 'Interviewer', either: 'Either', swap: 'Both (peer swap)' };
const ROLE_PHRASES: Record<TLobbyRole, string> = { candidate: 'As candidate', interviewer: 'As interviewer', either: 'In either role', swap: 'Peer swap (each of you the candidate once)' };
const SOUND_KEY = 'mockroom.lobby.sound';
/** A fallback while waiting, should the socket's nudge be missed (reconnecting, another process). */
const POLL_MS = 5000;

function lobbyRequest(path: string, body?: unknown): Promise<TResult<TLobbyView>> {
  const offlineMessage = 'Could not reach mockroom. Check your connection and try again.';
  return fetchResult<TLobbyView>(path, body === undefined ? { cache: 'no-store', offlineMessage } : { json: body, offlineMessage });
}

function formatSeconds(total: number): string {
  const seconds = Math.max(0, Math.round(total));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** A short two-tone chime made in the browser (no audio file to fetch). */
function chime(): void {
  try {
    const audio = new AudioContext();
    for (const [i, frequency] of [660, 880].entries()) {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = frequency;
      gain.gain.setValueAtTime(0.15, audio.currentTime + i * 0.18);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + i * 0.18 + 0.3);
      tone.connect(gain).connect(audio.destination);
      tone.start(audio.currentTime + i * 0.18);
      tone.stop(audio.currentTime + i * 0.18 + 0.3);
    }
  } catch {
    // No audio (autoplay policy, no device): the page and its title still say it.
  }
}

export function FindPartner({ initial, prefill = {} }: { initial: TLobbyView; prefill?: TLobbyPrefill }) {
  const router = useRouter();
  const { socket } = useRealtime();
  const [view, setView] = useState<TLobbyView>(initial);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const [isSoundOn, setIsSoundOn] = useState(true);
  const [now, setNow] = useState(() => Date.now());
  const readyButton = useRef<HTMLButtonElement>(null);

  const refresh = useCallback(async () => {
    const result = await lobbyRequest('/api/lobby');
    if (result.ok) setView(result.data);
  }, []);

  useEffect(() => setIsSoundOn(localStorage.getItem(SOUND_KEY) !== 'off'), []);
  useEffect(() => {
    if (!socket) return;
    const onChanged = () => void refresh();
    socket.on('lobby:changed', onChanged);
    // Whatever happened while the connection was down.
    socket.on('connect', onChanged);
    return () => {
      socket.off('lobby:changed', onChanged);
      socket.off('connect', onChanged);
    };
  }, [socket, refresh]);

  const isActive = view.state === 'waiting' || view.state === 'matched';
  useEffect(() => {
    if (!isActive) return;
    const tick = setInterval(() => setNow(Date.now()), 1000);
    const poll = setInterval(() => void refresh(), POLL_MS);
    return () => {
      clearInterval(tick);
      clearInterval(poll);
    };
  }, [isActive, refresh]);

  // Found: sound, focus on "I'm ready", and the title says it while the tab is in the background.
  const matchId = view.state === 'matched' ? view.matchId : null;
  useEffect(() => {
    if (!matchId) return;
    if (isSoundOn) chime();
    readyButton.current?.focus();
    // The sound plays once per match, not when the setting changes.
  }, [matchId]);
  useTitlePrefix(matchId ? 'Partner found! · ' : '');

  useEffect(() => {
    if (view.state === 'started') router.push(`/interviews/${view.interviewId}`);
  }, [view, router]);

  async function act(path: string, body: unknown) {
    setIsBusy(true);
    setError(null);
    const result = await lobbyRequest(path, body);
    setIsBusy(false);
    if (result.ok) setView(result.data);
    else {
      setError(result.error.message);
      void refresh();
    }
  }

  function toggleSound(isOn: boolean) {
    setIsSoundOn(isOn);
    localStorage.setItem(SOUND_KEY, isOn ? 'on' : 'off');
  }

  return (
    <div className="stack">
      {view.notice === 'partner_no_show' ? (
        <p className="alert info" role="status">
          Your partner did not confirm in time. You keep your place in the queue.
        </p>
      ) : null}
      {view.notice === 'you_no_show' ? (
        <p className="alert warn" role="status">
          The match expired before you confirmed, so it counts as a missed match.
        </p>
      ) : null}
      <FormAlert message={error} />

      {view.state === 'idle' ? <LobbyForm isBusy={isBusy} noShows={view.noShows} prefill={prefill} onSubmit={(choice) => void act('/api/lobby', choice)} /> : null}

      {view.state === 'waiting' ? (
        <section className="card stack" aria-label="Waiting for a partner" data-testid="lobby-waiting">
          <h2 role="status">Looking for a partner… {formatSeconds((now - view.since) / 1000)}</h2>
          <p>
            {ROLE_PHRASES[view.choice.role]}, {view.choice.level}, {view.choice.durationMinutes} minutes
            {view.choice.topics.length > 0 ? `, on ${view.choice.topics.map(topicName).join(', ')}` : ''}.
          </p>
          <p data-testid="lobby-compatible">
            {view.waitingCompatible === 0
              ? 'Nobody else who fits is waiting right now; you will be paired as soon as someone comes.'
              : `${view.waitingCompatible} ${view.waitingCompatible === 1 ? 'person fits' : 'people fit'} your choice and ${view.waitingCompatible === 1 ? 'is' : 'are'} being paired.`}{' '}
            {view.estimatedWaitSeconds === null
              ? 'Too few recent matches at this level to estimate the wait.'
              : `Recent waits at this level: about ${formatSeconds(view.estimatedWaitSeconds)}.`}
          </p>
          <div className="row">
            <button type="button" className="button" disabled={isBusy} onClick={() => void act('/api/lobby/leave', {})}>
              Cancel
            </button>
            <SoundToggle isOn={isSoundOn} onChange={toggleSound} />
          </div>
        </section>
      ) : null}

      {view.state === 'matched' ? (
        <section className="card stack" aria-label="Partner found" data-testid="lobby-matched">
          <h2 role="alert">Partner found{view.partnerName ? `: ${view.partnerName}` : ''}</h2>
          <p>
            {view.isSwap ? (
              <>
                A peer swap at {view.level}, {view.durationMinutes} minutes a half: you are the <strong>{view.role}</strong> first, then
                the roles swap on another prompt.{' '}
              </>
            ) : (
              <>
                You will be the <strong>{view.role}</strong> in a {view.durationMinutes}-minute {view.level} interview.{' '}
              </>
            )}
            {view.isReady
              ? view.isPartnerReady
                ? 'Both ready: opening the room…'
                : 'Waiting for your partner to confirm…'
              : 'Confirm that you are ready to start now.'}
          </p>
          <p className="muted" data-testid="lobby-countdown">
            {formatSeconds((view.expiresAt - now) / 1000)} left to confirm.
          </p>
          <div className="row">
            {view.isReady ? null : (
              <button ref={readyButton} type="button" className="button primary" disabled={isBusy} onClick={() => void act('/api/lobby/ready', { matchId: view.matchId })}>
                I&apos;m ready
              </button>
            )}
            <button type="button" className="button" disabled={isBusy} onClick={() => void act('/api/lobby/leave', {})}>
              Not now
            </button>
          </div>
        </section>
      ) : null}

      {view.state === 'started' ? (
        <p role="status" className="alert success">
          Opening your interview…
        </p>
      ) : null}
    </div>
  );
}

function topicName(id: string): string {
  return TOPICS.find((topic) => topic.id === id)?.label ?? id;
}

function SoundToggle({ isOn, onChange }: { isOn: boolean; onChange: (isOn: boolean) => void }) {
  return (
    <label className="row" style={{ gap: '0.4rem' }}>
      <input type="checkbox" checked={isOn} onChange={(event) => onChange(event.currentTarget.checked)} />
      Play a sound when a partner is found
    </label>
  );
}

function LobbyForm({
  isBusy,
  noShows,
  prefill,
  onSubmit,
}: {
  isBusy: boolean;
  noShows: TLobbyView['noShows'];
  /** Preset by a link (the progress page's "What to practise next"); the person still submits. */
  prefill: TLobbyPrefill;
  onSubmit: (choice: TEnterLobbyInput) => void;
}) {
  const [topics, setTopics] = useState<string[]>(() => [...(prefill.topics ?? [])]);
  const isHydrated = useHydrated();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    onSubmit({
      role: String(form.get('role')) as TLobbyRole,
      level: String(form.get('level')) as TEnterLobbyInput['level'],
      durationMinutes: Number(form.get('durationMinutes')) as TEnterLobbyInput['durationMinutes'],
      topics: topics as TEnterLobbyInput['topics'],
    });
  }

  return (
    <form className="card stack" aria-label="Find a partner" onSubmit={submit}>
      <fieldset>
        <legend>I want to practise as</legend>
        <div className="row">
          {LOBBY_ROLES.map((role) => (
            <label key={role} className="row" style={{ gap: '0.4rem' }}>
              <input type="radio" name="role" value={role} defaultChecked={role === (prefill.role ?? 'either')} />
              {ROLE_LABELS[role]}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>Level</legend>
        <div className="row">
          <label className="row" style={{ gap: '0.4rem' }}>
            <input type="radio" name="level" value="L4" defaultChecked={prefill.level !== 'L5'} /> L4 (mid-level)
          </label>
          <label className="row" style={{ gap: '0.4rem' }}>
            <input type="radio" name="level" value="L5" defaultChecked={prefill.level === 'L5'} /> L5 (senior)
          </label>
        </div>
      </fieldset>
      <LengthSelect />
      <fieldset>
        <legend>
          Topics <span className="hint">optional, up to {MAX_LOBBY_TOPICS}; partners who named topics share at least one</span>
        </legend>
        <div className="row" style={{ gap: '0.3rem 1rem' }}>
          {TOPICS.map((topic) => {
            const isChecked = topics.includes(topic.id);
            return (
              <label key={topic.id} className="row" style={{ gap: '0.3rem' }}>
                <input
                  type="checkbox"
                  checked={isChecked}
                  disabled={!isChecked && topics.length >= MAX_LOBBY_TOPICS}
                  onChange={() => setTopics((current) => (isChecked ? current.filter((id) => id !== topic.id) : [...current, topic.id]))}
                />
                {topic.label}
              </label>
            );
          })}
        </div>
      </fieldset>
      {noShows.recent > 0 ? (
        <p className="hint" data-testid="lobby-no-shows">
          You missed {noShows.recent} {noShows.recent === 1 ? 'match' : 'matches'} this week.
          {noShows.penaltyMinutes > 0 ? ` Your next place in the queue is ${noShows.penaltyMinutes} minutes behind.` : ' The next one would put you behind others for a while.'}
        </p>
      ) : null}
      <div>
        <button type="submit" className="button primary" disabled={isBusy || !isHydrated}>
          Find a partner
        </button>
      </div>
    </form>
  );
}

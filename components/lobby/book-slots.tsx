'use client';

import Link from 'next/link';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useRealtime } from '@/components/realtime/use-realtime';
import { fetchResult } from '@/components/ui/fetch-result';
import { FormAlert } from '@/components/ui/form-alert';
import { LocalTime } from '@/components/ui/local-time';
import { useHydrated } from '@/components/ui/use-hydrated';
import { LengthSelect } from './length-select';
import type { TSlotsView, TSlotView } from '@/lib/protocol/slots';
import type { TResult } from '@/lib/result';

const ROLE_TEXT: Record<TSlotView['myRole'], string> = {
  interviewer: 'you interview',
  candidate: 'you are the candidate',
  swap: 'peer swap: each of you the candidate once',
};

function request<T>(path: string, body?: unknown): Promise<TResult<T>> {
  return fetchResult<T>(path, body === undefined ? { cache: 'no-store' } : { json: body });
}

/** "Book a slot": offer times, book someone else's, and the sessions booked, with calendar files. */
export function BookSlots({ initial }: { initial: TSlotsView }) {
  const { socket } = useRealtime();
  const [slots, setSlots] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const result = await request<TSlotsView>('/api/slots');
    if (result.ok) setSlots(result.data);
  }, []);
  useEffect(() => {
    if (!socket) return;
    const onChanged = () => void refresh();
    socket.on('lobby:changed', onChanged);
    return () => {
      socket.off('lobby:changed', onChanged);
    };
  }, [socket, refresh]);

  async function act(path: string, body: unknown, done: string) {
    setError(null);
    setStatus(null);
    const result = await request<TSlotView>(path, body);
    if (!result.ok) setError(result.error.message);
    else setStatus(done);
    await refresh();
    return result.ok;
  }

  return (
    <section className="card stack" aria-label="Book a slot">
      <h2>Book a slot for later</h2>
      <FormAlert message={error} />
      {status ? (
        <p className="alert success" role="status">
          {status}
        </p>
      ) : null}
      <OfferForm onOffer={(input) => act('/api/slots', input, 'Your slot is on offer.')} />

      <h3>Open slots</h3>
      {slots.open.length === 0 ? (
        <p className="muted">Nobody offers a time right now. Offer one above, or find a partner now.</p>
      ) : (
        <ul className="stack" aria-label="Open slots">
          {slots.open.map((slot) => (
            <li key={slot.id} className="row" data-testid="open-slot">
              <span>
                <LocalTime at={slot.startsAt} /> · {slot.level}, {slot.durationMinutes} minutes{slot.myRole === 'swap' ? ' a half' : ''} ·{' '}
                {ROLE_TEXT[slot.myRole]} · offered by {slot.partnerName ?? 'someone'}
              </span>
              <button type="button" className="button" onClick={() => void act(`/api/slots/${slot.id}/book`, {}, 'Booked. It is in your history and below.')}>
                Book
              </button>
            </li>
          ))}
        </ul>
      )}

      <h3>Your sessions</h3>
      {slots.mine.length === 0 ? (
        <p className="muted">No sessions offered or booked.</p>
      ) : (
        <ul className="stack" aria-label="Your sessions">
          {slots.mine.map((slot) => (
            <MySession key={slot.id} slot={slot} onCancel={(reason) => act(`/api/slots/${slot.id}/cancel`, { reason }, 'Cancelled; the other person is told.')} />
          ))}
        </ul>
      )}
    </section>
  );
}

function MySession({ slot, onCancel }: { slot: TSlotView; onCancel: (reason: string) => Promise<boolean> }) {
  const [isCancelling, setIsCancelling] = useState(false);
  const label = slot.status === 'open' ? 'On offer' : slot.status === 'booked' ? 'Booked' : 'Cancelled';
  return (
    <li className="stack" style={{ gap: '0.4rem' }} data-testid="my-session">
      <span>
        <strong>{label}</strong> · <LocalTime at={slot.startsAt} /> · {slot.level}, {slot.durationMinutes} minutes · {ROLE_TEXT[slot.myRole]}
        {slot.partnerName && slot.status !== 'open' ? ` · with ${slot.partnerName}` : ''}
      </span>
      {slot.status === 'cancelled' ? (
        <span className="muted">
          {slot.cancelledByMe ? 'You cancelled' : 'Cancelled by the other person'}: {slot.cancelReason}
        </span>
      ) : (
        <span className="row">
          {slot.interviewId ? <Link href={`/interviews/${slot.interviewId}`}>Room</Link> : null}
          {slot.status === 'booked' ? (
            <a href={`/api/slots/${slot.id}/calendar.ics`} download>
              Add to calendar (.ics)
            </a>
          ) : null}
          {isCancelling ? null : (
            <button type="button" className="button link" onClick={() => setIsCancelling(true)}>
              Cancel…
            </button>
          )}
        </span>
      )}
      {isCancelling ? (
        <form
          className="row"
          aria-label="Cancel the session"
          onSubmit={(event) => {
            event.preventDefault();
            const reason = String(new FormData(event.currentTarget).get('reason') ?? '');
            void onCancel(reason).then((isDone) => isDone && setIsCancelling(false));
          }}
        >
          <label>
            Reason (the other person sees it)
            <input name="reason" required maxLength={500} />
          </label>
          <button type="submit" className="button danger">
            Cancel the session
          </button>
          <button type="button" className="button" onClick={() => setIsCancelling(false)}>
            Keep it
          </button>
        </form>
      ) : null}
    </li>
  );
}

function OfferForm({ onOffer }: { onOffer: (input: unknown) => Promise<boolean> }) {
  const isHydrated = useHydrated();
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const local = String(form.get('startsAt') ?? '');
    // datetime-local is the reader's own zone; the server stores the instant.
    const startsAt = local ? new Date(local).toISOString() : '';
    void onOffer({
      startsAt,
      durationMinutes: Number(form.get('durationMinutes')),
      ownerRole: String(form.get('ownerRole')),
      level: String(form.get('level')),
    });
  }
  return (
    <form className="row" aria-label="Offer a time" onSubmit={submit} style={{ alignItems: 'end' }}>
      <label>
        Start (your time)
        <input type="datetime-local" name="startsAt" required />
      </label>
      <label>
        I will be
        <select name="ownerRole" defaultValue="interviewer">
          <option value="interviewer">the interviewer</option>
          <option value="candidate">the candidate</option>
          <option value="swap">both (peer swap)</option>
        </select>
      </label>
      <label>
        Level
        <select name="level" defaultValue="L4">
          <option value="L4">L4 (mid-level)</option>
          <option value="L5">L5 (senior)</option>
        </select>
      </label>
      <LengthSelect />
      <button type="submit" className="button primary" disabled={!isHydrated}>
        Offer this time
      </button>
    </form>
  );
}

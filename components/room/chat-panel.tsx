'use client';

import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { TChatMessage, TRoomParticipant } from '@/lib/protocol/room';

type Props = {
  messages: TChatMessage[];
  participants: TRoomParticipant[];
  myUserId: string;
  /** Whether its tab is shown: a hidden list cannot be scrolled, so it catches up when shown. */
  isShown: boolean;
  /** Off while disconnected or after the end: the draft is kept. */
  canSend: boolean;
  onSend: (text: string) => Promise<string | null>;
};

export function ChatPanel({ messages, participants, myUserId, isShown, canSend, onSend }: Props) {
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isSending, setIsSending] = useState(false);
  const listRef = useRef<HTMLOListElement>(null);
  const names = new Map(participants.map((p) => [p.userId, p.name]));

  useEffect(() => {
    if (isShown) listRef.current?.scrollTo({ top: listRef.current.scrollHeight });
  }, [messages.length, isShown]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!draft.trim() || !canSend) return;
    setIsSending(true);
    const sent = draft;
    const failure = await onSend(sent);
    setIsSending(false);
    setError(failure);
    // Only what was sent leaves the box: anything typed meanwhile stays.
    if (!failure) setDraft((current) => (current === sent ? '' : current));
  }

  return (
    <section className="panel chat" aria-label="Chat">
      <h2>Chat</h2>
      <ol className="chat-list" ref={listRef} data-testid="chat-messages">
        {messages.length === 0 ? <li className="muted">No messages yet.</li> : null}
        {messages.map((message) => (
          <li key={message.id} className={message.authorId === myUserId ? 'mine' : undefined}>
            <span className="chat-author">{message.authorId === myUserId ? 'You' : (names.get(message.authorId ?? '') ?? 'Former participant')}</span>
            <span className="chat-text">{message.text}</span>
          </li>
        ))}
      </ol>
      <form onSubmit={onSubmit} className="row chat-form">
        <input
          aria-label="Message"
          placeholder="Write a message"
          value={draft}
          maxLength={2000}
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="submit" className="button" disabled={isSending || !canSend || !draft.trim()}>
          Send
        </button>
      </form>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}

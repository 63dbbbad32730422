'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { fetchResult } from '@/components/ui/fetch-result';
import type { TReviewNote } from '@/lib/protocol/review';
import { formatDuration } from './review-format';
import styles from './review.module.css';

type Props = { interviewId: string; notes: TReviewNote[] };

/** The interviewer's notes with share toggles; the page is re-rendered from the server after each change. */
export function NoteSharing({ interviewId, notes }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  async function onShare(body: { noteId?: string; isShared: boolean }) {
    setError(null);
    const result = await fetchResult(`/api/interviews/${encodeURIComponent(interviewId)}/notes/share`, { json: body });
    if (!result.ok) setError(result.error.message);
    startTransition(() => router.refresh());
  }

  if (notes.length === 0) return <p className="muted">You wrote no notes.</p>;
  return (
    <div className={styles.section}>
      <p className="hint">Only the notes you share are shown to the candidate, here and in their export.</p>
      <div className={styles.actions}>
        <button type="button" className="button" disabled={isPending} onClick={() => void onShare({ isShared: true })}>
          Share all with the candidate
        </button>
        <button type="button" className="button" disabled={isPending} onClick={() => void onShare({ isShared: false })}>
          Unshare all
        </button>
      </div>
      <ul className={styles.list} data-testid="review-notes">
        {notes.map((note) => (
          <li key={note.id}>
            <label>
              <input
                type="checkbox"
                checked={note.isShared}
                disabled={isPending}
                onChange={(event) => void onShare({ noteId: note.id, isShared: event.target.checked })}
              />{' '}
              {formatDuration(note.atMs)} · shared with the candidate
            </label>
            <p className={styles.noteText}>{note.text}</p>
          </li>
        ))}
      </ul>
      {error ? (
        <p className="alert error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

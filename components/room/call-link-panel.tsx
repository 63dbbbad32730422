'use client';

import { useEffect, useState, type FormEvent } from 'react';

type Props = { callLink: string | null; isReadonly: boolean; onSave: (link: string) => Promise<string | null> };

/** A link to an external call (Meet, Zoom, Jitsi) until the room has its own audio. */
export function CallLinkPanel({ callLink, isReadonly, onSave }: Props) {
  const [draft, setDraft] = useState(callLink ?? '');
  const [isEditing, setIsEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!isEditing) setDraft(callLink ?? '');
  }, [callLink, isEditing]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const failure = await onSave(draft);
    setError(failure);
    if (!failure) setIsEditing(false);
  }

  return (
    <section className="panel" aria-label="Call link">
      <h2>Call</h2>
      {callLink && !isEditing ? (
        <p className="row">
          <a href={callLink} target="_blank" rel="noopener noreferrer" className="grow truncate">
            {callLink}
          </a>
          {isReadonly ? null : (
            <button type="button" className="button link" onClick={() => setIsEditing(true)}>
              Edit
            </button>
          )}
        </p>
      ) : isReadonly ? (
        <p className="muted">No call link.</p>
      ) : (
        <form onSubmit={onSubmit} className="row">
          <input
            aria-label="Call link"
            placeholder="https://meet.example.com/abc"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            className="grow"
          />
          <button type="submit" className="button">
            Save
          </button>
        </form>
      )}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}

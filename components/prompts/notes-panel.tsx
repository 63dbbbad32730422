'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { formatInterviewTime, MAX_NOTE_LENGTH } from '@/lib/domain/guide';
import type { TResult } from '@/lib/result';
import type { TNote } from '@/lib/protocol/guide';
import styles from './prompts.module.css';

/** Pause in typing before a note is saved. */
export const AUTOSAVE_DELAY_MS = 800;
/** After a failed save that may succeed later (offline, rate limit). */
const RETRY_DELAY_MS = 3000;
const RETRYABLE = new Set(['internal', 'rate_limited']);

type Props = {
  notes: TNote[];
  /** Creates (no id) or rewrites a note; the server stamps the interview time. */
  onSave: (input: { id?: string; text: string }) => Promise<TResult<TNote>>;
  onDelete: (id: string) => Promise<TResult<{ id: string }>>;
  /** The server's answer, to show in every panel of this tab. */
  onSaved: (note: TNote) => void;
  onDeleted: (id: string) => void;
  /** After the end the record is closed: notes are shown, not edited. */
  isReadonly?: boolean;
  /** Called as a note is added, before it exists (the room shows the notes tab). */
  onAdd?: () => void;
  /** Alt+N was pressed before this panel had loaded: add that note as it mounts. */
  isAddQueued?: boolean;
};

/**
 * The interviewer's private notes, each stamped with the interview time at which it was added.
 * Every note saves itself a moment after typing stops. "Add note": button or Alt+N anywhere.
 */
export function NotesPanel({ notes, onSave, onDelete, onSaved, onDeleted, isReadonly = false, onAdd, isAddQueued = false }: Props) {
  const [focusId, setFocusId] = useState<string | null>(null);
  const [isAdding, setIsAdding] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const addNote = useCallback(async () => {
    if (isAdding) return;
    onAdd?.();
    setIsAdding(true);
    const result = await onSave({ text: '' });
    setIsAdding(false);
    if (!result.ok) return setError(result.error.message);
    setError(null);
    onSaved(result.data);
    setFocusId(result.data.id);
  }, [isAdding, onSave, onSaved, onAdd]);

  useEffect(() => {
    if (isReadonly) return;
    const onKeyDown = (event: KeyboardEvent) => {
      // By key position, not character: Alt+N types "˜" on a Mac keyboard.
      if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.code !== 'KeyN') return;
      event.preventDefault();
      void addNote();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [addNote, isReadonly]);

  const hasAddedQueued = useRef(false);
  useEffect(() => {
    if (!isAddQueued || isReadonly || hasAddedQueued.current) return;
    hasAddedQueued.current = true;
    void addNote();
  }, [isAddQueued, isReadonly, addNote]);

  return (
    <section className="panel" aria-label="Notes">
      <h2>
        Private notes<span className={styles.count}>only you see these</span>
      </h2>
      {notes.length === 0 ? (
        <p className="muted" style={{ margin: '0 0 0.4rem', fontSize: '0.9rem' }}>
          No notes yet.
        </p>
      ) : (
        <ol className={styles.list} data-testid="notes">
          {notes.map((note) => (
            <li key={note.id}>
              <NoteEditor
                note={note}
                isFocused={note.id === focusId}
                isReadonly={isReadonly}
                onSave={(text) => onSave({ id: note.id, text })}
                onSaved={onSaved}
                onDelete={async () => {
                  const result = await onDelete(note.id);
                  if (result.ok) onDeleted(note.id);
                  else setError(result.error.message);
                }}
              />
            </li>
          ))}
        </ol>
      )}
      {isReadonly ? null : (
        <div className="row" style={{ marginTop: '0.5rem' }}>
          <button type="button" className={`button ${styles.small}`} onClick={() => void addNote()} disabled={isAdding} aria-keyshortcuts="Alt+N">
            Add note
          </button>
          <span className="hint">
            <kbd className={styles.kbd}>Alt</kbd>+<kbd className={styles.kbd}>N</kbd>
          </span>
        </div>
      )}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}

type TSaveStatus = { kind: 'saved' } | { kind: 'pending' } | { kind: 'saving' } | { kind: 'error'; message: string };

const STATUS_TEXT: Record<TSaveStatus['kind'], string> = { saved: 'Saved', pending: 'Unsaved', saving: 'Saving…', error: '' };

type TNoteEditorProps = {
  note: TNote;
  isFocused: boolean;
  isReadonly: boolean;
  onSave: (text: string) => Promise<TResult<TNote>>;
  onSaved: (note: TNote) => void;
  onDelete: () => Promise<void>;
};

function NoteEditor({ note, isFocused, isReadonly, onSave, onSaved, onDelete }: TNoteEditorProps) {
  const [text, setText] = useState(note.text);
  const [status, setStatus] = useState<TSaveStatus>({ kind: 'saved' });
  const [serverText, setServerText] = useState(note.text);
  const latest = useRef(note.text);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const isSaving = useRef(false);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  // The parent passes new callbacks on every render; timers must call the current ones.
  const callbacks = useRef({ onSave, onSaved });
  useEffect(() => {
    callbacks.current = { onSave, onSaved };
  });
  const stamp = formatInterviewTime(note.atMs);

  // A save from the interviewer's other tab: take it, unless this tab has edits of its own.
  if (note.text !== serverText) {
    setServerText(note.text);
    if (status.kind === 'saved') {
      setText(note.text);
      latest.current = note.text;
    }
  }

  const save = useCallback(async () => {
    timer.current = null;
    // One save in flight per note; whatever is typed meanwhile goes in the next one.
    if (isSaving.current) return;
    isSaving.current = true;
    const sent = latest.current;
    setStatus({ kind: 'saving' });
    const result = await callbacks.current.onSave(sent);
    isSaving.current = false;
    if (result.ok) callbacks.current.onSaved(result.data);
    if (latest.current !== sent) {
      setStatus({ kind: 'pending' });
      timer.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
      return;
    }
    if (result.ok) return setStatus({ kind: 'saved' });
    setStatus({ kind: 'error', message: result.error.message });
    if (RETRYABLE.has(result.error.code)) timer.current = setTimeout(() => void save(), RETRY_DELAY_MS);
  }, []);

  function onChange(value: string) {
    setText(value);
    latest.current = value;
    setStatus((current) => (current.kind === 'saving' ? current : { kind: 'pending' }));
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
  }

  useEffect(() => {
    if (isFocused) textareaRef.current?.focus();
  }, [isFocused]);

  // Leaving with unsaved text: the browser asks first.
  const isDirty = status.kind !== 'saved';
  useEffect(() => {
    if (!isDirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [isDirty]);

  // Unmounted with a save still waiting (the panel closed): send it now rather than lose it.
  useEffect(
    () => () => {
      if (!timer.current) return;
      clearTimeout(timer.current);
      timer.current = null;
      void callbacks.current.onSave(latest.current);
    },
    [],
  );

  return (
    <div className={styles.note} data-testid="note">
      <div className={styles.noteHead}>
        <span className={styles.stamp} title="Interview time when the note was added">
          {stamp}
        </span>
        <span className={status.kind === 'error' ? styles.statusError : styles.status} role="status" data-testid="note-status">
          {status.kind === 'error' ? `Not saved: ${status.message}` : STATUS_TEXT[status.kind]}
        </span>
        {isReadonly ? null : (
          <button
            type="button"
            className={styles.linkButton}
            onClick={() => {
              if (text.trim() && !window.confirm('Delete this note?')) return;
              if (timer.current) clearTimeout(timer.current);
              timer.current = null;
              void onDelete();
            }}
          >
            Delete
          </button>
        )}
      </div>
      <textarea
        ref={textareaRef}
        aria-label={`Note at ${stamp}`}
        value={text}
        maxLength={MAX_NOTE_LENGTH}
        readOnly={isReadonly}
        placeholder="What did you notice?"
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}

'use client';

import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { TLevel } from '@/lib/domain/interview';
import { DIFFICULTY_LABELS, KIND_LABELS, type TDifficulty } from '@/lib/domain/prompt-bank';
import { topicLabel } from '@/lib/domain/prompt';
import { pickRandomPrompt, searchPrompts, suitsLevel } from '@/lib/domain/prompt-search';
import type { TPromptOption } from '@/lib/protocol/interviews';
import styles from './prompt-picker.module.css';

type Props = {
  prompts: TPromptOption[];
  selectedId: string;
  onSelect: (prompt: TPromptOption) => void;
  level: TLevel;
  /** Prompts the chosen candidate already had with this interviewer (empty when nobody is chosen). */
  had: ReadonlySet<string>;
  candidateName: string | null;
  error?: string;
};

const PREVIEW_CHARS = 160;

function preview(statement: string): string {
  return statement.length > PREVIEW_CHARS ? `${statement.slice(0, PREVIEW_CHARS).trimEnd()}…` : statement;
}

function PromptSummary({ prompt, level, isHad }: { prompt: TPromptOption; level: TLevel; isHad: boolean }) {
  return (
    <>
      <span className={styles.title}>{prompt.title}</span>{' '}
      <span className={styles.meta}>
        {KIND_LABELS[prompt.kind]} · {DIFFICULTY_LABELS[prompt.difficulty as TDifficulty] ?? `Difficulty ${prompt.difficulty}`} · {prompt.minutes} min
        {prompt.isMine ? ' · Yours' : ''}
        {suitsLevel(prompt.difficulty, level) ? <span className={styles.suits}> Suits {level}</span> : null}
        {isHad ? <span className={styles.had}> Had with you</span> : null}
      </span>{' '}
      <span className={styles.topics}>{prompt.topics.map((topic) => topicLabel(topic) ?? topic).join(' · ')}</span>{' '}
    </>
  );
}

/**
 * A searchable prompt picker (an ARIA combobox with a list box): typing matches words in the
 * title, the topics and the statement; the prompts that suit the target level come first; arrow
 * keys move, Enter picks, Escape closes. "Random prompt" picks one that suits the level and that
 * the chosen candidate has not had.
 */
export function PromptPicker({ prompts, selectedId, onSelect, level, had, candidateName, error }: Props) {
  const id = useId();
  const listId = `${id}-list`;
  const selected = prompts.find((prompt) => prompt.id === selectedId);
  const [query, setQuery] = useState('');
  const [isOpen, setIsOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [randomNote, setRandomNote] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const results = useMemo(() => searchPrompts(prompts, query, level, had), [prompts, query, level, had]);
  const activeResult = results[Math.min(active, results.length - 1)];

  function choose(prompt: TPromptOption) {
    onSelect(prompt);
    setQuery('');
    setIsOpen(false);
    setRandomNote(null);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!isOpen) return setIsOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((current) => (results.length === 0 ? 0 : (current + step + results.length) % results.length));
    } else if (event.key === 'Enter') {
      if (!isOpen || !activeResult) return;
      // Picking, not submitting the form.
      event.preventDefault();
      choose(activeResult);
    } else if (event.key === 'Escape' && isOpen) {
      event.preventDefault();
      setIsOpen(false);
    }
  }

  function pickRandom() {
    const picked = pickRandomPrompt(prompts, level, had);
    if (!picked) {
      setRandomNote(`${candidateName ?? 'This candidate'} has had every prompt that suits ${level} with you.`);
      return;
    }
    choose(picked);
    setRandomNote(`Picked at random among the prompts that suit ${level}${candidateName ? ` and ${candidateName} has not had with you` : ''}.`);
  }

  const suited = results.filter((prompt) => suitsLevel(prompt.difficulty, level));
  const others = results.filter((prompt) => !suitsLevel(prompt.difficulty, level));
  const option = (prompt: TPromptOption) => {
    const index = results.indexOf(prompt);
    return (
      <li
        key={prompt.id}
        id={`${id}-option-${prompt.id}`}
        role="option"
        aria-selected={index === active}
        className={styles.option}
        data-active={index === active}
        // Keep the focus in the input: a click must not blur it before it picks.
        onMouseDown={(event) => event.preventDefault()}
        onMouseMove={() => setActive(index)}
        onClick={() => choose(prompt)}
      >
        <PromptSummary prompt={prompt} level={level} isHad={had.has(prompt.id)} />
        <span className={styles.preview}>{preview(prompt.statement)}</span>
      </li>
    );
  };

  return (
    <div className={styles.picker}>
      <label htmlFor={`${id}-input`}>Prompt</label>
      <div className={styles.inputRow}>
        <input
          ref={inputRef}
          id={`${id}-input`}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={isOpen}
          aria-controls={listId}
          aria-activedescendant={isOpen && activeResult ? `${id}-option-${activeResult.id}` : undefined}
          aria-describedby={`${id}-hint`}
          aria-invalid={error ? true : undefined}
          autoComplete="off"
          placeholder={selected ? selected.title : 'Search by title, topic or words of the statement'}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
            setIsOpen(true);
          }}
          onFocus={() => setIsOpen(true)}
          onClick={() => setIsOpen(true)}
          onBlur={() => setIsOpen(false)}
          onKeyDown={onKeyDown}
        />
        <button type="button" className="button" onClick={pickRandom}>
          Random prompt
        </button>
      </div>
      <span className="hint" id={`${id}-hint`}>
        {prompts.length} prompts. Those that suit {level} come first
        {candidateName ? `; those ${candidateName} had with you are marked` : ''}. Arrow keys and Enter pick one.
      </span>
      {isOpen ? (
        <ul id={listId} role="listbox" aria-label="Search results" className={styles.list}>
          {results.length === 0 ? (
            <li className={styles.empty} role="presentation">
              No prompt matches “{query}”.
            </li>
          ) : null}
          {suited.length > 0 ? (
            <li role="presentation">
              <ul role="group" aria-label={`Suit ${level}`} className={styles.group}>
                <li role="presentation" className={styles.groupLabel}>
                  Suit {level}
                </li>
                {suited.map(option)}
              </ul>
            </li>
          ) : null}
          {others.length > 0 ? (
            <li role="presentation">
              <ul role="group" aria-label="Other levels" className={styles.group}>
                <li role="presentation" className={styles.groupLabel}>
                  Other levels
                </li>
                {others.map(option)}
              </ul>
            </li>
          ) : null}
        </ul>
      ) : null}
      {randomNote ? (
        <span className="hint" role="status">
          {randomNote}
        </span>
      ) : null}
      {error ? <span className="field-error">{error}</span> : null}
      {selected ? (
        <div className={`${styles.selected} card`} data-testid="selected-prompt" aria-live="polite">
          <PromptSummary prompt={selected} level={level} isHad={had.has(selected.id)} />
          <span className={styles.preview}>{preview(selected.statement)}</span>
        </div>
      ) : null}
    </div>
  );
}

'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent, type ReactNode } from 'react';
import { PhasePlanEditor, toPhasePlan, toPhaseRows, type TPhaseRow } from '@/components/interviews/phase-plan-editor';
import { useJsonForm } from '@/components/ui/use-json-form';
import { FormAlert } from '@/components/ui/form-alert';
import { DIFFICULTIES, describeDifficulty, KIND_LABELS, PROMPT_INPUT_COUNTS } from '@/lib/domain/prompt-bank';
import {
  DEFAULT_PHASE_PLANS,
  INPUT_LIMITS,
  MAX_OWN_TOPIC_LENGTH,
  phasePlanMinutes,
  PROMPT_KINDS,
  topicLabel,
  TOPICS,
  type TPhase,
  type TPromptKind,
} from '@/lib/domain/prompt';
import { ZPromptKind } from '@/lib/domain/prompt-schema';
import styles from './prompt-bank.module.css';

/** What the form edits: a prompt's fields with the guide's lists flattened. */
export type TPromptFormValues = {
  kind: TPromptKind;
  title: string;
  statement: string;
  topics: string[];
  difficulty: number;
  phasePlan: TPhase[];
  keyPoints: string[];
  followUps: string[];
  hints: string[];
  l4Answer: string;
  l5Answer: string;
};

const EMPTY: TPromptFormValues = {
  kind: 'concept',
  title: '',
  statement: '',
  topics: [],
  difficulty: 2,
  phasePlan: [...DEFAULT_PHASE_PLANS.concept],
  keyPoints: [],
  followUps: [],
  hints: [],
  l4Answer: '',
  l5Answer: '',
};

/** One item per non-blank line; the server trims and checks each. */
function lines(value: FormDataEntryValue | null): string[] {
  return String(value ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

function isSamePlan(rows: readonly TPhaseRow[], plan: readonly TPhase[]): boolean {
  return rows.length === plan.length && rows.every((row, i) => row.name.trim() === plan[i]?.name && Number(row.minutes) === plan[i]?.minutes);
}

/**
 * The message for `key`, or for the first item under it: the server names items by index
 * ("guide.keyPoints.3"), which is the 4th non-blank line.
 */
function errorFor(fields: Record<string, string>, key: string): string | undefined {
  if (fields[key]) return fields[key];
  const prefix = `${key}.`;
  const item = Object.keys(fields).find((name) => name.startsWith(prefix));
  if (!item) return undefined;
  const index = Number(item.slice(prefix.length).split('.')[0]);
  return Number.isInteger(index) ? `Item ${index + 1}: ${fields[item]}` : fields[item];
}

type TFieldProps = {
  id: string;
  label: string;
  hint?: string;
  error: string | undefined;
  children: (aria: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode;
};

/**
 * A label, its control, a hint and the server's message. The label names the control through
 * htmlFor alone: wrapping the control would fold its options or text into the name.
 */
function Field({ id, label, hint, error, children }: TFieldProps) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={styles.field}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {children({ id, ...(error ? { 'aria-invalid': true as const } : {}), ...(describedBy ? { 'aria-describedby': describedBy } : {}) })}
      {error ? (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

type TListField = 'keyPoints' | 'followUps' | 'hints';

const LIST_FIELDS: readonly { name: TListField; label: string; help: string }[] = [
  { name: 'keyPoints', label: 'Key points', help: 'What a strong answer must cover; the interviewer ticks them off.' },
  { name: 'followUps', label: 'Follow-up questions', help: 'Questions that push further once the basics are covered.' },
  { name: 'hints', label: 'Hints', help: 'A ladder from the gentlest nudge to the most explicit help.' },
];

type Props = {
  /** The prompt being edited; absent when creating one. */
  promptId?: string;
  initial?: TPromptFormValues;
};

/** Creates a prompt, or edits the author's own; the server validates with ZPromptInput. */
export function PromptForm({ promptId, initial = EMPTY }: Props) {
  const router = useRouter();
  const isEditing = promptId !== undefined;
  const { submit, error, fields, isPending } = useJsonForm<{ id: string }>(
    isEditing ? `/api/prompts/${encodeURIComponent(promptId)}` : '/api/prompts',
  );
  const [kind, setKind] = useState<TPromptKind>(initial.kind);
  const [phases, setPhases] = useState<TPhaseRow[]>(() => toPhaseRows(initial.phasePlan));

  function onKindChange(value: string) {
    const next = ZPromptKind.safeParse(value);
    if (!next.success) return;
    // An untouched plan follows the kind; one the author edited is theirs to keep.
    if (isSamePlan(phases, DEFAULT_PHASE_PLANS[kind])) setPhases(toPhaseRows(DEFAULT_PHASE_PLANS[next.data]));
    setKind(next.data);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    // The fixed topics ticked, then the author's own, comma-separated (the server checks each).
    const ownTopics = String(form.get('ownTopics') ?? '')
      .split(',')
      .map((topic) => topic.trim())
      .filter((topic) => topic !== '');
    const topics = [...form.getAll('topics').map(String), ...ownTopics];
    const phasePlan = toPhasePlan(phases);
    const result = await submit({
      kind,
      title: String(form.get('title') ?? ''),
      statement: String(form.get('statement') ?? ''),
      topics,
      difficulty: Number(form.get('difficulty')),
      // The prompt's length is its plan's total, never typed separately.
      minutes: phasePlanMinutes(phasePlan),
      phasePlan,
      guide: {
        keyPoints: lines(form.get('keyPoints')),
        followUps: lines(form.get('followUps')),
        hints: lines(form.get('hints')),
        l4Answer: String(form.get('l4Answer') ?? ''),
        l5Answer: String(form.get('l5Answer') ?? ''),
      },
      // A design exercise lists the topics it draws on; the form uses its topic tags for that.
      ...(kind === 'design' ? { relatedTopics: topics } : {}),
    });
    if (result?.ok) {
      router.push(`/prompts/${result.data.id}`);
      router.refresh();
    }
  }

  const hasFieldErrors = Object.keys(fields).some((key) => key !== '_');
  const topicsError = errorFor(fields, 'topics') ?? errorFor(fields, 'relatedTopics');

  return (
    // method="post": submitted before the scripts have run, what was typed goes in a body (the page
    // is shown again), never into the URL, the history or a server log.
    <form
      method="post"
      className={`card stack ${styles.form}`}
      onSubmit={onSubmit}
      aria-label={isEditing ? 'Edit prompt' : 'New prompt'}
      noValidate
    >
      <FormAlert message={error && hasFieldErrors ? 'Some fields need attention; they are marked below.' : error} />

      <div className={styles.twoColumns}>
        <Field id="prompt-kind" label="Kind" error={fields.kind}>
          {(aria) => (
            <select {...aria} name="kind" value={kind} onChange={(event) => onKindChange(event.target.value)}>
              {PROMPT_KINDS.map((value) => (
                <option key={value} value={value}>
                  {KIND_LABELS[value]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="prompt-difficulty" label="Difficulty" error={fields.difficulty}>
          {(aria) => (
            <select {...aria} name="difficulty" defaultValue={String(initial.difficulty)}>
              {DIFFICULTIES.map((value) => (
                <option key={value} value={value}>
                  {describeDifficulty(value)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>

      <Field id="prompt-title" label="Title" error={fields.title}>
        {(aria) => <input {...aria} name="title" defaultValue={initial.title} maxLength={INPUT_LIMITS.title} />}
      </Field>

      <Field id="prompt-statement" label="Statement" hint="What the candidate reads. Keep the answers for the guide below." error={fields.statement}>
        {(aria) => <textarea {...aria} name="statement" rows={5} defaultValue={initial.statement} maxLength={INPUT_LIMITS.statement} />}
      </Field>

      <fieldset
        className={styles.fieldset}
        aria-describedby={topicsError ? 'topics-hint topics-error' : 'topics-hint'}
        aria-invalid={topicsError ? true : undefined}
      >
        <legend className={styles.legend}>Topics</legend>
        <span className="hint" id="topics-hint">
          Choose {PROMPT_INPUT_COUNTS.topics.min} to {PROMPT_INPUT_COUNTS.topics.max}, from the list or your own
          {kind === 'design' ? ': the topics this exercise draws on.' : '.'}
        </span>
        <div className={styles.topicGrid}>
          {TOPICS.map((topic) => (
            <label key={topic.id} className={styles.check}>
              <input type="checkbox" name="topics" value={topic.id} defaultChecked={initial.topics.includes(topic.id)} />
              {topic.label}
            </label>
          ))}
        </div>
        <label className={styles.ownTopics}>
          Topics of your own <span className="hint">optional, separated by commas, e.g. Kafka, Consistent hashing</span>
          <input
            name="ownTopics"
            defaultValue={initial.topics.filter((topic) => !topicLabel(topic)).join(', ')}
            maxLength={INPUT_LIMITS.topics * (MAX_OWN_TOPIC_LENGTH + 2)}
            aria-describedby="topics-hint"
          />
        </label>
        {topicsError ? (
          <span className="field-error" id="topics-error">
            {topicsError}
          </span>
        ) : null}
      </fieldset>

      <PhasePlanEditor
        rows={phases}
        onChange={setPhases}
        onReset={() => setPhases(toPhaseRows(DEFAULT_PHASE_PLANS[kind]))}
        fields={fields}
      />
      {fields.minutes ? <span className="field-error">{fields.minutes}</span> : null}

      <h2 style={{ margin: '0.5rem 0 0' }}>Interviewer guide</h2>
      {LIST_FIELDS.map(({ name, label, help }) => {
        const count = PROMPT_INPUT_COUNTS[name];
        return (
          <Field
            key={name}
            id={`prompt-${name}`}
            label={label}
            hint={`${help} One per line: at least ${count.min}, at most ${count.max}.`}
            error={errorFor(fields, `guide.${name}`)}
          >
            {(aria) => <textarea {...aria} name={name} rows={Math.max(count.min, 4)} defaultValue={initial[name].join('\n')} />}
          </Field>
        );
      })}

      <div className={styles.twoColumns}>
        <Field id="prompt-l4Answer" label="L4 answer" hint="What an answer that meets the mid-level bar looks like." error={fields['guide.l4Answer']}>
          {(aria) => <textarea {...aria} name="l4Answer" rows={6} defaultValue={initial.l4Answer} maxLength={INPUT_LIMITS.answer} />}
        </Field>
        <Field id="prompt-l5Answer" label="L5 answer" hint="What an answer that meets the senior bar looks like." error={fields['guide.l5Answer']}>
          {(aria) => <textarea {...aria} name="l5Answer" rows={6} defaultValue={initial.l5Answer} maxLength={INPUT_LIMITS.answer} />}
        </Field>
      </div>

      <div className="row">
        <button className="button primary" type="submit" disabled={isPending}>
          {isPending ? 'Saving…' : isEditing ? 'Save changes' : 'Create prompt'}
        </button>
      </div>
    </form>
  );
}

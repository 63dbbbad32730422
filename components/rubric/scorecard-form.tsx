'use client';

import { useId, useState, type FormEvent } from 'react';
import { RUBRIC_DIMENSIONS, type TTargetLevel } from '@/lib/domain/rubric';
import type { TScorecardView } from '@/lib/protocol/review';
import { useJsonForm } from '@/components/ui/use-json-form';
import { DimensionField, ScoreMeanings, scoreRadioId } from './dimension-field';
import { useScorecardDraft } from './use-scorecard-draft';
import { VerdictFields } from './verdict-fields';
import styles from './rubric.module.css';

type Props = {
  interviewId: string;
  targetLevel: TTargetLevel;
  /** The version a correction starts from; absent for the first scorecard. */
  base?: TScorecardView;
  /** Why submitting is not possible yet (for example before the interview starts), or null. */
  blockedReason: string | null;
  onSubmitted: (version: number) => void;
  onCancel?: () => void;
  /** Where the scorecard goes instead of the interview's scorecards route (a calibration attempt). */
  endpoint?: string;
};

/**
 * The interviewer's scoring form: a 1-4 score and a comment per dimension beside its L4 / L5
 * anchors (DimensionField), the rule's live suggestion with overridable level and recommendation
 * (VerdictFields), a summary. The draft (useScorecardDraft) stays in the browser until Submit.
 */
export function ScorecardForm({ interviewId, targetLevel, base, blockedReason, onSubmitted, onCancel, endpoint }: Props) {
  const uid = useId();
  const draft = useScorecardDraft(targetLevel, base);
  const { submit, error: serverError, isPending } = useJsonForm<{ version: number }>(
    endpoint ?? `/api/interviews/${encodeURIComponent(interviewId)}/scorecards`,
  );
  const [clientError, setClientError] = useState<string | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (blockedReason) return;
    const checked = draft.check();
    if (!checked.ok) {
      setClientError(checked.message);
      if (checked.firstMissing) document.getElementById(scoreRadioId(uid, checked.firstMissing, 1))?.focus();
      return;
    }
    setClientError(null);
    const result = await submit(checked.input);
    if (result.ok) onSubmitted(result.data.version);
  }

  const error = clientError ?? serverError;
  return (
    // method="post": before the scripts have run, never the comments in a URL (prompt-form.tsx).
    <form method="post" className={styles.form} onSubmit={onSubmit} aria-label={base ? 'Scorecard correction' : 'Scorecard'} noValidate>
      {base ? (
        <p className="alert info">
          Correcting version {base.version}. Submitting stores a new version; version {base.version} is kept unchanged.
        </p>
      ) : null}
      <ScoreMeanings targetLevel={targetLevel} />

      {RUBRIC_DIMENSIONS.map((dimension) => (
        <DimensionField
          key={dimension.id}
          uid={uid}
          dimension={dimension}
          targetLevel={targetLevel}
          score={draft.scores[dimension.id]}
          comment={draft.comments[dimension.id] ?? ''}
          isMissing={draft.isMissing(dimension.id)}
          onScore={(score) => draft.setScore(dimension.id, score)}
          onComment={(comment) => draft.setComment(dimension.id, comment)}
        />
      ))}

      <VerdictFields uid={uid} draft={draft} />

      <div className={styles.field}>
        <label htmlFor={`${uid}-summary`}>Summary</label>
        <textarea id={`${uid}-summary`} rows={5} maxLength={5000} value={draft.summary} onChange={(event) => draft.setSummary(event.target.value)} />
      </div>

      {error ? (
        <p className="alert error" role="alert">
          {error}
        </p>
      ) : null}
      {blockedReason ? <p className="alert info">{blockedReason}</p> : null}
      <div className={styles.actions}>
        <button type="submit" className="button primary" disabled={isPending || blockedReason !== null}>
          {isPending ? 'Submitting…' : base ? 'Submit correction' : 'Submit scorecard'}
        </button>
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel}>
            Cancel correction
          </button>
        ) : null}
        <span className="hint">Submitting is final: a later correction becomes a new version and keeps this one.</span>
      </div>
    </form>
  );
}

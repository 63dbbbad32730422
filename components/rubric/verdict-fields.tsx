'use client';

import {
  LEVEL_ESTIMATE_LABELS,
  LEVEL_ESTIMATES,
  RECOMMENDATION_LABELS,
  RECOMMENDATIONS,
} from '@/lib/domain/rubric';
import { RULE_LINES } from '@/lib/domain/rubric-explain';
import type { TScorecardDraft } from './use-scorecard-draft';
import styles from './rubric.module.css';

/** `raw` as one of `options` (a select's value always is one; anything else is a bug). */
function oneOf<T extends string>(options: readonly T[], raw: string): T {
  const found = options.find((option) => option === raw);
  if (found === undefined) throw new RangeError(`"${raw}" is not one of ${options.join(', ')}`);
  return found;
}

/** One of the verdict's choices: its values, their labels, and how the suggestion reads in a sentence. */
type TChoice<T extends string> = {
  label: string;
  options: readonly T[];
  labels: Record<T, string>;
  parse: (raw: string) => T;
  /** How the suggestion reads inside "the rule suggests …". */
  suggestionText: (value: T) => string;
};

const LEVEL_CHOICE: TChoice<(typeof LEVEL_ESTIMATES)[number]> = {
  label: 'Level estimate',
  options: LEVEL_ESTIMATES,
  labels: LEVEL_ESTIMATE_LABELS,
  parse: (raw) => oneOf(LEVEL_ESTIMATES, raw),
  suggestionText: (value) => LEVEL_ESTIMATE_LABELS[value],
};

const RECOMMENDATION_CHOICE: TChoice<(typeof RECOMMENDATIONS)[number]> = {
  label: 'Recommendation',
  options: RECOMMENDATIONS,
  labels: RECOMMENDATION_LABELS,
  parse: (raw) => oneOf(RECOMMENDATIONS, raw),
  suggestionText: (value) => RECOMMENDATION_LABELS[value].toLowerCase(),
};

type TOverridableSelectProps<T extends string> = {
  id: string;
  choice: TChoice<T>;
  value: T | null;
  suggested: T | null;
  onChoose: (value: T | null) => void;
};

/** A choice that follows the rule's suggestion until the interviewer picks another value. */
function OverridableSelect<T extends string>({ id, choice, value, suggested, onChoose }: TOverridableSelectProps<T>) {
  const { label, options, labels, parse, suggestionText } = choice;
  const isOverridden = suggested !== null && value !== null && value !== suggested;
  const noteId = `${id}-override`;
  return (
    <div className={styles.field}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} aria-describedby={isOverridden ? noteId : undefined} onChange={(event) => onChoose(parse(event.target.value))}>
        {value === null ? (
          <option value="" disabled>
            Choose…
          </option>
        ) : null}
        {options.map((option) => (
          <option key={option} value={option}>
            {labels[option]}
            {option === suggested ? ' (suggested)' : ''}
          </option>
        ))}
      </select>
      {isOverridden ? (
        <p id={noteId} className={styles.override}>
          Overridden: the rule suggests {suggestionText(suggested)}.{' '}
          <button type="button" className="button link" onClick={() => onChoose(null)}>
            Use the suggestion
          </button>
        </p>
      ) : null}
    </div>
  );
}

/** The rule's live suggestion with its reason, and the level and recommendation the interviewer may override. */
export function VerdictFields({ uid, draft }: { uid: string; draft: TScorecardDraft }) {
  const { suggestion } = draft;
  return (
    <section className={styles.suggestion} aria-labelledby={`${uid}-verdict`}>
      <h3 id={`${uid}-verdict`}>Your verdict</h3>
      <p aria-live="polite" data-testid="scorecard-suggestion">
        {suggestion ? suggestion.why : `Score all six dimensions to see the suggestion (${draft.scoredCount} of 6 scored).`}
      </p>
      <details className={styles.details}>
        <summary>How the suggestion works</summary>
        <ul>
          {RULE_LINES.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </details>
      <div className={styles.verdictFields}>
        <OverridableSelect id={`${uid}-level`} choice={LEVEL_CHOICE} value={draft.levelEstimate} suggested={suggestion?.levelEstimate ?? null} onChoose={draft.chooseLevel} />
        <OverridableSelect
          id={`${uid}-recommendation`}
          choice={RECOMMENDATION_CHOICE}
          value={draft.recommendation}
          suggested={suggestion?.recommendation ?? null}
          onChoose={draft.chooseRecommendation}
        />
      </div>
    </section>
  );
}

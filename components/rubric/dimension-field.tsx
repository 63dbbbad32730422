'use client';

import { SCORE_MEANINGS, SCORE_VALUES, type RUBRIC_DIMENSIONS, type TTargetLevel } from '@/lib/domain/rubric';
import styles from './rubric.module.css';

type Props = {
  uid: string;
  dimension: (typeof RUBRIC_DIMENSIONS)[number];
  targetLevel: TTargetLevel;
  score: number | undefined;
  comment: string;
  isMissing: boolean;
  onScore: (score: number) => void;
  onComment: (comment: string) => void;
};

/** The id of a dimension's score radio, so the form can move the focus to a missing one. */
export const scoreRadioId = (uid: string, dimensionId: string, score: number) => `${uid}-${dimensionId}-${score}`;

/** One rubric dimension: the 1-4 score, a comment, and its L4 / L5 anchors beside them. */
export function DimensionField({ uid, dimension, targetLevel, score, comment, isMissing, onScore, onComment }: Props) {
  const descriptionId = `${uid}-${dimension.id}-description`;
  return (
    <fieldset className={styles.dimension} aria-describedby={descriptionId} data-missing={isMissing} data-dimension={dimension.id}>
      <legend>{dimension.label}</legend>
      <p id={descriptionId} className="hint" style={{ margin: 0 }}>
        {dimension.description}
      </p>
      <div className={styles.dimensionGrid}>
        <div>
          <div className={styles.scores}>
            {SCORE_VALUES.map((value) => (
              <label key={value} className={styles.scoreOption} title={SCORE_MEANINGS[value].description}>
                <input
                  type="radio"
                  id={scoreRadioId(uid, dimension.id, value)}
                  name={`${uid}-score-${dimension.id}`}
                  value={value}
                  checked={score === value}
                  onChange={() => onScore(value)}
                />
                <span className={styles.scoreNumber}>{value}</span>
                <span>{SCORE_MEANINGS[value].label}</span>
              </label>
            ))}
          </div>
          {isMissing ? <p className="field-error">Give this dimension a score.</p> : null}
          {/* Labels point at their controls instead of wrapping them, so a control's value never becomes part of its name. */}
          <div className={styles.field}>
            <label htmlFor={`${uid}-${dimension.id}-comment`}>
              <span>
                Comment <span className="sr-only">on {dimension.label}</span>
              </span>
            </label>
            <textarea
              id={`${uid}-${dimension.id}-comment`}
              rows={3}
              maxLength={2000}
              value={comment}
              onChange={(event) => onComment(event.target.value)}
            />
          </div>
        </div>
        <div className={styles.anchors}>
          {(['L4', 'L5'] as const).map((level) => (
            <div key={level} className={styles.anchor} data-target={level === targetLevel} data-testid={`anchor-${level}`}>
              <h4>
                {level} anchor{level === targetLevel ? ' · target level' : ''}
              </h4>
              <p>{level === 'L4' ? dimension.l4Anchor : dimension.l5Anchor}</p>
            </div>
          ))}
        </div>
      </div>
    </fieldset>
  );
}

/** What each score means, above the dimensions. */
export function ScoreMeanings({ targetLevel }: { targetLevel: TTargetLevel }) {
  return (
    <section aria-label="Score meanings">
      <p className="hint" style={{ margin: '0 0 0.4rem' }}>
        Score each dimension against the <strong>{targetLevel}</strong> anchor (the target level of this interview).
      </p>
      <dl className={styles.meanings}>
        {SCORE_VALUES.map((value) => (
          <div key={value} style={{ display: 'contents' }}>
            <dt>
              {value} · {SCORE_MEANINGS[value].label}
            </dt>
            <dd>{SCORE_MEANINGS[value].description}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

'use client';

import { MAX_INTERVIEW_MINUTES, MIN_INTERVIEW_MINUTES } from '@/lib/domain/interview';
import { withPhaseIds } from '@/lib/domain/phase-plan';
import type { TPhase, TPhasePlan } from '@/lib/domain/prompt';

/** ZPhasePlan's bounds. */
const MAX_PHASES = 10;
const MAX_PHASE_MINUTES = 120;

/** One editable row; minutes stay text while typing so a field can be cleared and retyped. */
export type TPhaseRow = { key: number; name: string; minutes: string };

let nextKey = 0;
const rowKey = () => (nextKey += 1);

export function toPhaseRows(plan: readonly TPhase[]): TPhaseRow[] {
  return plan.map((phase) => ({ key: rowKey(), name: phase.name, minutes: String(phase.minutes) }));
}

/** The plan to submit; invalid rows are sent as they are and the server names the field. */
export function toPhasePlan(rows: readonly TPhaseRow[]): TPhasePlan {
  return withPhaseIds(rows.map((row) => ({ name: row.name.trim(), minutes: row.minutes.trim() === '' ? 0 : Number(row.minutes) })));
}

function totalMinutes(rows: readonly TPhaseRow[]): number {
  return rows.reduce((sum, row) => {
    const minutes = Number(row.minutes);
    return Number.isInteger(minutes) && minutes > 0 ? sum + minutes : sum;
  }, 0);
}

type Props = {
  rows: TPhaseRow[];
  onChange: (rows: TPhaseRow[]) => void;
  /** Resets the rows to the chosen prompt's plan. */
  onReset: () => void;
  /** Field errors from the server, keyed like "phasePlan.2.minutes". */
  fields: Record<string, string>;
};

/** The interview's phases (name + minutes); their total is the interview's length. */
export function PhasePlanEditor({ rows, onChange, onReset, fields }: Props) {
  const total = totalMinutes(rows);
  const isTotalOk = total >= MIN_INTERVIEW_MINUTES && total <= MAX_INTERVIEW_MINUTES;
  const update = (key: number, change: Partial<TPhaseRow>) => onChange(rows.map((row) => (row.key === key ? { ...row, ...change } : row)));

  return (
    <fieldset className="stack" style={{ border: 0, padding: 0, margin: 0, gap: '0.5rem' }} aria-describedby="phase-plan-total">
      <legend style={{ fontWeight: 500, fontSize: '0.92rem', marginBottom: '0.3rem' }}>Phases</legend>
      <ol className="stack" style={{ listStyle: 'none', padding: 0, margin: 0, gap: '0.4rem' }} data-testid="phase-plan">
        {rows.map((row, i) => {
          const nameError = fields[`phasePlan.${i}.name`];
          const minutesError = fields[`phasePlan.${i}.minutes`];
          return (
            <li key={row.key} className="row" style={{ flexWrap: 'nowrap' }}>
              <span className="hint" style={{ width: '1.5rem', textAlign: 'right' }} aria-hidden="true">
                {i + 1}.
              </span>
              <input
                aria-label={`Phase ${i + 1} name`}
                value={row.name}
                maxLength={60}
                aria-invalid={nameError ? true : undefined}
                style={{ flex: 1, minWidth: 0 }}
                onChange={(event) => update(row.key, { name: event.target.value })}
              />
              <input
                aria-label={`Phase ${i + 1} minutes`}
                type="number"
                inputMode="numeric"
                min={1}
                max={MAX_PHASE_MINUTES}
                step={1}
                value={row.minutes}
                aria-invalid={minutesError ? true : undefined}
                style={{ width: '5.5rem' }}
                onChange={(event) => update(row.key, { minutes: event.target.value })}
              />
              <span className="hint">min</span>
              <button
                type="button"
                className="button"
                aria-label={`Remove phase ${i + 1}`}
                disabled={rows.length <= 1}
                onClick={() => onChange(rows.filter((other) => other.key !== row.key))}
              >
                Remove
              </button>
              {nameError || minutesError ? <span className="field-error">{nameError ?? minutesError}</span> : null}
            </li>
          );
        })}
      </ol>
      <div className="row">
        <button
          type="button"
          className="button"
          disabled={rows.length >= MAX_PHASES}
          onClick={() => onChange([...rows, { key: rowKey(), name: '', minutes: '5' }])}
        >
          Add phase
        </button>
        <button type="button" className="button link" onClick={onReset}>
          Use the suggested phases
        </button>
        <span id="phase-plan-total" className={isTotalOk ? 'hint' : 'field-error'} data-testid="phase-plan-total" aria-live="polite">
          Total: {total} minutes
          {isTotalOk ? '' : ` (between ${MIN_INTERVIEW_MINUTES} and ${MAX_INTERVIEW_MINUTES})`}
        </span>
      </div>
      {fields.phasePlan ? <span className="field-error">{fields.phasePlan}</span> : null}
    </fieldset>
  );
}

/**
 * Phase plans as an interviewer edits them when creating an interview. Pure: no I/O.
 *
 * The plan is what the interview runs on (lib/domain/phase-timer.ts); its total is the
 * interview's duration, so there is no separate duration to keep in step with it.
 */
import { phasePlanMinutes, type TPhase, type TPhasePlan } from './prompt';

/** ZPhase's bounds on one phase. */
const MIN_PHASE_MINUTES = 1;
const MAX_PHASE_MINUTES = 120;

/** ZPhase's id rule is kebab-case of at most 40 characters. */
const MAX_ID_LENGTH = 40;

/**
 * `plan` stretched or shrunk to `totalMinutes` in whole minutes, keeping the proportions (largest
 * remainder first), or null when no valid plan has that total (e.g. 180 minutes in one phase).
 * Lets an API caller that only knows a duration still get the prompt's phases.
 */
export function scalePhasePlan(plan: readonly TPhase[], totalMinutes: number): TPhasePlan | null {
  const current = phasePlanMinutes(plan);
  if (current === totalMinutes) return plan.map((phase) => ({ ...phase }));
  const isFeasible =
    Number.isInteger(totalMinutes) &&
    current > 0 &&
    totalMinutes >= plan.length * MIN_PHASE_MINUTES &&
    totalMinutes <= plan.length * MAX_PHASE_MINUTES;
  if (!isFeasible) return null;

  const exact = plan.map((phase) => (phase.minutes * totalMinutes) / current);
  const minutes = exact.map((x) => Math.min(MAX_PHASE_MINUTES, Math.max(MIN_PHASE_MINUTES, Math.floor(x))));
  const fraction = (i: number) => (exact[i] ?? 0) - Math.floor(exact[i] ?? 0);
  const byRemainder = plan.map((_, i) => i).sort((a, b) => fraction(b) - fraction(a) || a - b);
  const byLength = plan.map((_, i) => i).sort((a, b) => (minutes[b] ?? 0) - (minutes[a] ?? 0) || a - b);

  let left = totalMinutes - minutes.reduce((sum, m) => sum + m, 0);
  // Feasibility above guarantees each pass moves at least one minute, so this ends.
  while (left !== 0) {
    for (const i of left > 0 ? byRemainder : byLength) {
      if (left === 0) break;
      const value = minutes[i] ?? 0;
      if (left > 0 && value < MAX_PHASE_MINUTES) {
        minutes[i] = value + 1;
        left -= 1;
      } else if (left < 0 && value > MIN_PHASE_MINUTES) {
        minutes[i] = value - 1;
        left += 1;
      }
    }
  }
  return plan.map((phase, i) => ({ ...phase, minutes: minutes[i] ?? phase.minutes }));
}

/** Lower-case kebab case of `name`, cut to the id length limit: "High-level design" → "high-level-design". */
export function slugifyPhaseName(name: string): string {
  return name
    .normalize('NFKD')
    // Drop the accents NFKD split off, so "Été" reads "ete" rather than "e-te".
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_ID_LENGTH)
    .replace(/^-+|-+$/g, '');
}

/**
 * Phase ids for rows the interviewer typed (name + minutes): derived from the names, so the
 * default phases keep their usual ids, and made unique with a numeric suffix.
 */
export function withPhaseIds(rows: ReadonlyArray<{ name: string; minutes: number }>): TPhasePlan {
  const taken = new Set<string>();
  return rows.map((row, i) => {
    const base = slugifyPhaseName(row.name) || `phase-${i + 1}`;
    let id = base;
    for (let n = 2; taken.has(id); n += 1) {
      const suffix = `-${n}`;
      id = `${base.slice(0, MAX_ID_LENGTH - suffix.length).replace(/-+$/, '')}${suffix}`;
    }
    taken.add(id);
    return { id, name: row.name, minutes: row.minutes };
  });
}

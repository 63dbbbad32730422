import { describe, expect, it } from 'vitest';
import { ZCreateInterviewInput } from '@/lib/domain/interview';
import { scalePhasePlan, slugifyPhaseName, withPhaseIds } from '@/lib/domain/phase-plan';
import { DEFAULT_PHASE_PLANS, phasePlanMinutes } from '@/lib/domain/prompt';
import { ZPhasePlan } from '@/lib/domain/prompt-schema';

const DESIGN = DEFAULT_PHASE_PLANS.design;

describe('scalePhasePlan', () => {
  it('returns a copy when the total already matches', () => {
    const plan = scalePhasePlan(DESIGN, 45);
    expect(plan).toEqual(DESIGN);
    expect(plan).not.toBe(DESIGN);
  });

  it('keeps the proportions in whole minutes and hits the total exactly', () => {
    expect(scalePhasePlan(DESIGN, 30)?.map((p) => p.minutes)).toEqual([4, 3, 10, 10, 3]);
    expect(scalePhasePlan(DESIGN, 90)?.map((p) => p.minutes)).toEqual([10, 10, 30, 30, 10]);
    for (let total = 10; total <= 180; total += 1) {
      const plan = scalePhasePlan(DESIGN, total);
      expect(plan && phasePlanMinutes(plan)).toBe(total);
      expect(ZPhasePlan.safeParse(plan).success).toBe(true);
      expect(plan?.map((p) => p.id)).toEqual(DESIGN.map((p) => p.id));
    }
  });

  it('gives every phase at least a minute, and refuses totals no valid plan has', () => {
    const lopsided = [
      { id: 'a', name: 'A', minutes: 1 },
      { id: 'b', name: 'B', minutes: 100 },
    ];
    expect(scalePhasePlan(lopsided, 10)?.map((p) => p.minutes)).toEqual([1, 9]);
    expect(scalePhasePlan([{ id: 'only', name: 'Only', minutes: 45 }], 180)).toBeNull();
    expect(scalePhasePlan(DESIGN, 4)).toBeNull();
  });
});

describe('phase ids from typed names', () => {
  it('slugifies names into kebab case', () => {
    expect(slugifyPhaseName('High-level design')).toBe('high-level-design');
    expect(slugifyPhaseName('  Q&A / wrap up!  ')).toBe('q-a-wrap-up');
    expect(slugifyPhaseName('Été')).toBe('ete');
    expect(slugifyPhaseName('日本語')).toBe('');
  });

  it('keeps the default ids, falls back to the position and makes duplicates unique', () => {
    const plan = withPhaseIds([
      { name: 'Requirements', minutes: 5 },
      { name: 'Deep dive', minutes: 10 },
      { name: 'Deep dive', minutes: 10 },
      { name: '日本語', minutes: 5 },
      { name: 'x'.repeat(60), minutes: 5 },
      { name: 'x'.repeat(60), minutes: 5 },
    ]);
    expect(plan.map((p) => p.id)).toEqual(['requirements', 'deep-dive', 'deep-dive-2', 'phase-4', 'x'.repeat(40), `${'x'.repeat(38)}-2`]);
    expect(ZPhasePlan.safeParse(plan).success).toBe(true);
  });
});

describe('ZCreateInterviewInput', () => {
  const base = { promptId: 'p1', level: 'L4' };

  it('takes a phase plan whose total is between 10 and 180 minutes, or a duration, or neither', () => {
    expect(ZCreateInterviewInput.safeParse({ ...base, phasePlan: DESIGN }).success).toBe(true);
    expect(ZCreateInterviewInput.safeParse({ ...base, durationMinutes: 30 }).success).toBe(true);
    expect(ZCreateInterviewInput.safeParse(base).success).toBe(true);
    const tooShort = ZCreateInterviewInput.safeParse({ ...base, phasePlan: [{ id: 'a', name: 'A', minutes: 5 }] });
    expect(tooShort.success).toBe(false);
    expect(tooShort.error?.issues[0]).toMatchObject({ path: ['phasePlan'], message: expect.stringContaining('add up to 5 minutes') });
    const duplicate = ZCreateInterviewInput.safeParse({ ...base, phasePlan: [DESIGN[0], DESIGN[0], DESIGN[2]] });
    expect(duplicate.success).toBe(false);
  });
});

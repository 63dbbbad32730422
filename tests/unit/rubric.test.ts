import { describe, expect, it } from 'vitest';

import {
  classifyScores,
  DIMENSION_IDS,
  RUBRIC_DIMENSIONS,
  SCORE_MEANINGS,
  scoresOf,
  suggestLevel,
  suggestRecommendation,
  type TDimensionId,
  type TScores,
} from '@/lib/domain/rubric';
import { ZScorecardInput } from '@/lib/domain/rubric-schema';

function all(score: number): TScores {
  return Object.fromEntries(DIMENSION_IDS.map((id) => [id, score])) as Record<TDimensionId, number>;
}

function withScores(base: number, overrides: Partial<Record<TDimensionId, number>>): TScores {
  return { ...all(base), ...overrides };
}

describe('rubric definition', () => {
  it('has the six dimensions, each with a description and L4 / L5 anchors', () => {
    expect(DIMENSION_IDS).toEqual([
      'requirements',
      'estimation',
      'high-level-design',
      'deep-dive',
      'scalability-reliability',
      'communication',
    ]);
    for (const d of RUBRIC_DIMENSIONS) {
      expect(d.label.length).toBeGreaterThan(0);
      expect(d.description.length).toBeGreaterThan(0);
      expect(d.l4Anchor.length).toBeGreaterThan(0);
      expect(d.l5Anchor).not.toBe(d.l4Anchor);
    }
  });

  it('defines the meaning of every score from 1 to 4', () => {
    expect(Object.keys(SCORE_MEANINGS)).toEqual(['1', '2', '3', '4']);
  });
});

describe('suggestLevel / suggestRecommendation', () => {
  it('all 4s: one level above the target, strong yes', () => {
    expect(suggestLevel(all(4), 'L5')).toBe('above_L5');
    expect(suggestLevel(all(4), 'L4')).toBe('L5');
    expect(suggestRecommendation(all(4), 'L5')).toBe('strong_yes');
    expect(suggestRecommendation(all(4), 'L4')).toBe('strong_yes');
  });

  it('all 3s: at the target level, yes', () => {
    expect(suggestLevel(all(3), 'L5')).toBe('L5');
    expect(suggestLevel(all(3), 'L4')).toBe('L4');
    expect(suggestRecommendation(all(3), 'L5')).toBe('yes');
    expect(suggestRecommendation(all(3), 'L4')).toBe('yes');
  });

  it('all 2s: one level below the target, no', () => {
    expect(suggestLevel(all(2), 'L5')).toBe('L4');
    expect(suggestLevel(all(2), 'L4')).toBe('below_L4');
    expect(suggestRecommendation(all(2), 'L5')).toBe('no');
    expect(suggestRecommendation(all(2), 'L4')).toBe('no');
  });

  it('all 1s: below L4, strong no', () => {
    for (const target of ['L4', 'L5'] as const) {
      expect(suggestLevel(all(1), target)).toBe('below_L4');
      expect(suggestRecommendation(all(1), target)).toBe('strong_no');
    }
  });

  it('at L5, weak leadership or deep dive blocks the bar even with a high mean', () => {
    const scores = withScores(4, { communication: 2 });
    expect(classifyScores(scores, 'L5').mean).toBeGreaterThan(3.5);
    expect(suggestLevel(scores, 'L5')).toBe('L4');
    expect(suggestRecommendation(scores, 'L5')).toBe('no');
    // The same performance meets the L4 bar, where the L4 anchors already expect guidance.
    expect(suggestLevel(scores, 'L4')).toBe('L4');
    expect(suggestRecommendation(scores, 'L4')).toBe('yes');
    expect(suggestLevel(withScores(3, { 'deep-dive': 2 }), 'L5')).toBe('L4');
  });

  it('above the target needs both leadership dimensions at 4', () => {
    const scores = withScores(4, { 'deep-dive': 3 });
    expect(suggestLevel(scores, 'L5')).toBe('L5');
    expect(suggestRecommendation(scores, 'L5')).toBe('yes');
  });

  it('a single 1 keeps the candidate below the target', () => {
    const scores = withScores(3, { estimation: 1 });
    expect(suggestLevel(scores, 'L5')).toBe('L4');
    expect(suggestLevel(scores, 'L4')).toBe('below_L4');
    expect(suggestRecommendation(scores, 'L4')).toBe('no');
  });

  it('a mean under 2 is a strong no', () => {
    const scores = withScores(2, { estimation: 1, 'deep-dive': 1 });
    expect(suggestRecommendation(scores, 'L4')).toBe('strong_no');
    expect(suggestLevel(scores, 'L5')).toBe('below_L4');
  });

  it('rejects missing or out-of-range scores', () => {
    const { communication: _omit, ...missing } = all(3);
    expect(() => suggestLevel(missing as TScores, 'L4')).toThrow(RangeError);
    expect(() => suggestLevel(withScores(3, { estimation: 5 }), 'L4')).toThrow(RangeError);
    expect(() => suggestRecommendation(withScores(3, { estimation: 2.5 }), 'L4')).toThrow(RangeError);
  });
});

describe('ZScorecardInput', () => {
  const valid = () => ({
    scores: Object.fromEntries(DIMENSION_IDS.map((id) => [id, { score: 3, comment: 'solid' }])),
    recommendation: 'yes',
    levelEstimate: 'L5',
    summary: 'Led the interview well.',
  });

  it('accepts a complete scorecard and yields the bare scores', () => {
    const parsed = ZScorecardInput.parse(valid());
    expect(scoresOf(parsed)).toEqual(all(3));
  });

  it('requires every dimension and rejects unknown ones', () => {
    const input = valid();
    delete (input.scores as Record<string, unknown>)['estimation'];
    expect(ZScorecardInput.safeParse(input).success).toBe(false);
    const extra = valid();
    (extra.scores as Record<string, unknown>)['charisma'] = { score: 4, comment: '' };
    expect(ZScorecardInput.safeParse(extra).success).toBe(false);
  });

  it('bounds scores, comments, summary and enums', () => {
    const bad = (patch: (v: ReturnType<typeof valid>) => void) => {
      const v = valid();
      patch(v);
      return ZScorecardInput.safeParse(v).success;
    };
    expect(bad((v) => ((v.scores as Record<string, { score: number }>)['estimation']!.score = 5))).toBe(false);
    expect(bad((v) => ((v.scores as Record<string, { comment: string }>)['estimation']!.comment = 'x'.repeat(2001)))).toBe(false);
    expect(bad((v) => (v.summary = 'x'.repeat(5001)))).toBe(false);
    expect(bad((v) => (v.recommendation = 'maybe'))).toBe(false);
    expect(bad((v) => (v.levelEstimate = 'L6'))).toBe(false);
    expect(bad(() => undefined)).toBe(true);
  });
});

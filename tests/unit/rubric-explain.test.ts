import { describe, expect, it } from 'vitest';
import { DIMENSION_IDS, type TDimensionId, type TScores } from '@/lib/domain/rubric';
import { completeScores, explainSuggestion, formatMean } from '@/lib/domain/rubric-explain';

function all(score: number, overrides: Partial<Record<TDimensionId, number>> = {}): TScores {
  return { ...(Object.fromEntries(DIMENSION_IDS.map((id) => [id, score])) as Record<TDimensionId, number>), ...overrides };
}

describe('explainSuggestion', () => {
  it('agrees with the rule and names the band', () => {
    expect(explainSuggestion(all(4), 'L5')).toMatchObject({ levelEstimate: 'above_L5', recommendation: 'strong_yes' });
    expect(explainSuggestion(all(4), 'L5').why).toMatch(/^Above the L5 bar: mean 4 ≥ 3.5/);
    expect(explainSuggestion(all(3), 'L4').why).toMatch(/^Meets the L4 bar: mean 3 ≥ 2.75, no score of 1\. /);
    expect(explainSuggestion(all(3), 'L4').why).toMatch(/Suggested: L4, hire\.$/);
    expect(explainSuggestion(all(1), 'L5').why).toMatch(/^Well below the L5 bar: the mean 1 is under 2\./);
  });

  it('says which condition keeps an L5 candidate below the bar', () => {
    // Mean 3.33 would meet the bar, but communication is 2: at L5 that means one level down.
    const result = explainSuggestion(all(3, { requirements: 4, estimation: 4, 'high-level-design': 4, communication: 2 }), 'L5');
    expect(result).toMatchObject({ levelEstimate: 'L4', recommendation: 'no' });
    expect(result.why).toContain('deep dive and communication must both be 3 or more at L5');
    expect(result.why).not.toContain('is under 2.75');
  });
});

describe('helpers', () => {
  it('completeScores needs all six dimensions', () => {
    expect(completeScores({ requirements: 3 })).toBeNull();
    expect(completeScores(all(2))).toEqual(all(2));
  });

  it('formatMean rounds to two decimals', () => {
    expect(formatMean(17 / 6)).toBe('2.83');
    expect(formatMean(3)).toBe('3');
  });
});

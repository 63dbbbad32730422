import { describe, expect, it } from 'vitest';
import {
  describeDifficulty,
  LEVEL_DIFFICULTIES,
  levelsFor,
  MAX_QUERY_LENGTH,
  PROMPT_INPUT_COUNTS,
  promptFilterFromSearchParams,
  topicsMatching,
  ZPromptFilter,
} from '@/lib/domain/prompt-bank';
import { INPUT_LIMITS } from '@/lib/domain/prompt';

describe('levels and difficulty', () => {
  it('L4 takes difficulties 1-2, L5 2-3: an intermediate prompt suits both', () => {
    expect(LEVEL_DIFFICULTIES).toEqual({ L4: [1, 2], L5: [2, 3] });
    expect([1, 2, 3].map(levelsFor)).toEqual([['L4'], ['L4', 'L5'], ['L5']]);
    expect(describeDifficulty(2)).toBe('Intermediate (suits L4 and L5)');
    expect(describeDifficulty(7)).toBe('Difficulty 7');
  });
});

describe('filters', () => {
  it('treats the empty fields of a GET form as no filter and refuses unknown values', () => {
    expect(ZPromptFilter.parse({ q: '  ', topic: '', kind: '', level: '' })).toEqual({});
    expect(ZPromptFilter.parse({ q: ' locks ', topic: 'database-locks', kind: 'design', level: 'L5' })).toEqual({
      q: 'locks',
      topic: 'database-locks',
      kind: 'design',
      level: 'L5',
    });
    expect(ZPromptFilter.safeParse({ level: 'L6' }).success).toBe(false);
    expect(ZPromptFilter.safeParse({ q: 'x'.repeat(MAX_QUERY_LENGTH + 1) }).success).toBe(false);
  });

  it('reads a shared URL leniently: unknown values are dropped, repeated keys take the first, long text is cut', () => {
    expect(promptFilterFromSearchParams({ q: 'x'.repeat(300), topic: 'gone-topic', kind: ['concept', 'design'], level: 'L9' })).toEqual({
      q: 'x'.repeat(MAX_QUERY_LENGTH),
      topic: undefined,
      kind: 'concept',
      level: undefined,
    });
  });

  it('matches topic names as well as ids', () => {
    expect(topicsMatching('CACHING')).toEqual(['redis-caching']);
    expect(topicsMatching('tail latency')).toEqual(['tail-latency', 'tail-latency-amplification']);
    expect(topicsMatching('no such topic')).toEqual([]);
  });
});

it("states ZPromptInput's list counts for the form's hints", () => {
  expect(PROMPT_INPUT_COUNTS).toEqual({
    topics: { min: 1, max: INPUT_LIMITS.topics },
    keyPoints: { min: 5, max: INPUT_LIMITS.keyPoints },
    followUps: { min: 3, max: INPUT_LIMITS.followUps },
    hints: { min: 3, max: INPUT_LIMITS.hints },
  });
});

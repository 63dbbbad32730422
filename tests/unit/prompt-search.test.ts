import { describe, expect, it } from 'vitest';
import { pickRandomPrompt, searchPrompts, suitsLevel } from '@/lib/domain/prompt-search';

const prompt = (id: string, title: string, difficulty: number, topics: string[] = [], statement = '') => ({ id, title, difficulty, topics, statement });

const BANK = [
  prompt('solid', 'SOLID', 1, ['solid'], 'Explain the five principles.'),
  prompt('scaling', 'Scaling down', 2, ['scaling-down'], 'When do you shrink a fleet?'),
  prompt('rate', 'Design a distributed rate limiter', 3, ['api-design'], 'Limit each client across many servers.'),
  prompt('kv', 'Design a distributed key-value store', 3, ['lsm-tree'], 'Store terabytes; survive failures.'),
  prompt('cache', 'Redis as a cache', 2, ['redis-caching'], 'Where does a cache pay off, and what goes stale?'),
];

describe('searchPrompts', () => {
  it('finds "Design a distributed rate limiter" from "rate", ignoring case', () => {
    expect(searchPrompts(BANK, 'rate', 'L5').map((p) => p.id)).toEqual(['rate']);
    expect(searchPrompts(BANK, 'RATE LIM', 'L4').map((p) => p.id)).toEqual(['rate']);
  });

  it('searches topics (by their label) and the statement', () => {
    expect(searchPrompts(BANK, 'log-structured', 'L5').map((p) => p.id)).toEqual(['kv']);
    expect(searchPrompts(BANK, 'stale', 'L5').map((p) => p.id)).toEqual(['cache']);
  });

  it('sorts titles regardless of case: "Scaling down" before "SOLID"', () => {
    const titles = searchPrompts(BANK, '', 'L4').map((p) => p.title);
    expect(titles.indexOf('Scaling down')).toBeLessThan(titles.indexOf('SOLID'));
  });

  it('puts the prompts that suit the level first, title matches before statement matches, prompts already had last', () => {
    expect(searchPrompts(BANK, '', 'L5').map((p) => p.id)).toEqual(['kv', 'rate', 'cache', 'scaling', 'solid']);
    expect(searchPrompts(BANK, '', 'L4').map((p) => p.id)).toEqual(['cache', 'scaling', 'solid', 'kv', 'rate']);
    expect(searchPrompts(BANK, '', 'L5', new Set(['kv'])).map((p) => p.id)).toEqual(['rate', 'cache', 'scaling', 'kv', 'solid']);
    expect(searchPrompts(BANK, 'distributed', 'L5').map((p) => p.id)).toEqual(['kv', 'rate']);
  });
});

describe('pickRandomPrompt', () => {
  it('picks among the prompts that suit the level and the candidate has not had', () => {
    const had = new Set(['kv']);
    for (const r of [0, 0.5, 0.999]) expect(pickRandomPrompt(BANK, 'L5', had, () => r)?.id).toMatch(/^(rate|cache|scaling)$/);
    expect(pickRandomPrompt(BANK, 'L5', had, () => 0)?.id).toBe('scaling');
  });
  it('answers null when every suitable prompt was had', () => {
    expect(pickRandomPrompt(BANK, 'L4', new Set(['solid', 'scaling', 'cache']))).toBeNull();
  });
  it('knows which difficulties suit which level', () => {
    expect([1, 2, 3].map((d) => suitsLevel(d, 'L4'))).toEqual([true, true, false]);
    expect([1, 2, 3].map((d) => suitsLevel(d, 'L5'))).toEqual([false, true, true]);
  });
});

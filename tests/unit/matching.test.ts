import { describe, expect, it } from 'vitest';
import {
  assignRoles,
  estimateWaitSeconds,
  isCompatible,
  noShowPenaltyMs,
  pairKey,
  planMatches,
  ZEnterLobbyInput,
  type TLobbyEntry,
} from '@/lib/domain/matching';

let next = 0;
function entry(userId: string, overrides: Partial<TLobbyEntry> = {}): TLobbyEntry {
  next += 1;
  return { id: `e${next}`, userId, role: 'either', level: 'L4', topics: [], durationMinutes: 45, priorityAt: next * 1000, ...overrides };
}

const NONE = new Set<string>();
const pairsOf = (entries: TLobbyEntry[], blocked = NONE) =>
  planMatches(entries, blocked).map((p) => `${p.interviewer.userId}->${p.candidate.userId}`);

describe('roles', () => {
  it('pairs a candidate with an interviewer, and refuses two who insist on the same role', () => {
    const a = entry('a', { role: 'candidate' });
    const b = entry('b', { role: 'interviewer' });
    expect(assignRoles(a, b)).toEqual({ candidate: a, interviewer: b });
    expect(assignRoles(b, a)).toEqual({ candidate: a, interviewer: b });
    expect(assignRoles(a, entry('c', { role: 'candidate' }))).toBeNull();
    expect(assignRoles(b, entry('d', { role: 'interviewer' }))).toBeNull();
  });

  it('gives "either" the role the other does not want; two "either": the one who waited longer is the candidate', () => {
    const either = entry('a');
    expect(assignRoles(either, entry('b', { role: 'candidate' }))?.interviewer.userId).toBe('a');
    expect(assignRoles(either, entry('c', { role: 'interviewer' }))?.candidate.userId).toBe('a');
    const later = entry('d');
    expect(assignRoles(later, either)).toEqual({ candidate: either, interviewer: later });
  });
});

describe('peer swaps', () => {
  it('pair only with another peer swap; the one who waited longer is the candidate first', () => {
    const a = entry('a', { role: 'swap' });
    const b = entry('b', { role: 'swap' });
    expect(assignRoles(b, a)).toEqual({ candidate: a, interviewer: b });
    for (const role of ['candidate', 'interviewer', 'either'] as const) {
      expect(assignRoles(a, entry('c', { role }))).toBeNull();
      expect(assignRoles(entry('d', { role }), a)).toBeNull();
    }
    const x = entry('x', { role: 'either', priorityAt: 0 });
    const y = entry('y', { role: 'candidate', priorityAt: a.priorityAt + 1 });
    expect(pairsOf([x, a, y, { ...b, priorityAt: y.priorityAt + 1 }])).toEqual(['x->y', 'b->a']);
  });
});

describe('compatibility', () => {
  it('needs two different people, the same level and length, and overlapping topics when both named some', () => {
    const base = entry('a', { topics: ['caching', 'cap'] });
    expect(isCompatible(base, entry('a'), NONE)).toBe(false);
    expect(isCompatible(base, entry('b', { level: 'L5' }), NONE)).toBe(false);
    expect(isCompatible(base, entry('b', { durationMinutes: 30 }), NONE)).toBe(false);
    expect(isCompatible(base, entry('b', { topics: ['locks'] }), NONE)).toBe(false);
    expect(isCompatible(base, entry('b', { topics: ['locks', 'cap'] }), NONE)).toBe(true);
    expect(isCompatible(base, entry('b', { topics: [] }), NONE)).toBe(true);
  });

  it('never pairs a blocked pair, whoever blocked whom', () => {
    const a = entry('a');
    const b = entry('b');
    expect(isCompatible(a, b, new Set([pairKey('b', 'a')]))).toBe(false);
    expect(isCompatible(b, a, new Set([pairKey('a', 'b')]))).toBe(false);
  });
});

describe('planMatches', () => {
  it('serves the queue in order: the earliest compatible partner, first come first served', () => {
    const a = entry('a', { role: 'candidate' });
    const b = entry('b', { role: 'candidate' });
    const c = entry('c', { role: 'interviewer' });
    const d = entry('d', { role: 'interviewer' });
    expect(pairsOf([d, c, b, a])).toEqual(['c->a', 'd->b']);
  });

  it('leaves whoever has no compatible partner waiting, and pairs nobody twice or with themselves', () => {
    const entries = [entry('a', { role: 'candidate' }), entry('a', { role: 'interviewer' }), entry('b', { role: 'candidate' }), entry('c', { level: 'L5' })];
    expect(pairsOf(entries)).toEqual(['a->b']);
  });

  it('skips a blocked partner for the next compatible one', () => {
    const a = entry('a', { role: 'candidate' });
    const b = entry('b', { role: 'interviewer' });
    const c = entry('c', { role: 'interviewer' });
    expect(pairsOf([a, b, c], new Set([pairKey('a', 'b')]))).toEqual(['c->a']);
  });

  it('puts someone with a no-show back-off behind people who came after them', () => {
    const late = entry('late', { role: 'candidate', priorityAt: 10_000 + noShowPenaltyMs(3) });
    const onTime = entry('ontime', { role: 'candidate', priorityAt: 20_000 });
    const interviewer = entry('ivr', { role: 'interviewer', priorityAt: 30_000 });
    expect(pairsOf([late, onTime, interviewer])).toEqual(['ivr->ontime']);
  });

  it('pairs every compatible pair of a random crowd, each person at most once', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const roles = ['candidate', 'interviewer', 'either'] as const;
    const crowd = Array.from({ length: 200 }, (_, i) =>
      entry(`u${i}`, { role: roles[Math.floor(random() * 3)]!, level: random() < 0.5 ? 'L4' : 'L5', durationMinutes: random() < 0.5 ? 45 : 60 }),
    );
    const pairings = planMatches(crowd, NONE);
    const users = pairings.flatMap((p) => [p.interviewer.userId, p.candidate.userId]);
    expect(new Set(users).size).toBe(users.length);
    for (const p of pairings) expect(isCompatible(p.interviewer, p.candidate, NONE)).toBe(true);
    // Nobody left waiting could have been paired with anyone else left waiting.
    const left = crowd.filter((e) => !users.includes(e.userId));
    for (const a of left) for (const b of left) expect(isCompatible(a, b, NONE)).toBe(false);
  });
});

describe('no-shows and waits', () => {
  it('forgives the first no-show in a week, then backs off 5, 15 and 60 minutes', () => {
    expect([0, 1, 2, 3, 4, 9].map((n) => noShowPenaltyMs(n) / 60_000)).toEqual([0, 0, 5, 15, 60, 60]);
  });

  it('estimates the wait as the median of recent waits, or not at all with fewer than three', () => {
    expect(estimateWaitSeconds([1000, 2000])).toBeNull();
    expect(estimateWaitSeconds([30_000, 1000, 90_000])).toBe(30);
    expect(estimateWaitSeconds([10_000, 20_000, 30_000, 40_000])).toBe(25);
  });
});

describe('the lobby form', () => {
  it('takes the offered lengths and known topics only', () => {
    expect(ZEnterLobbyInput.safeParse({ role: 'either', level: 'L5', durationMinutes: 45 }).success).toBe(true);
    expect(ZEnterLobbyInput.safeParse({ role: 'either', level: 'L5', durationMinutes: 50 }).success).toBe(false);
    expect(ZEnterLobbyInput.safeParse({ role: 'boss', level: 'L5', durationMinutes: 45 }).success).toBe(false);
    expect(ZEnterLobbyInput.safeParse({ role: 'either', level: 'L5', durationMinutes: 45, topics: ['no-such-topic'] }).success).toBe(false);
    expect(ZEnterLobbyInput.safeParse({ role: 'either', level: 'L5', durationMinutes: 45, userId: 'x' }).success).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { formatInterviewTime, interviewTimeMs, revealedHintsOf, withKeyPoint } from '@/lib/domain/guide';
import { ZNoteText } from '@/lib/domain/guide-schema';

const at = (iso: string) => new Date(`2030-01-01T${iso}Z`);

describe('interview time', () => {
  it('is 0 before the start, counts from the start, and stops at the end', () => {
    expect(interviewTimeMs(null, null, at('10:00:00'))).toBe(0);
    expect(interviewTimeMs(at('10:00:00'), null, at('10:12:34.5'))).toBe(754_500);
    expect(interviewTimeMs(at('10:00:00'), at('10:45:00'), at('11:30:00'))).toBe(45 * 60_000);
    // A clock that went backwards never gives a negative stamp.
    expect(interviewTimeMs(at('10:00:00'), null, at('09:59:00'))).toBe(0);
  });

  it('fits the 32-bit column even for an interview left open for weeks', () => {
    expect(interviewTimeMs(new Date('2030-01-01T00:00:00Z'), null, new Date('2030-03-01T00:00:00Z'))).toBe(2 ** 31 - 1);
  });

  it('formats as mm:ss, minutes counting past an hour', () => {
    expect(formatInterviewTime(0)).toBe('00:00');
    expect(formatInterviewTime(754_500)).toBe('12:34');
    expect(formatInterviewTime(75 * 60_000 + 3_000)).toBe('75:03');
  });
});

describe('revealed hints', () => {
  const ladder = ['gentle', 'firmer', 'explicit'];

  it('keeps the order of revealing and skips unknown or repeated indexes', () => {
    expect(revealedHintsOf(ladder, [2, 0])).toEqual([
      { index: 2, text: 'explicit' },
      { index: 0, text: 'gentle' },
    ]);
    expect(revealedHintsOf(ladder, [0, 0, 7])).toEqual([{ index: 0, text: 'gentle' }]);
    expect(revealedHintsOf(ladder, [])).toEqual([]);
  });
});

describe('key points and notes', () => {
  it('ticks and unticks into a sorted set', () => {
    expect(withKeyPoint([3, 1], 2, true)).toEqual([1, 2, 3]);
    expect(withKeyPoint([1, 2], 2, true)).toEqual([1, 2]);
    expect(withKeyPoint([1, 2], 1, false)).toEqual([2]);
    expect(withKeyPoint([], 4, false)).toEqual([]);
  });

  it('allows empty notes up to 5000 characters', () => {
    expect(ZNoteText.safeParse('').success).toBe(true);
    expect(ZNoteText.safeParse('x'.repeat(5000)).success).toBe(true);
    expect(ZNoteText.safeParse('x'.repeat(5001)).success).toBe(false);
  });
});

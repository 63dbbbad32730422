import { describe, expect, it } from 'vitest';
import { formatCountdown, phaseAnnouncement } from '@/components/timer/format-countdown';

describe('formatCountdown', () => {
  it('counts down in mm:ss, rounding up so a full phase shows its full length', () => {
    expect(formatCountdown(5 * 60_000)).toBe('05:00');
    expect(formatCountdown(5 * 60_000 - 1)).toBe('05:00');
    expect(formatCountdown(4 * 60_000 + 59_000)).toBe('04:59');
    expect(formatCountdown(1)).toBe('00:01');
    expect(formatCountdown(0)).toBe('00:00');
    expect(formatCountdown(120 * 60_000)).toBe('120:00');
  });

  it('shows overtime with a plus sign, rounding down so no second shows twice around zero', () => {
    expect(formatCountdown(-1)).toBe('+00:00');
    expect(formatCountdown(-999)).toBe('+00:00');
    expect(formatCountdown(-1000)).toBe('+00:01');
    expect(formatCountdown(-(60_000 + 23_000))).toBe('+01:23');
  });
});

describe('phaseAnnouncement', () => {
  it('names the phase by position and name', () => {
    expect(phaseAnnouncement(2, 5, 'High-level design')).toBe('Phase 3 of 5: High-level design');
  });
});

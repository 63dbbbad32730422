import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isReleased, RELEASE_AFTER_MS } from '@/lib/domain/release';
import { isRowReleased } from '@/lib/use-cases/release';

const ENDED_AT = Date.UTC(2026, 0, 10, 12, 0, 0);

describe('blind release', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(ENDED_AT);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('holds everything back while the interview has not ended, even with both submitted or weeks later', () => {
    vi.advanceTimersByTime(30 * RELEASE_AFTER_MS);
    expect(isReleased({ endedAt: null, hasScorecard: true, hasFeedback: true }, Date.now())).toBe(false);
    expect(isReleased({ endedAt: null, hasScorecard: false, hasFeedback: false }, Date.now())).toBe(false);
  });

  it('releases as soon as both sides have submitted', () => {
    expect(isReleased({ endedAt: ENDED_AT, hasScorecard: true, hasFeedback: true }, Date.now())).toBe(true);
  });

  it('holds back while only one side (or neither) has submitted, until seven days after the end', () => {
    const cases = [
      { hasScorecard: true, hasFeedback: false },
      { hasScorecard: false, hasFeedback: true },
      { hasScorecard: false, hasFeedback: false },
    ];
    for (const facts of cases) {
      expect(isReleased({ endedAt: ENDED_AT, ...facts }, Date.now()), JSON.stringify(facts)).toBe(false);
    }
    vi.advanceTimersByTime(RELEASE_AFTER_MS - 1);
    for (const facts of cases) {
      expect(isReleased({ endedAt: ENDED_AT, ...facts }, Date.now()), JSON.stringify(facts)).toBe(false);
    }
    vi.advanceTimersByTime(1);
    for (const facts of cases) {
      expect(isReleased({ endedAt: ENDED_AT, ...facts }, Date.now()), JSON.stringify(facts)).toBe(true);
    }
  });

  it('seven days is 7 × 24 h of wall time', () => {
    expect(RELEASE_AFTER_MS).toBe(604_800_000);
  });
});

describe('blind release of a stored interview row', () => {
  const ended = { status: 'ended', endedAt: new Date(ENDED_AT) };

  it('reads the facts off the row: latest scorecard present, feedback present', () => {
    expect(isRowReleased({ ...ended, scorecards: [{}], feedback: {} }, ENDED_AT)).toBe(true);
    expect(isRowReleased({ ...ended, scorecards: [], feedback: {} }, ENDED_AT)).toBe(false);
    expect(isRowReleased({ ...ended, scorecards: [{}], feedback: null }, ENDED_AT)).toBe(false);
    expect(isRowReleased({ ...ended, scorecards: [{}], feedback: null }, ENDED_AT + RELEASE_AFTER_MS)).toBe(true);
  });

  it('an end time on an interview that is not ended does not count', () => {
    const row = { status: 'live', endedAt: new Date(ENDED_AT), scorecards: [{}], feedback: {} };
    expect(isRowReleased(row, ENDED_AT + 30 * RELEASE_AFTER_MS)).toBe(false);
    expect(isRowReleased({ ...row, status: 'ended', endedAt: null }, ENDED_AT + 30 * RELEASE_AFTER_MS)).toBe(false);
  });
});

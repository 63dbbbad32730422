import { describe, expect, it } from 'vitest';
import { distinctDateLabels } from '@/components/progress/progress-format';

const at = (day: number, hour: number, minute = 0) => Date.UTC(2026, 1, day, hour, minute);

describe('distinctDateLabels', () => {
  it('shows the date alone when each interview is on its own day', () => {
    expect(distinctDateLabels([at(3, 9), at(5, 9)])).toEqual(['3 Feb 2026', '5 Feb 2026']);
  });

  it('adds the time (UTC) when two interviews share a day', () => {
    expect(distinctDateLabels([at(3, 9), at(3, 14, 5), at(4, 9)])).toEqual(['3 Feb 2026, 09:00', '3 Feb 2026, 14:05', '4 Feb 2026']);
  });

  it('numbers them when even the minute is the same', () => {
    expect(distinctDateLabels([at(3, 9), at(3, 9)])).toEqual(['3 Feb 2026, 09:00 (1)', '3 Feb 2026, 09:00 (2)']);
  });
});

/**
 * "mm:ss" for a phase's remaining time, "+mm:ss" once it is in overtime (negative). A countdown
 * rounds up (it shows 05:00 for the whole first second, and 00:00 only when time is up); an
 * overrun rounds down, so the two meet at zero without showing a second twice.
 */
export function formatCountdown(remainingMs: number): string {
  const isOvertime = remainingMs < 0;
  const totalSeconds = isOvertime ? Math.floor(-remainingMs / 1000) : Math.ceil(remainingMs / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return `${isOvertime ? '+' : ''}${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

/** The words a screen reader or a toast uses for a phase: "Phase 3 of 5: High-level design". */
export function phaseAnnouncement(phaseIndex: number, phaseCount: number, phaseName: string): string {
  return `Phase ${phaseIndex + 1} of ${phaseCount}: ${phaseName}`;
}

import type { TPhaseDuration } from '@/lib/domain/phase-timer';
import { formatDuration } from './review-format';
import styles from './review.module.css';

/** Planned (with extensions) vs actual time per phase; pauses are not counted as time spent. */
export function PhaseTable({ phases }: { phases: TPhaseDuration[] }) {
  if (phases.length === 0) return <p className="muted">No timer was recorded for this interview.</p>;
  return (
    // A phone may be narrower than the four columns: the table scrolls, the page does not.
    <div className={styles.tableWrap}>
      <table className={styles.table} data-testid="phase-table">
        <thead>
          <tr>
            <th scope="col">Phase</th>
            <th scope="col">Planned</th>
            <th scope="col">Extended</th>
            <th scope="col">Actual</th>
          </tr>
        </thead>
        <tbody>
          {phases.map((phase) => {
            const isOver = phase.actualMs > phase.plannedMs + phase.extendedMs;
            return (
              <tr key={phase.id}>
                <td>{phase.name}</td>
                <td>{formatDuration(phase.plannedMs)}</td>
                <td>{phase.extendedMs > 0 ? `+${formatDuration(phase.extendedMs)}` : '—'}</td>
                <td className={isOver ? styles.over : undefined}>{formatDuration(phase.actualMs)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

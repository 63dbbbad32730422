import { LEVEL_ESTIMATE_LABELS, RECOMMENDATION_LABELS } from '@/lib/domain/rubric';
import type { TCalibrationResult } from '@/lib/protocol/calibration';
import styles from './calibration.module.css';

/** "+1", "0", "-2": the interviewer's score minus the reference's. */
function signed(gap: number): string {
  return gap > 0 ? `+${gap}` : String(gap);
}

/** The caller's latest scores beside the reference's, per dimension, with the reference's rationale. */
export function CalibrationResult({ result }: { result: TCalibrationResult }) {
  return (
    <div className="stack" data-testid="calibration-result">
      <p data-testid="calibration-gap">
        Mean absolute gap <strong>{result.meanAbsoluteGap.toFixed(2)}</strong> over the six dimensions
        {result.attempts > 1 ? ` (your latest of ${result.attempts} attempts)` : ''}. This session is a{' '}
        <strong>{result.band}</strong> L5 answer.
      </p>
      <p className="muted">{result.debrief}</p>
      <div className={styles.tableWrap}>
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">Dimension</th>
              <th scope="col">You</th>
              <th scope="col">Reference</th>
              <th scope="col">Gap</th>
              <th scope="col">Why the reference scores it so</th>
            </tr>
          </thead>
          <tbody>
            {result.dimensions.map((d) => (
              <tr key={d.id} data-dimension={d.id} data-gap={d.gap}>
                <th scope="row">{d.label}</th>
                <td>{d.yours}</td>
                <td>{d.reference}</td>
                <td className={d.gap === 0 ? undefined : styles.off}>{signed(d.gap)}</td>
                <td>{d.rationale}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        Your verdict: {LEVEL_ESTIMATE_LABELS[result.yours.levelEstimate]}, {RECOMMENDATION_LABELS[result.yours.recommendation]}. Reference:{' '}
        {LEVEL_ESTIMATE_LABELS[result.reference.levelEstimate]}, {RECOMMENDATION_LABELS[result.reference.recommendation]}.
      </p>
    </div>
  );
}

import Link from 'next/link';
import { LEVEL_ESTIMATE_LABELS, RUBRIC_DIMENSIONS } from '@/lib/domain/rubric';
import { entryMean, type TProgressEntry } from '@/lib/domain/progress';
import { distinctDateLabels, formatMean, reviewHref, scoreMeaning, SCORES_TABLE_ID } from './progress-format';
import { DimensionHeadings } from './dimension-headings';
import styles from './progress.module.css';

/** Every interview behind the charts, newest first, each linking to its review: also the charts' data table. */
export function InterviewTable({ entries }: { entries: TProgressEntry[] }) {
  const newestFirst = [...entries].reverse();
  const dates = distinctDateLabels(newestFirst.map((entry) => entry.endedAt));
  return (
    <div className={styles.tableWrap} role="region" aria-label="Scored interviews, scrollable" tabIndex={0}>
      <table className={styles.table} id={SCORES_TABLE_ID} data-testid="progress-interviews">
        <caption>Newest first; dates in UTC. Open an interview for its scorecard, comments and replay.</caption>
        <thead>
          <tr>
            <th scope="col">Interview</th>
            <th scope="col">Ended</th>
            <th scope="col">Target</th>
            <th scope="col">Estimate</th>
            <th scope="col" className={styles.number}>
              Mean
            </th>
            <DimensionHeadings />
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((entry, index) => (
            <tr key={entry.interviewId} data-interview={entry.interviewId}>
              <th scope="row">
                <Link href={reviewHref(entry.interviewId)}>{entry.title}</Link>
              </th>
              <td className={styles.nowrap}>{dates[index]}</td>
              <td>{entry.level}</td>
              <td>{entry.levelEstimate ? LEVEL_ESTIMATE_LABELS[entry.levelEstimate] : '—'}</td>
              <td className={styles.number}>{formatMean(entryMean(entry))}</td>
              {RUBRIC_DIMENSIONS.map((dimension) => (
                <td key={dimension.id} className={styles.number} data-dimension={dimension.id}>
                  {entry.scores[dimension.id]}
                  <span className="sr-only">{` ${scoreMeaning(entry.scores[dimension.id])}`}</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

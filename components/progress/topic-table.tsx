import { RUBRIC_DIMENSIONS } from '@/lib/domain/rubric';
import { topicLabel } from '@/lib/domain/prompt';
import type { TTopicProgress } from '@/lib/domain/progress';
import { formatMean } from './progress-format';
import { DimensionHeadings } from './dimension-headings';
import styles from './progress.module.css';

/** The candidate's average per topic, in the order given (the weakest topic first). */
export function TopicTable({ topics }: { topics: TTopicProgress[] }) {
  return (
    <div className={styles.tableWrap} role="region" aria-label="Average by topic, scrollable" tabIndex={0}>
      <table className={styles.table} data-testid="topic-table">
        <caption className="sr-only">Average score by topic and by rubric dimension, weakest topic first</caption>
        <thead>
          <tr>
            <th scope="col">Topic</th>
            <th scope="col" className={styles.number}>
              Interviews
            </th>
            <th scope="col" className={styles.number}>
              Average
            </th>
            <DimensionHeadings />
          </tr>
        </thead>
        <tbody>
          {topics.map((topic) => (
            <tr key={topic.topic} data-topic={topic.topic} data-average={formatMean(topic.mean)}>
              <th scope="row">{topicLabel(topic.topic) ?? topic.topic}</th>
              <td className={styles.number}>{topic.interviews}</td>
              <td className={styles.number}>
                <strong>{formatMean(topic.mean)}</strong>
              </td>
              {RUBRIC_DIMENSIONS.map((dimension) => (
                <td key={dimension.id} className={styles.number}>
                  {formatMean(topic.dimensionMeans[dimension.id])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

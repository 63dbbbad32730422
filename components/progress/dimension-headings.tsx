import { RUBRIC_DIMENSIONS } from '@/lib/domain/rubric';
import { SHORT_DIMENSION_LABELS } from './progress-format';
import styles from './progress.module.css';

/** One column heading per rubric dimension, in rubric order, for the progress tables. */
export function DimensionHeadings() {
  return RUBRIC_DIMENSIONS.map((dimension) => (
    <th key={dimension.id} scope="col" className={styles.number}>
      <abbr title={dimension.label}>{SHORT_DIMENSION_LABELS[dimension.id]}</abbr>
    </th>
  ));
}

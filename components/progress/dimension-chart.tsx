import { SCORE_VALUES, type TScore } from '@/lib/domain/rubric';
import type { TDimensionProgress } from '@/lib/domain/progress';
import { distinctDateLabels, formatMean, scoreMeaning, SCORES_TABLE_ID } from './progress-format';
import styles from './progress.module.css';

// A small line chart drawn as plain SVG on the server: no chart library, no script. Sizes are in
// viewBox units; the SVG scales to its column. Colours come from the theme's CSS variables
// (progress.module.css), so it follows the light and dark themes.
// The SVG is scaled to a column about 330 px wide, so these units are close to CSS pixels.
const WIDTH = 380;
const HEIGHT = 170;
const MARGIN = { top: 10, right: 12, bottom: 26, left: 84 };
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;
const MIN_SCORE = SCORE_VALUES[0];
/** Below this distance between neighbours (viewBox units) the points are drawn small. */
const MIN_POINT_SPACING = 10;
const MAX_SCORE = SCORE_VALUES[SCORE_VALUES.length - 1]!;

/** The score meanings cut to fit beside the axis; the full ones are in the tooltips and the summary. */
const AXIS_LABELS: Readonly<Record<TScore, string>> = { 1: 'Well below', 2: 'Below', 3: 'Meets', 4: 'Exceeds' };

/** A tenth of a unit is far below a pixel here, and keeps 200 points' markup short. */
function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function yOf(score: number): number {
  return round(MARGIN.top + ((MAX_SCORE - score) / (MAX_SCORE - MIN_SCORE)) * PLOT_HEIGHT);
}

/** Interviews evenly spaced in date order (not by time: a busy week would crowd the points). */
function xOf(index: number, count: number): number {
  if (count <= 1) return round(MARGIN.left + PLOT_WIDTH / 2);
  return round(MARGIN.left + (index / (count - 1)) * PLOT_WIDTH);
}

/** What a screen reader hears instead of the picture; the table of scored interviews has every number. */
export function chartSummary(dimension: TDimensionProgress): string {
  const { points, label } = dimension;
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return `${label}: no scores yet.`;
  const dates = distinctDateLabels(points.map((point) => point.endedAt));
  const span = points.length === 1 ? `1 interview, on ${dates[0]}` : `${points.length} interviews from ${dates[0]} to ${dates.at(-1)}`;
  const scores = points.map((p) => p.score);
  const range = points.length === 1 ? '' : ` Lowest ${Math.min(...scores)}, highest ${Math.max(...scores)}, first ${first.score}.`;
  return `${label}: ${span}. Mean ${formatMean(dimension.mean)}. Latest ${last.score} (${scoreMeaning(last.score)}).${range}`;
}

/**
 * One rubric dimension's scores (1-4) across the candidate's interviews. Its data table is the
 * page's one table of scored interviews (every dimension in a column), linked from each chart:
 * six per-chart copies would send every score six times more, up to 200 rows each.
 */
export function DimensionChart({ dimension }: { dimension: TDimensionProgress }) {
  const { points } = dimension;
  const headingId = `dimension-${dimension.id}`;
  // Two interviews on one day must not carry the same label: the time tells them apart.
  const dates = distinctDateLabels(points.map((point) => point.endedAt));
  const coordinates = points.map((point, index) => ({ point, date: dates[index], x: xOf(index, points.length), y: yOf(point.score) }));
  const first = points[0];
  const last = points.at(-1);
  // Past a few dozen interviews the markers would overlap into a blur that hides the line:
  // smaller dots without the halo keep the line readable (the tooltips are still there).
  const isDense = points.length > 1 && PLOT_WIDTH / (points.length - 1) < MIN_POINT_SPACING;

  return (
    <figure className={`card ${styles.chart}`} aria-labelledby={headingId} data-testid={`chart-${dimension.id}`}>
      <div className={styles.chartHeading}>
        <h3 id={headingId}>{dimension.label}</h3>
        <span className={styles.chartMean}>{`mean ${formatMean(dimension.mean)}`}</span>
      </div>
      <svg className={styles.svg} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={chartSummary(dimension)}>
        {SCORE_VALUES.map((score) => (
          <g key={score}>
            <line className={styles.gridLine} x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={yOf(score)} y2={yOf(score)} />
            <text className={styles.gridLabel} x={MARGIN.left - 8} y={yOf(score)} textAnchor="end" dominantBaseline="middle">
              {`${score} ${AXIS_LABELS[score]}`}
            </text>
          </g>
        ))}
        {dimension.mean !== null ? (
          <line className={styles.meanLine} x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={yOf(dimension.mean)} y2={yOf(dimension.mean)} />
        ) : null}
        {coordinates.length > 1 ? (
          <polyline className={styles.line} points={coordinates.map(({ x, y }) => `${x},${y}`).join(' ')} />
        ) : null}
        {coordinates.map(({ point, date, x, y }) => (
          <circle key={point.interviewId} className={isDense ? styles.pointDense : styles.point} cx={x} cy={y} r={isDense ? 1.75 : 4}>
            <title>{`${point.title} · ${date} · ${point.score} (${scoreMeaning(point.score)})`}</title>
          </circle>
        ))}
        {first ? (
          <text className={styles.axisLabel} x={xOf(0, points.length)} y={HEIGHT - 6} textAnchor={points.length > 1 ? 'start' : 'middle'}>
            {dates[0]}
          </text>
        ) : null}
        {last && points.length > 1 ? (
          <text className={styles.axisLabel} x={WIDTH - MARGIN.right} y={HEIGHT - 6} textAnchor="end">
            {dates.at(-1)}
          </text>
        ) : null}
      </svg>
      <a className={styles.tableLink} href={`#${SCORES_TABLE_ID}`}>
        Scores as a table
      </a>
    </figure>
  );
}

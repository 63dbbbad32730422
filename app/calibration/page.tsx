import type { Metadata } from 'next';
import Link from 'next/link';
import styles from '@/components/calibration/calibration.module.css';
import { requireUser } from '@/lib/auth/require-user';
import { getServices } from '@/lib/services';
import { listCalibration } from '@/lib/use-cases/calibration';
import { useCaseContext } from '@/lib/use-cases/context';

export const metadata: Metadata = { title: 'Calibration' };

export default async function CalibrationPage() {
  const user = await requireUser('/calibration');
  const { items, summary } = await listCalibration(useCaseContext(getServices().prisma, user.id));
  return (
    <main className="stack" style={{ maxWidth: '48rem' }}>
      <div>
        <h1>Calibration</h1>
        <p className="lead">
          Score a reference session with the normal rubric, then see your score next to the reference on each dimension,
          with the reason for it. Each session is an L5 interview: its board being drawn, the interviewer&apos;s notes and
          the phases. Whether it is a weak or a strong answer is shown only after you have scored it.
        </p>
      </div>
      <p data-testid="calibration-summary">
        {summary.meanAbsoluteGap === null
          ? 'You have not scored a reference session yet.'
          : `Your calibration: a mean absolute gap of ${summary.meanAbsoluteGap.toFixed(2)} over ${summary.sessions} reference ${summary.sessions === 1 ? 'session' : 'sessions'} (0 is the reference exactly).`}
      </p>
      <ul className={styles.list}>
        {items.map((item) => (
          <li key={item.slug} className="card">
            <Link href={`/calibration/${encodeURIComponent(item.slug)}`}>{item.title}</Link>{' '}
            <span className="hint">
              {item.promptTitle} · target {item.level} ·{' '}
              {item.meanAbsoluteGap === null ? 'not scored yet' : `your gap ${item.meanAbsoluteGap.toFixed(2)}`}
            </span>
          </li>
        ))}
      </ul>
    </main>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { HistoryFilters, HistoryPager, historyHref, type THistoryFilters } from '@/components/interviews/history-filters';
import { requireUser } from '@/lib/auth/require-user';
import { RECOMMENDATION_LABELS } from '@/lib/domain/rubric';
import { getServices } from '@/lib/services';
import {
  decodeHistoryCursor,
  HISTORY_ROLES,
  HISTORY_STATUSES,
  listInterviews,
  type TInterviewListItem,
} from '@/lib/use-cases/list-interviews';
import { useCaseContext } from '@/lib/use-cases/context';

export const metadata: Metadata = { title: 'Dashboard' };

const STATUS_LABELS: Record<string, string> = { scheduled: 'Scheduled', live: 'Live', ended: 'Ended' };

type TSearchParams = Record<string, string | string[] | undefined>;

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Unknown values (including "all") mean no filter, rather than an error page. */
function pick<T extends string>(allowed: readonly T[], value: string | undefined): T | undefined {
  return allowed.find((candidate) => candidate === value);
}

// Rendered on the server, in UTC: the server's zone is not the reader's, so say which it is.
const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

function InterviewDate({ interview }: { interview: TInterviewListItem }) {
  const at = interview.scheduledAt ?? interview.createdAt;
  const label = interview.scheduledAt === null ? 'Created' : 'Scheduled for';
  return (
    <time dateTime={new Date(at).toISOString()}>
      {label} {DATE_FORMAT.format(at)} UTC
    </time>
  );
}

export default async function DashboardPage({ searchParams }: { searchParams: Promise<TSearchParams> }) {
  const user = await requireUser('/dashboard');
  const params = await searchParams;
  const filters: THistoryFilters = {
    role: pick(HISTORY_ROLES, one(params.role)),
    status: pick(HISTORY_STATUSES, one(params.status)),
  };
  const rawCursor = one(params.cursor);
  const cursor = rawCursor && decodeHistoryCursor(rawCursor) ? rawCursor : undefined;
  const { items, nextCursor } = await listInterviews(useCaseContext(getServices().prisma, user.id), { ...filters, cursor });
  const isFiltered = Boolean(filters.role || filters.status);

  return (
    <main>
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h1>Your interviews</h1>
        <div className="row">
          <Link href="/progress" className="button">
            Your progress
          </Link>
          <Link href="/practice" className="button">
            Find a partner
          </Link>
          <Link href="/interviews/new" className="button primary">
            New interview
          </Link>
        </div>
      </div>
      <p className="muted">Signed in as {user.email}.</p>
      {rawCursor && !cursor ? (
        <p role="status">That page link is no longer valid; showing the first page.</p>
      ) : null}
      {items.length > 0 || isFiltered || cursor ? <HistoryFilters filters={filters} /> : null}
      {items.length === 0 ? (
        <section className="card empty-state" aria-label="Interviews">
          {isFiltered || cursor ? (
            <>
              <h2>{isFiltered ? 'No interviews match these filters' : 'No more interviews'}</h2>
              <p>
                <Link href={historyHref({})}>Show all interviews</Link>
              </p>
            </>
          ) : (
            <>
              <h2>No interviews yet</h2>
              <p>Create one and send the invite link to your candidate, or open a link someone sent you.</p>
            </>
          )}
        </section>
      ) : (
        <ul className="interview-list" aria-label="Interviews">
          {items.map((interview) => (
            <li key={interview.id} className="card">
              <Link href={`/interviews/${interview.id}`}>
                <span className="grow">
                  <strong>{interview.title}</strong>
                  <br />
                  <span className="muted">
                    {interview.swapHalf ? `Peer swap, half ${interview.swapHalf} of 2 · ` : ''}
                    {interview.myRole === 'interviewer' ? 'You interview' : 'You are the candidate'}
                    {interview.partnerName
                      ? ` · with ${interview.partnerName}`
                      : interview.myRole === 'interviewer'
                        ? ' · no candidate yet'
                        : ''}{' '}
                    · {interview.level} · <InterviewDate interview={interview} />
                  </span>
                </span>
                {interview.recommendation ? (
                  <span className="recommendation">{RECOMMENDATION_LABELS[interview.recommendation]}</span>
                ) : null}
                <span className={`status-badge ${interview.status}`}>{STATUS_LABELS[interview.status]}</span>
              </Link>
              <span className="row">
                {interview.status === 'ended' ? <Link href={`/interviews/${interview.id}/review`}>Review</Link> : null}
                {interview.myRole === 'interviewer' && interview.partnerId ? (
                  <Link href={`/interviews/new?candidate=${encodeURIComponent(interview.partnerId)}`}>Interview {interview.partnerName ?? 'them'} again</Link>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      )}
      <HistoryPager filters={filters} nextCursor={nextCursor} isFirstPage={!cursor} />
    </main>
  );
}

import Link from 'next/link';
import { HISTORY_ROLES, HISTORY_STATUSES, type THistoryRole, type THistoryStatus } from '@/lib/protocol/interviews';

export type THistoryFilters = { role?: THistoryRole; status?: THistoryStatus };

const ROLE_LABELS: Record<THistoryRole, string> = { interviewer: 'Interviewer', candidate: 'Candidate' };
const STATUS_LABELS: Record<THistoryStatus, string> = { scheduled: 'Scheduled', live: 'Live', ended: 'Ended' };

/** The dashboard URL for these filters (and cursor); "all" is the absence of a parameter. */
export function historyHref(filters: THistoryFilters, cursor?: string): string {
  const params = new URLSearchParams();
  if (filters.role) params.set('role', filters.role);
  if (filters.status) params.set('status', filters.status);
  if (cursor) params.set('cursor', cursor);
  const query = params.toString();
  return query ? `/dashboard?${query}` : '/dashboard';
}

/**
 * A plain GET form: filtering works without JavaScript, and the URL can be bookmarked or shared.
 * Submitting drops the cursor, so a new filter always starts on its first page.
 */
export function HistoryFilters({ filters }: { filters: THistoryFilters }) {
  return (
    <form method="get" action="/dashboard" className="row history-filters" aria-label="Filter interviews">
      <label className="row">
        Role
        <select name="role" defaultValue={filters.role ?? 'all'}>
          <option value="all">All</option>
          {HISTORY_ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </select>
      </label>
      <label className="row">
        Status
        <select name="status" defaultValue={filters.status ?? 'all'}>
          <option value="all">All</option>
          {HISTORY_STATUSES.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">Apply</button>
      {filters.role || filters.status ? <Link href="/dashboard">Clear filters</Link> : null}
    </form>
  );
}

/** "Next page" / "First page" links that keep the filters. */
export function HistoryPager({ filters, nextCursor, isFirstPage }: { filters: THistoryFilters; nextCursor: string | null; isFirstPage: boolean }) {
  if (!nextCursor && isFirstPage) return null;
  return (
    <nav className="row history-pager" aria-label="Pages">
      {isFirstPage ? null : <Link href={historyHref(filters)}>First page</Link>}
      {nextCursor ? (
        <Link href={historyHref(filters, nextCursor)} rel="next">
          Next page
        </Link>
      ) : null}
    </nav>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { JoinButton } from '@/components/interviews/join-button';
import { LocalTime } from '@/components/ui/local-time';
import { auth } from '@/lib/auth';
import { getServices } from '@/lib/services';
import { previewInvite } from '@/lib/use-cases/accept-invite';

export const metadata: Metadata = { title: 'Interview invite', referrer: 'no-referrer' };

type Props = { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const LEVEL_LABELS = { L4: 'L4 (mid-level)', L5: 'L5 (senior)' } as const;

/**
 * An invite link, for a visitor signed in or not: who invites, at which level, for how long and
 * when, never the prompt. Signed out: "Sign up" and "Sign in", both coming back here with
 * `join=1`, which joins at once and goes on into the room.
 */
export default async function InvitePage({ params, searchParams }: Props) {
  const { token } = await params;
  const isJoining = (await searchParams).join === '1';
  const session = await auth();
  const userId = session?.user?.id ?? null;
  const preview = await previewInvite(getServices().prisma, userId, token);
  if (!preview.ok) {
    return (
      <main className="narrow">
        <h1>Invite link not valid</h1>
        <p className="alert error" role="alert">
          {preview.error.message}
        </p>
        <Link href={userId ? '/dashboard' : '/'}>{userId ? 'Go to your dashboard' : 'Go to the home page'}</Link>
      </main>
    );
  }
  const invite = preview.data;
  // The interviewer, or a candidate coming back, goes straight to the room.
  if (invite.myRole) redirect(`/interviews/${invite.interviewId}`);
  const refusal =
    invite.status === 'ended'
      ? 'This interview has ended.'
      : invite.isSeatTaken
        ? 'Someone else has already joined this interview as the candidate.'
        : null;
  const back = encodeURIComponent(`/invite/${token}?join=1`);

  return (
    <main className="narrow">
      <h1>You are invited to a mock interview</h1>
      <p className="lead" data-testid="invite-summary">
        {invite.interviewerName ?? 'An interviewer'} invited you to a live system-design mock interview. You will join as the
        candidate.
      </p>
      <dl className="invite-facts card">
        <dt>Interviewer</dt>
        <dd data-testid="invite-interviewer">{invite.interviewerName ?? 'Not named'}</dd>
        <dt>Target level</dt>
        <dd data-testid="invite-level">{LEVEL_LABELS[invite.level]}</dd>
        <dt>Length</dt>
        <dd data-testid="invite-length">{invite.durationMinutes} minutes</dd>
        <dt>When</dt>
        <dd data-testid="invite-when">{invite.scheduledAt === null ? 'Not scheduled: whenever you both are ready' : <LocalTime at={invite.scheduledAt} />}</dd>
      </dl>
      <p className="hint">You will see the prompt in the room when the interview begins.</p>
      {refusal ? (
        <p className="alert error" role="alert">
          {refusal}
        </p>
      ) : userId ? (
        <JoinButton token={token} isJoiningNow={isJoining} />
      ) : (
        <div className="stack">
          <p>Create an account or sign in to join. You come straight back to this interview.</p>
          <div className="row">
            <Link href={`/sign-up?callbackUrl=${back}`} className="button primary">
              Sign up
            </Link>
            <Link href={`/sign-in?callbackUrl=${back}`} className="button">
              Sign in
            </Link>
          </div>
        </div>
      )}
    </main>
  );
}

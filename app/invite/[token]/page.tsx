import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { JoinButton } from '@/components/interviews/join-button';
import { requireUser } from '@/lib/auth/require-user';
import { getServices } from '@/lib/services';
import { previewInvite } from '@/lib/use-cases/accept-invite';

export const metadata: Metadata = { title: 'Interview invite', referrer: 'no-referrer' };

type Props = { params: Promise<{ token: string }> };

export default async function InvitePage({ params }: Props) {
  const { token } = await params;
  const user = await requireUser(`/invite/${token}`);
  const preview = await previewInvite(getServices().prisma, user.id, token);
  if (!preview.ok) {
    return (
      <main className="narrow">
        <h1>Invite link not valid</h1>
        <p className="alert error" role="alert">
          {preview.error.message}
        </p>
        <Link href="/dashboard">Go to your dashboard</Link>
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
  return (
    <main className="narrow">
      <h1>{invite.title}</h1>
      <p className="muted">
        {invite.interviewerName} invited you to a mock interview at level {invite.level}. You will join as the candidate.
      </p>
      {refusal ? (
        <p className="alert error" role="alert">
          {refusal}
        </p>
      ) : (
        <JoinButton token={token} />
      )}
    </main>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { BookSlots } from '@/components/lobby/book-slots';
import { FindPartner } from '@/components/lobby/find-partner';
import { requireUser } from '@/lib/auth/require-user';
import { lobbyPrefill } from '@/lib/protocol/lobby';
import { getServices } from '@/lib/services';
import { useCaseContext } from '@/lib/use-cases/context';
import { lobbyView } from '@/lib/use-cases/lobby';
import { listSlots } from '@/lib/use-cases/slots';

export const metadata: Metadata = { title: 'Find a partner' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function PracticePage({ searchParams }: Props) {
  // "Find a partner" from the progress page's suggestions presets the role, level and topics.
  const prefill = lobbyPrefill(await searchParams);
  const user = await requireUser('/practice');
  const ctx = useCaseContext(getServices().prisma, user.id);
  const [view, slots] = await Promise.all([lobbyView(ctx), listSlots(ctx)]);
  return (
    <main className="stack" style={{ maxWidth: '48rem' }}>
      <div>
        <h1>Find a partner</h1>
        <p className="lead">
          Practise with someone at your level now. Say which role you want, and you are paired with the first person
          waiting who fits; both confirm within a minute and land in a new interview on a prompt the candidate has not
          had. Already have a partner? <Link href="/interviews/new">Create an interview</Link> and send the link.
        </p>
      </div>
      <FindPartner initial={view} prefill={prefill} />
      <BookSlots initial={slots} />
    </main>
  );
}

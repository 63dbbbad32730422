import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { RoomShell } from '@/components/room/room-shell';
import { requireUser } from '@/lib/auth/require-user';
import { getServices } from '@/lib/services';
import { useCaseContext } from '@/lib/use-cases/context';
import { getRoom } from '@/lib/use-cases/get-room';

export const metadata: Metadata = { title: 'Interview room' };

type Props = { params: Promise<{ id: string }> };

export default async function InterviewRoomPage({ params }: Props) {
  const { id } = await params;
  const user = await requireUser(`/interviews/${id}`);
  const services = getServices();
  // Only participants get the room; anyone else sees the same 404 as for a missing interview.
  const room = await getRoom(useCaseContext(services.prisma, user.id), { interviewId: id });
  if (!room.ok) notFound();
  // Read at run time on the server, so one built image works with any key.
  return <RoomShell room={room.data} licenseKey={services.env.TLDRAW_LICENSE_KEY ?? null} />;
}

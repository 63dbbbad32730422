import type { PrismaClient } from '@/lib/generated/prisma/client';
import { ZPromptCopy } from '@/lib/domain/interview';
import { phasePlanFor, ZPhasePlan, type TPhasePlan } from '@/lib/domain/prompt';

export type TInterviewListItem = {
  id: string;
  title: string;
  level: string;
  status: string;
  myRole: 'interviewer' | 'candidate';
  partnerName: string | null;
  scheduledAt: number | null;
  createdAt: number;
};

/** The user's interviews, newest first (the review issue adds filters and cursor pagination). */
export async function listInterviews(prisma: PrismaClient, userId: string, limit = 50): Promise<TInterviewListItem[]> {
  const rows = await prisma.participant.findMany({
    where: { userId },
    orderBy: { interview: { createdAt: 'desc' } },
    take: limit,
    select: {
      role: true,
      interview: {
        select: {
          id: true,
          level: true,
          status: true,
          promptCopy: true,
          scheduledAt: true,
          createdAt: true,
          participants: { where: { userId: { not: userId } }, select: { user: { select: { name: true, email: true } } } },
        },
      },
    },
  });
  return rows.map(({ role, interview }) => {
    const copy = ZPromptCopy.safeParse(interview.promptCopy);
    const partner = interview.participants[0]?.user;
    return {
      id: interview.id,
      title: copy.success ? copy.data.title : 'Interview',
      level: interview.level,
      status: interview.status,
      myRole: role,
      partnerName: partner ? (partner.name ?? partner.email) : null,
      scheduledAt: interview.scheduledAt?.getTime() ?? null,
      createdAt: interview.createdAt.getTime(),
    };
  });
}

export type TPromptOption = {
  id: string;
  title: string;
  kind: 'concept' | 'design';
  topics: string[];
  minutes: number;
  /** The plan the creation form starts from; the interviewer may edit it. */
  phasePlan: TPhasePlan;
};

/** Prompts offered when creating an interview (deleted ones are hidden). */
export async function listPromptOptions(prisma: PrismaClient): Promise<TPromptOption[]> {
  const rows = await prisma.prompt.findMany({
    where: { deletedAt: null },
    orderBy: [{ kind: 'desc' }, { title: 'asc' }],
    select: { id: true, title: true, kind: true, topics: true, minutes: true, guide: true },
  });
  return rows.map(({ guide, ...row }) => {
    const stored = ZPhasePlan.safeParse((guide as { phasePlan?: unknown } | null)?.phasePlan);
    return { ...row, phasePlan: phasePlanFor({ kind: row.kind, phasePlan: stored.success ? stored.data : null }) };
  });
}

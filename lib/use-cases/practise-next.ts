import { practiseNext, type TPracticePrompt, type TPractiseNext } from '@/lib/domain/practise-next';
import { ZStoredGuide } from '@/lib/domain/prompt-schema';
import type { TProgressSummary } from '@/lib/domain/progress';
import type { TUseCaseContext } from './context';

/**
 * What the caller should practise next, from their progress (getProgress at the same `ctx.now`):
 * their weakest dimensions and topics with built-in prompts they have not had as the candidate
 * (in any interview, scored or not, ended or ahead). Null while nothing is scored.
 */
export async function getPractiseNext(ctx: TUseCaseContext, { progress }: { progress: TProgressSummary }): Promise<TPractiseNext | null> {
  const latest = progress.entries.at(-1);
  if (!latest) return null;
  const [rows, had] = await Promise.all([
    ctx.db.prompt.findMany({
      where: { authorId: null, deletedAt: null },
      select: { id: true, title: true, kind: true, topics: true, difficulty: true, minutes: true, guide: true },
    }),
    ctx.db.interview.findMany({
      where: { participants: { some: { userId: ctx.userId, role: 'candidate' } }, promptId: { not: null } },
      select: { promptId: true },
    }),
  ]);
  const prompts = rows.map(
    (row): TPracticePrompt => ({
      id: row.id,
      title: row.title,
      kind: row.kind,
      topics: row.topics,
      // Only the related topics leave the guide; its answers stay here.
      relatedTopics: ZStoredGuide.safeParse(row.guide).data?.relatedTopics ?? [],
      difficulty: row.difficulty,
      minutes: row.minutes,
    }),
  );
  return practiseNext({
    dimensions: progress.dimensions,
    topics: progress.topics,
    level: latest.level,
    prompts,
    hadPromptIds: new Set(had.flatMap((row) => (row.promptId ? [row.promptId] : []))),
  });
}

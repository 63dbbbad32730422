import { z } from 'zod';
import { ZId } from '@/lib/domain/text';
import type { PrismaClient } from '@/lib/generated/prisma/client';
import { interviewTimeMs, MAX_NOTES_PER_INTERVIEW, ZNoteText } from '@/lib/domain/guide';
import { fail, fromZodError, ok, type TResult } from '@/lib/result';
import { guideForInterviewer, requireOpenInterviewer, toNote, type TNote } from './interviewer-guide';
import { appendTimelineEvent } from './timeline';

export const ZNoteId = ZId;

/** Without an id a note is created (stamped with the interview time now); with one it is rewritten. */
export const ZSaveNoteInput = z.strictObject({ id: ZNoteId.optional(), text: ZNoteText });

const NOTE_NOT_FOUND = 'This note does not exist any more.';

/** Creates or updates one of the interviewer's private notes. */
export async function saveNote(
  prisma: PrismaClient,
  userId: string,
  interviewId: string,
  input: unknown,
  now = new Date(),
): Promise<TResult<TNote>> {
  const parsed = ZSaveNoteInput.safeParse(input);
  if (!parsed.success) return fromZodError(parsed.error);
  const { id, text } = parsed.data;
  return id === undefined ? addNote(prisma, userId, interviewId, text, now) : updateNote(prisma, userId, interviewId, id, text);
}

/**
 * A new note, stamped with the interview time at which the interviewer started it (the server's
 * clock, never the browser's). Recorded on the timeline as `note` { noteId }: the replay shows a
 * marker; the text stays in the Note row, where only the interviewer can read it.
 */
export async function addNote(
  prisma: PrismaClient,
  userId: string,
  interviewId: string,
  text: string,
  now = new Date(),
): Promise<TResult<TNote>> {
  const parsed = ZNoteText.safeParse(text);
  if (!parsed.success) return fromZodError(parsed.error);
  const loaded = await guideForInterviewer(prisma, userId, interviewId);
  if (!loaded.ok) return loaded;
  const count = await prisma.note.count({ where: { interviewId } });
  if (count >= MAX_NOTES_PER_INTERVIEW) return fail('too_large', `At most ${MAX_NOTES_PER_INTERVIEW} notes per interview.`);
  const atMs = interviewTimeMs(loaded.data.startedAt, loaded.data.endedAt, now);
  const note = await prisma.$transaction(async (tx) => {
    const row = await tx.note.create({
      data: { interviewId, authorId: userId, atMs, text: parsed.data },
      select: { id: true, atMs: true, text: true, updatedAt: true },
    });
    await appendTimelineEvent(tx, { interviewId, at: now, actorId: userId }, { kind: 'note', payload: { noteId: row.id } });
    return row;
  });
  return ok(toNote(note));
}

/** Rewrites the text of a note; its interview-time stamp stays. Author (the interviewer) only. */
export async function updateNote(
  prisma: PrismaClient,
  userId: string,
  interviewId: string,
  noteId: string,
  text: string,
): Promise<TResult<TNote>> {
  const parsed = ZNoteText.safeParse(text);
  if (!parsed.success) return fromZodError(parsed.error);
  const access = await requireOpenInterviewer(prisma, userId, interviewId);
  if (!access.ok) return access;
  // Scoped by interview and author: a note id from another interview is simply not found.
  const where = { id: noteId, interviewId, authorId: userId };
  const written = await prisma.note.updateMany({ where, data: { text: parsed.data } });
  if (written.count === 0) return fail('not_found', NOTE_NOT_FOUND);
  const row = await prisma.note.findFirst({ where, select: { id: true, atMs: true, text: true, updatedAt: true } });
  return row ? ok(toNote(row)) : fail('not_found', NOTE_NOT_FOUND);
}

'use client';

import { useCallback, useEffect, useState } from 'react';
import type { TClientSocket } from '@/components/realtime/use-realtime';
import type { TRevealedHint } from '@/lib/domain/guide';
import type { TResult } from '@/lib/result';
import type { TRoomView } from '@/lib/protocol/room';
import type { TGuideSync, TNote } from '@/lib/protocol/guide';

/** Notes in interview-time order, as the server lists them. */
function sortNotes(notes: TNote[]): TNote[] {
  return [...notes].sort((a, b) => a.atMs - b.atMs || a.id.localeCompare(b.id));
}

/**
 * The live guide state of one room: the revealed hints (both roles) and, for the interviewer,
 * the ticked key points and the notes as the server has them. Starts from the page's view and
 * resynchronises on every (re)connect, so a reveal missed while offline shows up.
 */
export function useGuide(socket: TClientSocket | null, room: TRoomView) {
  const { interviewId } = room;
  const [revealedHints, setRevealedHints] = useState<TRevealedHint[]>(room.revealedHints);
  const [checkedKeyPoints, setCheckedKeyPoints] = useState<number[]>(room.guide?.checkedKeyPoints ?? []);
  const [notes, setNotes] = useState<TNote[]>(room.guide?.notes ?? []);

  // Revealed hints only ever grow: of two lists arriving out of order, the longer is newer.
  const applyHints = useCallback(
    (hints: TRevealedHint[]) => setRevealedHints((current) => (hints.length >= current.length ? hints : current)),
    [],
  );
  const upsertNote = useCallback((note: TNote) => setNotes((list) => sortNotes([...list.filter((n) => n.id !== note.id), note])), []);
  const removeNote = useCallback((noteId: string) => setNotes((list) => list.filter((n) => n.id !== noteId)), []);

  useEffect(() => {
    if (!socket) return;
    const sync = () => {
      socket.emit('guide:sync', { interviewId }, (result: TResult<TGuideSync>) => {
        if (!result.ok) return;
        setRevealedHints(result.data.revealedHints);
        if (result.data.interviewer) {
          setCheckedKeyPoints(result.data.interviewer.checkedKeyPoints);
          setNotes(sortNotes(result.data.interviewer.notes));
        }
      });
    };
    const mine = <T extends { interviewId: string }>(handler: (payload: T) => void) => (payload: T) => {
      if (payload.interviewId === interviewId) handler(payload);
    };
    const onRevealed = mine(({ hints }: { interviewId: string; hints: TRevealedHint[] }) => applyHints(hints));
    const onChecked = mine(({ checkedKeyPoints: next }: { interviewId: string; checkedKeyPoints: number[] }) =>
      setCheckedKeyPoints(next),
    );
    const onNoteSaved = mine(({ note }: { interviewId: string; note: TNote }) => upsertNote(note));
    const onNoteDeleted = mine(({ noteId }: { interviewId: string; noteId: string }) => removeNote(noteId));

    socket.on('connect', sync);
    socket.on('hint:revealed', onRevealed);
    socket.on('guide:checked', onChecked);
    socket.on('note:saved', onNoteSaved);
    socket.on('note:deleted', onNoteDeleted);
    if (socket.connected) sync();
    return () => {
      socket.off('connect', sync);
      socket.off('hint:revealed', onRevealed);
      socket.off('guide:checked', onChecked);
      socket.off('note:saved', onNoteSaved);
      socket.off('note:deleted', onNoteDeleted);
    };
  }, [socket, interviewId, applyHints, upsertNote, removeNote]);

  return { revealedHints, applyHints, checkedKeyPoints, setCheckedKeyPoints, notes, upsertNote, removeNote };
}

export type TGuideState = ReturnType<typeof useGuide>;

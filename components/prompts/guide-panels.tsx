'use client';

import type { TClientSocket } from '@/components/realtime/use-realtime';
import type { useRoom } from '@/components/room/use-room';
import { withKeyPoint } from '@/lib/domain/guide';
import type { TRoomView } from '@/lib/use-cases/get-room';
import { EstimationCalculator } from './estimation-calculator';
import { InterviewerGuide } from './interviewer-guide';
import { NotesPanel } from './notes-panel';
import { RevealedHints } from './revealed-hints';
import { useGuide } from './use-guide';

type Props = {
  room: TRoomView;
  socket: TClientSocket | null;
  command: ReturnType<typeof useRoom>['command'];
  isEnded: boolean;
};

/**
 * The prompt panels of the room by role. The interviewer's come from `room.guide`, which the
 * server only fills in for the interviewer; the candidate gets the revealed hints and the
 * calculator.
 */
export function GuidePanels({ room, socket, command, isEnded }: Props) {
  const state = useGuide(socket, room);
  const { interviewId, guide } = room;

  if (!guide) {
    return (
      <>
        <RevealedHints hints={state.revealedHints} isInterviewer={false} />
        <EstimationCalculator isReadonly={isEnded} />
      </>
    );
  }

  return (
    <>
      <RevealedHints hints={state.revealedHints} isInterviewer />
      <InterviewerGuide
        guide={guide}
        checkedKeyPoints={state.checkedKeyPoints}
        revealedHints={state.revealedHints}
        isEnded={isEnded}
        onCheck={async (index, checked) => {
          const before = state.checkedKeyPoints;
          // Ticked at once; the server's answer (or the old state on failure) follows.
          state.setCheckedKeyPoints(withKeyPoint(before, index, checked));
          const result = await command('guide:check', { interviewId, index, checked });
          state.setCheckedKeyPoints(result.ok ? result.data.checkedKeyPoints : before);
          return result;
        }}
        onReveal={async (index) => {
          const result = await command('hint:reveal', { interviewId, index });
          if (result.ok) state.applyHints(result.data.hints);
          return result;
        }}
      />
      <NotesPanel
        notes={state.notes}
        onSave={(input) => command('note:save', { interviewId, ...input })}
        onDelete={(id) => command('note:delete', { interviewId, id })}
        onSaved={state.upsertNote}
        onDeleted={state.removeNote}
        isReadonly={isEnded}
      />
    </>
  );
}

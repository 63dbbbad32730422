'use client';

import type { useRoom } from '@/components/room/use-room';
import { withKeyPoint } from '@/lib/domain/guide';
import type { TInterviewerGuide } from '@/lib/protocol/guide';
import { InterviewerGuide } from './interviewer-guide';
import { NotesPanel } from './notes-panel';
import type { TGuideState } from './use-guide';

type TCommand = ReturnType<typeof useRoom>['command'];

type Props = {
  interviewId: string;
  /** The interviewer's guide: the server fills `room.guide` in for the interviewer only. */
  guide: TInterviewerGuide;
  state: TGuideState;
  command: TCommand;
  isEnded: boolean;
};

/** The interviewer's guide (key points, follow-ups, hint ladder, answers) wired to the room's commands. */
export function GuidePanels({ interviewId, guide, state, command, isEnded }: Props) {
  return (
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
  );
}

/**
 * The interviewer's private notes wired to the room's commands; `onAdd` runs as a note is added
 * (Alt+N). After the end the record is closed: notes are shown, not edited.
 */
export function GuideNotes({ interviewId, state, command, isEnded, onAdd, isAddQueued }: Omit<Props, 'guide'> & { onAdd?: () => void; isAddQueued?: boolean }) {
  return (
    <NotesPanel
      notes={state.notes}
      isReadonly={isEnded}
      onAdd={onAdd}
      isAddQueued={isAddQueued}
      onSave={(input) => command('note:save', { interviewId, ...input })}
      onDelete={(id) => command('note:delete', { interviewId, id })}
      onSaved={state.upsertNote}
      onDeleted={state.removeNote}
    />
  );
}

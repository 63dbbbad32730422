'use client';

import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useState } from 'react';
import type { TRoomView } from '@/lib/use-cases/get-room';
import { GuidePanels } from '@/components/prompts/guide-panels';
import { ConnectionStatus } from '@/components/realtime/connection-status';
import { useRealtime } from '@/components/realtime/use-realtime';
import { CandidateScorecard, InterviewerScorecard } from '@/components/rubric/scorecard-panel';
import { PhaseTimer } from '@/components/timer/phase-timer';
import { CallLinkPanel } from './call-link-panel';
import { ChatPanel } from './chat-panel';
import { InvitePanel } from './invite-panel';
import { ParticipantsPanel } from './participants-panel';
import { SavedIndicator } from './saved-indicator';
import { useRoom } from './use-room';
import { BoardEditorProvider } from '@/components/whiteboard/editor-context';
import type { TSaveState } from '@/components/whiteboard/save-tracker';

// tldraw is ~540 KB gzipped: never in the page's first load, never rendered on the server.
const Whiteboard = dynamic(() => import('@/components/whiteboard/whiteboard').then((m) => m.Whiteboard), {
  ssr: false,
  loading: () => <div className="board-loading">Loading the whiteboard…</div>,
});

const STATUS_LABELS = { scheduled: 'Scheduled', live: 'Live', ended: 'Ended' } as const;

type Props = { room: TRoomView; licenseKey: string | null };

/** The room page's client root. The board's editor is shared with the side panels (the calculator). */
export function RoomShell(props: Props) {
  return (
    <BoardEditorProvider>
      <Room {...props} />
    </BoardEditorProvider>
  );
}

function Room({ room, licenseKey }: Props) {
  const { socket, state } = useRealtime();
  const { live, joinError, command } = useRoom(socket, room);
  const [actionError, setActionError] = useState<string | null>(null);
  const [saveState, setSaveState] = useState<TSaveState>('saved');
  const isInterviewer = room.me.role === 'interviewer';
  const isEnded = live.status === 'ended';
  const myName = live.participants.find((p) => p.userId === room.me.userId)?.name ?? 'Me';

  // Start (in the timer) and End are timer commands: one path for the clock and the lifecycle.
  async function endInterview() {
    if (!window.confirm('End the interview for everyone? The board becomes read-only.')) return;
    const result = await command('timer:command', { interviewId: room.interviewId, command: { type: 'end' } });
    setActionError(result.ok ? null : result.error.message);
  }

  return (
    <div className="room">
      <header className="room-header">
        <div className="grow">
          <h1>{room.title}</h1>
          <p className="muted row">
            <span>Level {room.level}</span>
            <span>·</span>
            <span>{room.durationMinutes} min</span>
            <span>·</span>
            <span className={`status-badge ${live.status}`} data-testid="interview-status">
              {STATUS_LABELS[live.status]}
            </span>
            <span>·</span>
            <span>You are the {room.me.role}</span>
          </p>
        </div>
        <PhaseTimer
          socket={socket}
          interviewId={room.interviewId}
          joined={live.timer}
          canControl={isInterviewer}
          onCommand={(timerCommand) => command('timer:command', { interviewId: room.interviewId, command: timerCommand })}
        />
        <ConnectionStatus state={state} />
        <SavedIndicator state={saveState} />
        {isInterviewer ? <InterviewerScorecard interviewId={room.interviewId} targetLevel={room.level} status={live.status} /> : null}
        {isInterviewer && !isEnded ? (
          <div className="row">
            <button type="button" className="button danger" onClick={() => void endInterview()}>
              End interview
            </button>
          </div>
        ) : null}
      </header>
      {joinError || actionError ? (
        <p className="alert error" role="alert">
          {joinError ?? actionError}
        </p>
      ) : null}
      {isEnded ? (
        <p className="alert info" role="status">
          This interview has ended. The whiteboard is read-only.{' '}
          <Link href={`/interviews/${encodeURIComponent(room.interviewId)}/review`}>Review</Link>
        </p>
      ) : null}
      <div className="room-body">
        <aside className="room-sidebar">
          <section className="panel" aria-label="Prompt">
            <h2>Prompt</h2>
            <p className="statement">{room.statement}</p>
          </section>
          {isInterviewer ? null : <CandidateScorecard interviewId={room.interviewId} targetLevel={room.level} status={live.status} />}
          <GuidePanels room={room} socket={socket} command={command} isEnded={isEnded} />
          <ParticipantsPanel participants={live.participants} online={live.online} myUserId={room.me.userId} />
          {isInterviewer ? (
            <InvitePanel
              inviteToken={room.inviteToken}
              onManage={async (action) => {
                const result = await command('invite:manage', { interviewId: room.interviewId, action });
                return result.ok ? result.data : result.error.message;
              }}
            />
          ) : null}
          <CallLinkPanel
            callLink={live.callLink}
            isReadonly={isEnded}
            onSave={async (link) => {
              const result = await command('room:set-call-link', { interviewId: room.interviewId, callLink: link });
              return result.ok ? null : result.error.message;
            }}
          />
          <ChatPanel
            messages={live.chat}
            participants={live.participants}
            myUserId={room.me.userId}
            canSend={state.status === 'connected' && !isEnded}
            onSend={async (text) => {
              const result = await command('chat:send', { interviewId: room.interviewId, text });
              return result.ok ? null : result.error.message;
            }}
          />
        </aside>
        <section className="board" aria-label="Whiteboard">
          {socket ? (
            <Whiteboard
              socket={socket}
              interviewId={room.interviewId}
              isReadonly={isEnded}
              licenseKey={licenseKey}
              userName={myName}
              userId={room.me.userId}
              onSaveStateChange={setSaveState}
            />
          ) : (
            <div className="board-loading">Connecting…</div>
          )}
        </section>
      </div>
    </div>
  );
}

'use client';

import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { TRoomView } from '@/lib/protocol/room';
import { EstimationCalculator } from '@/components/prompts/estimation-calculator';
import { GuideNotes, GuidePanels } from '@/components/prompts/guide-panels';
import { RevealedHints } from '@/components/prompts/revealed-hints';
import { useGuide } from '@/components/prompts/use-guide';
import { ConnectionStatus } from '@/components/realtime/connection-status';
import { useRealtime } from '@/components/realtime/use-realtime';
import { CandidateScorecard, InterviewerScorecard } from '@/components/rubric/scorecard-panel';
import { PhaseTimer } from '@/components/timer/phase-timer';
import { Tabs, useStoredTab, type TTab } from '@/components/ui/tabs';
import { CallDock } from '@/components/call/call-dock';
import { useCall } from '@/components/call/use-call';
import { useCallRecorder } from '@/components/call/use-call-recorder';
import { useClockOffset } from '@/components/timer/use-clock-offset';
import { CallLinkPanel } from './call-link-panel';
import { ChatPanel } from './chat-panel';
import { InvitePanel } from './invite-panel';
import { ParticipantsPanel } from './participants-panel';
import { SavedIndicator } from './saved-indicator';
import { useRoom } from './use-room';
import { useTitleCount, useUnreadChat } from './use-unread-chat';
import { BoardEditorProvider } from '@/components/whiteboard/editor-context';
import type { TSaveState } from '@/components/whiteboard/save-tracker';

// tldraw is ~540 KB gzipped: never in the page's first load, never rendered on the server.
const Whiteboard = dynamic(() => import('@/components/whiteboard/whiteboard').then((m) => m.Whiteboard), {
  ssr: false,
  loading: () => <div className="board-loading">Loading the whiteboard…</div>,
});

// The "API and data" pane brings Yjs and reads the board's tldraw store: loaded with the board, lazily.
const ApiPane = dynamic(() => import('./api-pane'), { ssr: false, loading: () => <p className="hint">Loading…</p> });

type Props = { room: TRoomView; licenseKey: string | null };

/** "Not started" unless a start time was set: "Scheduled" would claim a schedule nobody made. */
function statusLabel(status: TRoomView['status'], scheduledAt: number | null): string {
  if (status === 'live') return 'Live';
  if (status === 'ended') return 'Ended';
  return scheduledAt === null ? 'Not started' : 'Scheduled';
}

const INTERVIEWER_TABS = [
  { id: 'guide', label: 'Guide' },
  { id: 'notes', label: 'Notes' },
  { id: 'chat', label: 'Chat' },
  { id: 'invite', label: 'Invite' },
  // Last, so the Alt+1..4 keys people learned before it came keep their tabs.
  { id: 'api', label: 'API & data' },
] as const;
const CANDIDATE_TABS = [
  { id: 'prompt', label: 'Prompt' },
  { id: 'calculator', label: 'Calculator' },
  { id: 'chat', label: 'Chat' },
  { id: 'people', label: 'People' },
  { id: 'api', label: 'API & data' },
] as const;

/** The room page's client root. The board's editor is shared with the side panels (the calculator). */
export function RoomShell(props: Props) {
  return (
    <BoardEditorProvider>
      <Room {...props} />
    </BoardEditorProvider>
  );
}

function Room({ room, licenseKey }: Props) {
  const { socket, state } = useRealtime(room.interviewId);
  const { live, joinError, command } = useRoom(socket, room);
  const guideState = useGuide(socket, room);
  const [actionError, setActionError] = useState<string | null>(null);
  const [saveState, setSaveState] = useState<TSaveState>('saved');
  const isInterviewer = room.me.role === 'interviewer';
  const isEnded = live.status === 'ended';
  const myName = live.participants.find((p) => p.userId === room.me.userId)?.name ?? 'Me';
  const { interviewId } = room;
  const { engine, call } = useCall(socket, interviewId, isEnded);
  const peer = live.participants.find((p) => p.userId !== room.me.userId) ?? null;
  // The recording's start goes on the server's clock as this tab measured it, like the timer's.
  const clock = useClockOffset(socket);
  const recorder = useCallRecorder(interviewId, live.recording, isEnded, call.isMicOn, call.audioInputId, clock);

  const tabList = isInterviewer ? INTERVIEWER_TABS : CANDIDATE_TABS;
  // On a phone the chat shows first, under the board; on a laptop the guide or the prompt.
  const { selected, select } = useStoredTab(tabList, `mockroom:room-tabs:${interviewId}`, tabList[0].id, 'chat');
  const unread = useUnreadChat(interviewId, live.chat, room.me.userId, selected === 'chat');
  // The pane (Yjs, its share of tldraw) loads when its tab is first opened, not with the room:
  // its text lives in the board's store, so nothing is lost by mounting it late.
  const [hasOpenedPane, setHasOpenedPane] = useState(selected === 'api');
  if (selected === 'api' && !hasOpenedPane) setHasOpenedPane(true);
  useTitleCount(unread);

  // When the interview ends, the candidate's feedback form (in the prompt tab) is what comes next.
  const seenStatus = useRef(live.status);
  useEffect(() => {
    if (seenStatus.current === live.status) return;
    seenStatus.current = live.status;
    if (live.status === 'ended' && !isInterviewer) select('prompt');
  }, [live.status, isInterviewer, select]);

  // Start (in the timer) and End are timer commands: one path for the clock and the lifecycle.
  async function endInterview() {
    if (!window.confirm('End the interview for everyone? The board becomes read-only.')) return;
    const result = await command('timer:command', { interviewId, command: { type: 'end' } });
    setActionError(result.ok ? null : result.error.message);
  }

  const chat = (
    <ChatPanel
      messages={live.chat}
      participants={live.participants}
      myUserId={room.me.userId}
      isShown={selected === 'chat'}
      canSend={state.status === 'connected' && !isEnded}
      onSend={async (text) => {
        const result = await command('chat:send', { interviewId, text });
        return result.ok ? null : result.error.message;
      }}
    />
  );
  const people = (
    <>
      <ParticipantsPanel participants={live.participants} online={live.online} myUserId={room.me.userId} />
      <CallLinkPanel
        callLink={live.callLink}
        isReadonly={isEnded}
        onSave={async (link) => {
          const result = await command('room:set-call-link', { interviewId, callLink: link });
          return result.ok ? null : result.error.message;
        }}
      />
    </>
  );
  const statement = (
    <section className="panel" aria-label="Prompt">
      <h2>Prompt</h2>
      <p className="statement">{room.statement}</p>
    </section>
  );

  const contents: Record<string, ReactNode> = room.guide
    ? {
        guide: (
          <>
            {statement}
            <RevealedHints hints={guideState.revealedHints} isInterviewer />
            <GuidePanels interviewId={interviewId} guide={room.guide} state={guideState} command={command} isEnded={isEnded} />
          </>
        ),
        notes: <GuideNotes interviewId={interviewId} state={guideState} command={command} isEnded={isEnded} onAdd={() => select('notes')} />,
        api: hasOpenedPane ? <ApiPane /> : null,
        chat,
        invite: (
          <>
            <InvitePanel
              inviteToken={room.inviteToken}
              onManage={async (action) => {
                const result = await command('invite:manage', { interviewId, action });
                return result.ok ? result.data : result.error.message;
              }}
            />
            {people}
          </>
        ),
      }
    : {
        prompt: (
          <>
            <CandidateScorecard interviewId={interviewId} targetLevel={room.level} status={live.status} />
            {statement}
            <RevealedHints hints={guideState.revealedHints} isInterviewer={false} />
          </>
        ),
        api: hasOpenedPane ? <ApiPane /> : null,
        calculator: <EstimationCalculator isReadonly={isEnded} />,
        chat,
        people,
      };
  const tabs: TTab[] = tabList.map((tab) => ({
    ...tab,
    content: contents[tab.id],
    ...(tab.id === 'chat' ? { badge: unread, badgeLabel: 'unread' } : {}),
  }));

  return (
    <div className="room" data-role={room.me.role}>
      <header className="room-header">
        <div className="room-title">
          <h1 className="truncate" title={room.title}>
            {room.title}
          </h1>
          <p className="room-meta">
            <span>Level {room.level}</span>
            <span aria-hidden="true">·</span>
            <span>{room.durationMinutes} min</span>
            <span aria-hidden="true">·</span>
            <span className={`status-badge ${live.status}`} data-testid="interview-status">
              {statusLabel(live.status, room.scheduledAt)}
            </span>
            <span aria-hidden="true">·</span>
            <span>You are the {room.me.role}</span>
          </p>
        </div>
        <PhaseTimer
          socket={socket}
          interviewId={interviewId}
          joined={live.timer}
          canControl={isInterviewer}
          onCommand={(timerCommand) => command('timer:command', { interviewId, command: timerCommand })}
        />
        <div className="room-status">
          <ConnectionStatus state={state} />
          <SavedIndicator state={saveState} />
        </div>
        {isInterviewer ? (
          <div className="room-actions">
            <InterviewerScorecard interviewId={interviewId} targetLevel={room.level} status={live.status} />
            {isEnded ? null : (
              <button type="button" className="button danger" onClick={() => void endInterview()}>
                End interview
              </button>
            )}
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
          <Link href={`/interviews/${encodeURIComponent(interviewId)}/review`}>Review</Link>
          {room.swap?.half === 1 && room.swap.otherHalfId ? (
            <>
              {' · '}
              <Link href={`/interviews/${encodeURIComponent(room.swap.otherHalfId)}`} className="button primary">
                Swap roles: second half
              </Link>
            </>
          ) : null}
        </p>
      ) : null}
      <div className="room-body">
        <section className="board" aria-label="Whiteboard">
          {socket ? (
            <Whiteboard
              socket={socket}
              interviewId={interviewId}
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
        <aside className="room-side" aria-label="Room panels">
          <CallDock
            engine={engine}
            call={call}
            isEnded={isEnded}
            myName={myName}
            peerName={peer?.name ?? null}
            isPeerOnline={peer ? live.online.includes(peer.userId) : false}
            storageKey={`mockroom:call-dock:${interviewId}`}
            interviewId={interviewId}
            myUserId={room.me.userId}
            recording={live.recording}
            recorder={recorder}
            onRecordingCommand={(event, input) => command(event, input as { interviewId: string; recordingId: string; accept: boolean })}
          />
          <Tabs
            tabs={tabs}
            label="Room panels"
            storageKey={`mockroom:room-tabs:${interviewId}`}
            selected={selected}
            onSelect={select}
            hasShortcuts
          />
        </aside>
      </div>
    </div>
  );
}

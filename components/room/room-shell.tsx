'use client';

import Link from 'next/link';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { TRoomView } from '@/lib/protocol/room';
import { RevealedHints } from '@/components/prompts/revealed-hints';
import { useGuide } from '@/components/prompts/use-guide';
import { ConnectionStatus } from '@/components/realtime/connection-status';
import { useRealtime } from '@/components/realtime/use-realtime';
import { PhaseTimer } from '@/components/timer/phase-timer';
import { Tabs, useStoredTab, type TTab } from '@/components/ui/tabs';
import { lazyComponent } from '@/components/ui/lazy-component';
import { useIdle } from '@/components/ui/use-idle';
import { CallDock } from '@/components/call/call-dock';
import { useCall } from '@/components/call/use-call';
import { useCallRecorder } from '@/components/call/use-call-recorder';
import { useClockOffset } from '@/components/timer/use-clock-offset';
import { SavedIndicator } from './saved-indicator';
import { useRoom } from './use-room';
import { useTitleCount, useUnreadChat } from './use-unread-chat';
import { BoardEditorProvider } from '@/components/whiteboard/editor-context';
import type { TSaveState } from '@/components/whiteboard/save-tracker';

// tldraw is ~540 KB gzipped: never in the page's first load, never rendered on the server. Its
// chunk is requested as the room mounts, alongside the socket's, rather than once the socket exists.
const loadWhiteboard = () => import('@/components/whiteboard/whiteboard');
const Whiteboard = lazyComponent(() => loadWhiteboard().then((m) => m.Whiteboard), <div className="board-loading">Loading the whiteboard…</div>);

// What the first paint does not need comes in chunks of its own, so the room's first load stays
// near the floor every page pays (bench/page-weight.bench.ts). A hidden tab's panel mounts, and
// its chunk is fetched, when the tab is first opened or the page is first idle; every panel then
// stays mounted, as Tabs expects.
const loading = (
  <p className="hint" role="status">
    Loading…
  </p>
);
// The "API and data" pane brings Yjs and reads the board's tldraw store: loaded with the board, lazily.
const ApiPane = lazyComponent(() => import('./api-pane').then((m) => m.default), loading);
// The interviewer's first tab (below the prompt, which is in the page) and header button, fetched
// right after hydration: the candidate's page never fetches them.
const GuidePanels = lazyComponent(() => import('@/components/prompts/guide-panels').then((m) => m.GuidePanels), loading);
const InterviewerScorecard = lazyComponent(() => import('@/components/rubric/scorecard-panel').then((m) => m.InterviewerScorecard), (
  <button type="button" className="button" disabled>
    Score
  </button>
));
const GuideNotes = lazyComponent(() => import('@/components/prompts/guide-panels').then((m) => m.GuideNotes), loading);
const InvitePanel = lazyComponent(() => import('./invite-panel').then((m) => m.InvitePanel), loading);
const ChatPanel = lazyComponent(() => import('./chat-panel').then((m) => m.ChatPanel), loading);
const PeoplePanels = lazyComponent(() => import('./people-panels').then((m) => m.PeoplePanels), loading);
const EstimationCalculator = lazyComponent(() => import('@/components/prompts/estimation-calculator').then((m) => m.EstimationCalculator), loading);
// Renders nothing while the interview runs and no scorecard is out; after the end, the feedback form.
const CandidateScorecard = lazyComponent(() => import('@/components/rubric/candidate-scorecard').then((m) => m.CandidateScorecard));

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
  const isIdle = useIdle();
  // The other hidden tabs' panels: from the first idle moment, or when their tab is opened.
  const [opened, setOpened] = useState<ReadonlySet<string>>(() => new Set([selected]));
  if (!opened.has(selected)) setOpened(new Set([...opened, selected]));
  const isMounted = (tab: string) => isIdle || opened.has(tab);
  // Alt+N adds a note from any tab (NotesPanel listens for it once loaded). Pressed before the
  // notes' chunk has arrived, it opens the notes tab and the panel adds the note as it mounts.
  const [isNoteQueued, setIsNoteQueued] = useState(false);
  const hasNotes = isMounted('notes');
  useEffect(() => {
    if (!room.guide || isEnded || hasNotes) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.code !== 'KeyN') return;
      event.preventDefault();
      setIsNoteQueued(true);
      select('notes');
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [room.guide, isEnded, hasNotes, select]);

  useEffect(() => {
    void loadWhiteboard().catch(() => undefined);
  }, []);

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

  // The unread count is kept here, so the panel itself can load late.
  const chat = isMounted('chat') ? (
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
  ) : null;
  // The participants and the call link share a tab with the invite (interviewer) or have their own.
  const people = isMounted(isInterviewer ? 'invite' : 'people') ? (
    <PeoplePanels
      participants={live.participants}
      online={live.online}
      myUserId={room.me.userId}
      callLink={live.callLink}
      isReadonly={isEnded}
      onSaveCallLink={async (link) => {
        const result = await command('room:set-call-link', { interviewId, callLink: link });
        return result.ok ? null : result.error.message;
      }}
    />
  ) : null;
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
        notes: hasNotes ? (
          <GuideNotes interviewId={interviewId} state={guideState} command={command} isEnded={isEnded} onAdd={() => select('notes')} isAddQueued={isNoteQueued} />
        ) : null,
        api: hasOpenedPane ? <ApiPane /> : null,
        chat,
        invite: (
          <>
            {isMounted('invite') ? (
              <InvitePanel
                inviteToken={room.inviteToken}
                onManage={async (action) => {
                  const result = await command('invite:manage', { interviewId, action });
                  return result.ok ? result.data : result.error.message;
                }}
              />
            ) : null}
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
        calculator: isMounted('calculator') ? <EstimationCalculator isReadonly={isEnded} /> : null,
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

'use client';

import dynamic from 'next/dynamic';
import { useState } from 'react';
import type { TRoomView } from '@/lib/use-cases/get-room';
import { ConnectionStatus } from '@/components/realtime/connection-status';
import { useRealtime } from '@/components/realtime/use-realtime';
import { CallLinkPanel } from './call-link-panel';
import { ChatPanel } from './chat-panel';
import { InvitePanel } from './invite-panel';
import { ParticipantsPanel } from './participants-panel';
import { useRoom } from './use-room';

// tldraw is ~540 KB gzipped: never in the page's first load, never rendered on the server.
const Whiteboard = dynamic(() => import('@/components/whiteboard/whiteboard').then((m) => m.Whiteboard), {
  ssr: false,
  loading: () => <div className="board-loading">Loading the whiteboard…</div>,
});

const STATUS_LABELS = { scheduled: 'Scheduled', live: 'Live', ended: 'Ended' } as const;

type Props = { room: TRoomView; licenseKey: string | null };

export function RoomShell({ room, licenseKey }: Props) {
  const { socket, state } = useRealtime();
  const { live, joinError, command } = useRoom(socket, room);
  const [actionError, setActionError] = useState<string | null>(null);
  const isInterviewer = room.me.role === 'interviewer';
  const isEnded = live.status === 'ended';
  const myName = live.participants.find((p) => p.userId === room.me.userId)?.name ?? 'Me';

  async function lifecycle(event: 'interview:start' | 'interview:end') {
    if (event === 'interview:end' && !window.confirm('End the interview for everyone? The board becomes read-only.')) return;
    const result = await command(event, { interviewId: room.interviewId });
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
        <ConnectionStatus state={state} />
        {isInterviewer && !isEnded ? (
          <div className="row">
            {live.status === 'scheduled' ? (
              <button type="button" className="button primary" onClick={() => void lifecycle('interview:start')}>
                Start interview
              </button>
            ) : null}
            <button type="button" className="button danger" onClick={() => void lifecycle('interview:end')}>
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
          This interview has ended. The whiteboard is read-only.
        </p>
      ) : null}
      <div className="room-body">
        <aside className="room-sidebar">
          <section className="panel" aria-label="Prompt">
            <h2>Prompt</h2>
            <p className="statement">{room.statement}</p>
          </section>
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
            />
          ) : (
            <div className="board-loading">Connecting…</div>
          )}
        </section>
      </div>
    </div>
  );
}

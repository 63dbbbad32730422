'use client';

import { useCallback, useEffect, useState } from 'react';
import type { TResult } from '@/lib/result';
import type { TRoomLive, TRoomView } from '@/lib/protocol/room';
import type { TClientSocket } from '@/components/realtime/use-realtime';
import type { ClientToServerEvents, TAck } from '@/lib/protocol';

type TCommandEvent = {
  [E in keyof ClientToServerEvents]: Parameters<ClientToServerEvents[E]> extends [unknown, (result: never) => void] ? E : never;
}[keyof ClientToServerEvents];
type TCommandInput<E extends TCommandEvent> = Parameters<ClientToServerEvents[E]>[0];
type TCommandData<E extends TCommandEvent> = Parameters<ClientToServerEvents[E]>[1] extends TAck<infer T> ? T : never;

const NOT_CONNECTED = {
  ok: false,
  error: { code: 'internal', message: 'Not connected. Wait for the connection to return.' },
} as const satisfies TResult<never>;

/**
 * The live state of one interview room: joined on every (re)connect, then kept current from the
 * server's broadcasts. The page's server-rendered view is the starting point.
 */
export function useRoom(socket: TClientSocket | null, initial: TRoomView) {
  const interviewId = initial.interviewId;
  const [live, setLive] = useState<TRoomLive>({
    interviewId,
    status: initial.status,
    callLink: initial.callLink,
    participants: initial.participants,
    online: [],
    chat: initial.chat,
    timer: null,
    recording: null,
  });
  const [joinError, setJoinError] = useState<string | null>(null);

  useEffect(() => {
    if (!socket) return;
    // The server subscribes this socket to the room's broadcasts before it reads the state it
    // answers the join with, so a broadcast can arrive before that answer and be newer than it.
    // Broadcasts received while a join is in flight are held and applied on top of the answer.
    type TUpdate = (state: TRoomLive) => TRoomLive;
    let held: TUpdate[] | null = null;
    const update = (change: TUpdate) => {
      if (held) held.push(change);
      else setLive(change);
    };
    const join = () => {
      const mineHeld: TUpdate[] = [];
      held = mineHeld;
      socket.emit('room:join', { interviewId }, (result: TResult<TRoomLive>) => {
        if (held === mineHeld) held = null;
        if (result.ok) {
          setLive(mineHeld.reduce((state, change) => change(state), result.data));
          setJoinError(null);
        } else {
          setLive((state) => mineHeld.reduce((next, change) => change(next), state));
          setJoinError(result.error.message);
        }
      });
    };
    const mine = <T extends { interviewId: string }>(handler: (payload: T) => void) => (payload: T) => {
      if (payload.interviewId === interviewId) handler(payload);
    };
    const onPresence = mine(({ online }: { interviewId: string; online: string[] }) => update((s) => ({ ...s, online })));
    const onParticipants = mine(({ participants }: { interviewId: string; participants: TRoomLive['participants'] }) =>
      update((s) => ({ ...s, participants })),
    );
    const onUpdated = mine(({ status, callLink }: { interviewId: string; status: TRoomLive['status']; callLink: string | null }) =>
      update((s) => ({ ...s, status, callLink })),
    );
    const onChat = mine(({ message }: { interviewId: string; message: TRoomLive['chat'][number] }) =>
      update((s) => (s.chat.some((m) => m.id === message.id) ? s : { ...s, chat: [...s.chat, message] })),
    );
    const onRecording = mine(({ recording }: { interviewId: string; recording: TRoomLive['recording'] }) => update((s) => ({ ...s, recording })));
    socket.on('connect', join);
    socket.on('recording:state', onRecording);
    socket.on('room:presence', onPresence);
    socket.on('room:participants', onParticipants);
    socket.on('room:updated', onUpdated);
    socket.on('chat:message', onChat);
    if (socket.connected) join();
    return () => {
      socket.off('connect', join);
      socket.off('room:presence', onPresence);
      socket.off('room:participants', onParticipants);
      socket.off('room:updated', onUpdated);
      socket.off('chat:message', onChat);
      socket.off('recording:state', onRecording);
      if (socket.connected) socket.emit('room:leave', { interviewId });
    };
  }, [socket, interviewId]);

  /** Sends a command and resolves with the server's answer, or an error when it cannot arrive. */
  const command = useCallback(
    async <E extends TCommandEvent>(event: E, input: TCommandInput<E>): Promise<TResult<TCommandData<E>>> => {
      if (!socket?.connected) return NOT_CONNECTED;
      try {
        // The generic event name defeats socket.io's overloads; the maps above keep callers typed.
        const timed = socket.timeout(10_000) as unknown as { emitWithAck: (e: string, i: unknown) => Promise<unknown> };
        return (await timed.emitWithAck(event, input)) as TResult<TCommandData<E>>;
      } catch {
        return { ok: false, error: { code: 'internal', message: 'The server did not answer in time. Try again.' } };
      }
    },
    [socket],
  );

  return { live, joinError, command };
}

import type { PrismaClient } from '@/lib/generated/prisma/client';
import { interviewChannel } from '@/lib/protocol/room';
import { ok, type TResult } from '@/lib/result';
import { useCaseContext, type TUseCaseContext } from '@/lib/use-cases/context';
import { answerRecording, proposeRecording, stopRecording, type TRecordingOutcome } from '@/lib/use-cases/recording';
import { onInterviewCommand } from './handle';
import type { TRealtimeServer, TRealtimeSocket } from './types';

export type TRecordingDeps = { prisma: PrismaClient; now: () => number };

/**
 * Recording consent of one socket: propose, answer, stop. The use cases parse the payloads and
 * store the state; every change is broadcast to the interview's room, so both people's indicators
 * follow the server's state, never a browser's. Rate: the socket's own event budget (index.ts).
 */
export function attachRecordingHandlers(io: TRealtimeServer, socket: TRealtimeSocket, deps: TRecordingDeps): void {
  const userId = socket.data.user.id;
  const ctx = () => useCaseContext(deps.prisma, userId, deps.now());
  const run = (action: (context: TUseCaseContext, input: unknown) => Promise<TResult<TRecordingOutcome>>) => async (input: unknown, interviewId: string) => {
    const result = await action(ctx(), input);
    if (!result.ok) return result;
    if (result.data.changed) io.to(interviewChannel(interviewId)).emit('recording:state', { interviewId, recording: result.data.state });
    return ok(result.data.state);
  };
  onInterviewCommand(socket, 'recording:propose', run(proposeRecording));
  onInterviewCommand(socket, 'recording:answer', run(answerRecording));
  onInterviewCommand(socket, 'recording:stop', run(stopRecording));
}

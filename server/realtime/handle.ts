import { z } from 'zod';
import type { ClientToServerEvents } from '@/lib/protocol';
import { ZInterviewId } from '@/lib/protocol/ids';
import { fail, fromZodError, type TResult } from '@/lib/result';
import type { TRealtimeSocket } from './types';

type TUntypedSocket = { on: (event: string, listener: (...args: unknown[]) => void) => unknown };

/**
 * Registers one acknowledged event: the payload is parsed with zod, the handler's result (or a
 * clean internal error, never its message) goes back through the ack. A client that sends no
 * ack function still gets the action done, and never crashes the handler.
 */
export function onCommand<S extends z.ZodType, T>(
  socket: TRealtimeSocket,
  event: keyof ClientToServerEvents,
  schema: S,
  handler: (input: z.infer<S>) => Promise<TResult<T>>,
): void {
  // The payload is `unknown` until parsed: the typed event map describes well-behaved clients only.
  (socket as unknown as TUntypedSocket).on(event, async (raw: unknown, maybeAck: unknown) => {
    const ack = typeof maybeAck === 'function' ? (maybeAck as (result: TResult<T>) => void) : () => undefined;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return ack(fromZodError(parsed.error));
    try {
      ack(await handler(parsed.data));
    } catch (error) {
      console.error(`[realtime] ${event} failed`, error);
      ack(fail('internal', 'Something went wrong on our side. Try again.'));
    }
  });
}

const ZInterviewRef = z.looseObject({ interviewId: ZInterviewId });

/**
 * Registers one acknowledged command on an interview whose use case parses the payload itself
 * (once). Here only the interview id is read, to know which room hears about the result.
 */
export function onInterviewCommand<T>(
  socket: TRealtimeSocket,
  event: keyof ClientToServerEvents,
  handler: (input: unknown, interviewId: string) => Promise<TResult<T>>,
): void {
  onCommand(socket, event, ZInterviewRef, (input) => handler(input, input.interviewId));
}

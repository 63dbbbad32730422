import { z } from 'zod';
import type { ClientToServerEvents } from '@/lib/protocol';
import { ZInterviewId } from '@/lib/protocol/ids';
import { fail, fromZodError, type TResult } from '@/lib/result';
import type { TRealtimeSocket } from './types';

type TUntypedSocket = { on: (event: string, listener: (...args: unknown[]) => void) => unknown };

export const MALFORMED_ARGUMENTS = 'Send one payload, then the acknowledgement callback.';

/**
 * A client event's arguments, as socket.io delivers them: the acknowledgement callback (when the
 * client asked for one) is always the last. `isWellFormed` says whether the rest is exactly the
 * `payloads` the event takes: a missing payload or extra arguments before the callback must still
 * be answered (with an error) rather than leave the client waiting, or be mistaken for the ack.
 */
export function eventArgs<T>(args: unknown[], payloads: 0 | 1): { ack: ((result: TResult<T>) => void) | undefined; payload: unknown; isWellFormed: boolean } {
  const last = args.at(-1);
  const ack = typeof last === 'function' ? (last as (result: TResult<T>) => void) : undefined;
  const rest = ack ? args.slice(0, -1) : args;
  return { ack, payload: rest[0], isWellFormed: rest.length === payloads };
}

/**
 * Registers one acknowledged event: the payload is parsed with zod, the handler's result (or a
 * clean internal error, never its message) goes back through the ack. A client that sends no
 * ack function still gets the action done, and never crashes the handler.
 */
export function onCommand<S extends z.ZodType, T>(
  socket: TRealtimeSocket,
  event: keyof ClientToServerEvents,
  schema: S,
  handler: (input: z.infer<S>, payload: unknown) => Promise<TResult<T>>,
): void {
  // The payload is `unknown` until parsed: the typed event map describes well-behaved clients only.
  (socket as unknown as TUntypedSocket).on(event, async (...args: unknown[]) => {
    const { ack = () => undefined, payload, isWellFormed } = eventArgs<T>(args, 1);
    if (!isWellFormed) return ack(fail('invalid_input', MALFORMED_ARGUMENTS));
    const parsed = schema.safeParse(payload);
    if (!parsed.success) return ack(fromZodError(parsed.error));
    try {
      ack(await handler(parsed.data, payload));
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
  // The payload as it arrived goes to the use case, not zod's copy of it: copying a loose object
  // assigns each unknown key, and assigning `__proto__` swaps the copy's prototype instead of
  // adding a key, so the use case's strict schema would never see that extra field (a chat
  // message with `"__proto__": 1` was stored).
  onCommand(socket, event, ZInterviewRef, (input, payload) => handler(payload, input.interviewId));
}

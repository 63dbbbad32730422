import { z } from 'zod';
import { fail, type TResult } from '@/lib/result';

// The browser's one way to call our JSON routes: every route answers a TResult
// (`{ ok, data } | { ok, error }`); this turns a network failure or an answer that is not one
// (a proxy's HTML error page, a truncated body) into a failed TResult too, so callers handle one
// shape and never a thrown fetch.

export const OFFLINE_MESSAGE = 'Could not reach the server. Check your connection and try again.';

const ZAnswer = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() }),
  }),
]);

export type TFetchOptions<T> = Omit<RequestInit, 'body'> & {
  /** Sent as JSON (POST unless `method` says otherwise). */
  json?: unknown;
  body?: BodyInit;
  /** Checks `data` of a successful answer; without it the route's type is trusted. */
  schema?: z.ZodType<T>;
  /** The message when the server cannot be reached (default OFFLINE_MESSAGE). */
  offlineMessage?: string;
};

/** Calls one of our routes and answers its TResult; never throws (an abort still rejects). */
export async function fetchResult<T>(url: string, options: TFetchOptions<T> = {}): Promise<TResult<T>> {
  const { json, schema, offlineMessage = OFFLINE_MESSAGE, ...init } = options;
  if (json !== undefined) {
    init.method ??= 'POST';
    init.headers = { 'Content-Type': 'application/json', ...init.headers };
    init.body = JSON.stringify(json);
  }
  let body: unknown;
  let status: number;
  try {
    const response = await fetch(url, init);
    status = response.status;
    body = await response.json().catch(() => undefined);
  } catch (error) {
    if (init.signal?.aborted) throw error;
    return fail('internal', offlineMessage);
  }
  const answer = ZAnswer.safeParse(body);
  if (!answer.success) return fail('internal', `The server answered something unexpected (${status}). Try again.`);
  if (!answer.data.ok) {
    const { code, message, fields } = answer.data.error;
    return fail(code as Parameters<typeof fail>[0], message, fields);
  }
  if (!schema) return { ok: true, data: answer.data.data as T };
  const data = schema.safeParse(answer.data.data);
  return data.success ? { ok: true, data: data.data } : fail('internal', 'The server answered something unexpected. Try again.');
}

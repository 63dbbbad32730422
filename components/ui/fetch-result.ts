import { fail, type TResult } from '@/lib/result';

// The browser's one way to call our JSON routes: every route answers a TResult
// (`{ ok, data } | { ok, error }`); this turns a network failure or an answer that is not one
// (a proxy's HTML error page, a truncated body) into a failed TResult too, so callers handle one
// shape and never a thrown fetch. No zod here: this module is in every page's first load.

export const OFFLINE_MESSAGE = 'Could not reach the server. Check your connection and try again.';

type TAnswer = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether a parsed body is a TResult as our routes send it. */
function isAnswer(body: unknown): body is TAnswer {
  if (!isRecord(body)) return false;
  if (body.ok === true) return true;
  if (body.ok !== false || !isRecord(body.error)) return false;
  const { code, message, fields } = body.error;
  if (typeof code !== 'string' || typeof message !== 'string') return false;
  return fields === undefined || (isRecord(fields) && Object.values(fields).every((value) => typeof value === 'string'));
}

/** Anything with zod's `safeParse` shape (a zod schema, passed by code that already loads zod). */
export type TParser<T> = { safeParse(value: unknown): { success: true; data: T } | { success: false } };

export type TFetchOptions<T> = Omit<RequestInit, 'body'> & {
  /** Sent as JSON (POST unless `method` says otherwise). */
  json?: unknown;
  body?: BodyInit;
  /** Checks `data` of a successful answer; without it the route's type is trusted. */
  schema?: TParser<T>;
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
  if (!isAnswer(body)) return fail('internal', `The server answered something unexpected (${status}). Try again.`);
  if (!body.ok) {
    const { code, message, fields } = body.error;
    return fail(code as Parameters<typeof fail>[0], message, fields);
  }
  if (!schema) return { ok: true, data: body.data as T };
  const data = schema.safeParse(body.data);
  return data.success ? { ok: true, data: data.data } : fail('internal', 'The server answered something unexpected. Try again.');
}

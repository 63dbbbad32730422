import type { z } from 'zod';

/** What every use case, route and socket ack answers: never an internal message. */
export type TResult<T> = { ok: true; data: T } | { ok: false; error: TAppError };

export type TAppError = {
  code:
    | 'invalid_input'
    | 'unauthorized'
    | 'forbidden'
    | 'not_found'
    | 'conflict'
    | 'rate_limited'
    | 'too_large'
    | 'internal';
  message: string;
  /** Per-field messages for forms. */
  fields?: Record<string, string>;
};

export const ok = <T>(data: T): TResult<T> => ({ ok: true, data });
export const fail = (code: TAppError['code'], message: string, fields?: Record<string, string>): TResult<never> => ({
  ok: false,
  error: fields ? { code, message, fields } : { code, message },
});

export function fromZodError(error: z.ZodError): TResult<never> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    fields[key] ??= issue.message;
  }
  const first = error.issues[0];
  const where = first && first.path.length > 0 ? `${first.path.join('.')}: ` : '';
  return fail('invalid_input', `${where}${first?.message ?? 'Invalid input'}`, fields);
}

export const HTTP_STATUS: Record<TAppError['code'], number> = {
  invalid_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rate_limited: 429,
  too_large: 413,
  internal: 500,
};

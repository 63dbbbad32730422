import { z } from 'zod';

/**
 * The two string shapes every input goes through. PostgreSQL refuses a NUL byte in `text`
 * ("invalid byte sequence for encoding UTF8: 0x00") and a lone UTF-16 surrogate in `jsonb`
 * (and UTF-8 has no encoding for one: it would silently become U+FFFD), so such a string used
 * to reach the database and come back as a 500. Refusing it at the schema gives a clear 400.
 */
export function isStorableText(value: string): boolean {
  return !value.includes('\0') && value.isWellFormed();
}

export const TEXT_CHARACTERS_MESSAGE = 'contains characters that are not allowed (NUL or an unpaired surrogate)';

/** Any text a person types (chat, notes, names, prompts, comments): storable, then the caller's own rules. */
export const ZText = z.string().refine(isStorableText, TEXT_CHARACTERS_MESSAGE);

/**
 * The id of a stored row (a cuid) as it arrives in a route's path or a socket payload. One shape
 * for every id, so `%00`, `%ff` or a 10 KB string is a clear 400 and never reaches a query.
 */
export const ZId = z
  .string()
  .min(1, 'is missing')
  .max(64, 'is not a valid id')
  .regex(/^[A-Za-z0-9_-]+$/, 'is not a valid id');

import { z } from 'zod';
import { isStorableText, TEXT_CHARACTERS_MESSAGE } from './text';

// The zod schemas of ./text.ts, apart so that browser code using the text rules does not load zod.

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

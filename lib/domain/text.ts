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

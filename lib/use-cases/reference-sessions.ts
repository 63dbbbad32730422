import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ZReferenceSessionFile, type TReferenceSession } from '@/lib/domain/reference-session';

// The calibration reference sessions, read from their data files like the prompt bank: every
// `*.json` of the directory, validated, each named `<slug>.json`, slugs unique. A problem in any
// file is an error naming the file, never a session silently left out.

export const DEFAULT_REFERENCE_SESSIONS_DIR = path.join('prisma', 'reference-sessions');

/** Reads and validates every reference session of `dir`, sorted by file name. */
export async function readReferenceSessions(dir: string = DEFAULT_REFERENCE_SESSIONS_DIR): Promise<TReferenceSession[]> {
  // Read at run time from the working directory, not traced into the build (which would copy the
  // whole project into the server output).
  const resolved = path.resolve(/*turbopackIgnore: true*/ process.cwd(), dir);
  const names = (await readdir(resolved, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => entry.name)
    .sort();
  if (names.length === 0) throw new Error(`${resolved}: no reference session files`);
  const problems: string[] = [];
  const sessions: TReferenceSession[] = [];
  const slugs = new Set<string>();
  for (const name of names) {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(path.join(/*turbopackIgnore: true*/ resolved, name), 'utf8'));
    } catch (error) {
      problems.push(`${name}: ${(error as Error).message}`);
      continue;
    }
    const parsed = ZReferenceSessionFile.safeParse(raw);
    if (!parsed.success) {
      problems.push(`${name}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
      continue;
    }
    if (`${parsed.data.slug}.json` !== name) problems.push(`${name}: the file must be named ${parsed.data.slug}.json`);
    if (slugs.has(parsed.data.slug)) problems.push(`${name}: slug ${parsed.data.slug} is used twice`);
    slugs.add(parsed.data.slug);
    sessions.push(parsed.data);
  }
  if (problems.length > 0) throw new Error(`invalid reference sessions:\n- ${problems.join('\n- ')}`);
  return sessions;
}

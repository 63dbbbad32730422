// The New interview form's prompt picker: which prompts match what was typed, in which order,
// and which one a random pick takes. Pure: the form passes the options, the level and a random
// source.
import type { TLevel } from './interview';
import { compareTitles, LEVEL_DIFFICULTIES } from './prompt-bank';
import { topicLabel } from './prompt';

export type TSearchablePrompt = { id: string; title: string; topics: string[]; statement: string; difficulty: number };

/** Lower case without accents, so "Répartition" matches "repartition". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

/** Whether a prompt of `difficulty` makes a fair interview at `level`. */
export function suitsLevel(difficulty: number, level: TLevel): boolean {
  return (LEVEL_DIFFICULTIES[level] as readonly number[]).includes(difficulty);
}

/**
 * The prompts matching `query` (every word found in the title, a topic or the statement, case
 * and accents ignored), ordered for the level: those that suit it first; within each part, title
 * matches before topic or statement matches, those `had` (by the known candidate) last, then by
 * title regardless of case.
 */
export function searchPrompts<T extends TSearchablePrompt>(prompts: readonly T[], query: string, level: TLevel, had: ReadonlySet<string> = new Set()): T[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const scored: Array<{ prompt: T; suits: boolean; inTitle: boolean; isHad: boolean }> = [];
  for (const prompt of prompts) {
    const title = fold(prompt.title);
    const rest = fold([...prompt.topics.map((topic) => topicLabel(topic) ?? topic), prompt.statement].join(' '));
    if (!words.every((word) => title.includes(word) || rest.includes(word))) continue;
    scored.push({
      prompt,
      suits: suitsLevel(prompt.difficulty, level),
      inTitle: words.length > 0 && words.every((word) => title.includes(word)),
      isHad: had.has(prompt.id),
    });
  }
  scored.sort(
    (a, b) =>
      Number(b.suits) - Number(a.suits) ||
      Number(b.inTitle) - Number(a.inTitle) ||
      Number(a.isHad) - Number(b.isHad) ||
      compareTitles(a.prompt.title, b.prompt.title),
  );
  return scored.map((s) => s.prompt);
}

/**
 * A random prompt that suits `level` and is not among `had`; null when every suitable prompt was
 * had. `random` returns a number in [0, 1), like Math.random.
 */
export function pickRandomPrompt<T extends TSearchablePrompt>(
  prompts: readonly T[],
  level: TLevel,
  had: ReadonlySet<string>,
  random: () => number = Math.random,
): T | null {
  const fresh = prompts.filter((prompt) => suitsLevel(prompt.difficulty, level) && !had.has(prompt.id));
  if (fresh.length === 0) return null;
  return fresh[Math.min(fresh.length - 1, Math.floor(random() * fresh.length))] ?? null;
}

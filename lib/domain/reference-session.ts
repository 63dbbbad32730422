/**
 * Reference sessions for interviewer calibration: a whole L5 interview written as data (a board
 * drawn over time with the system-design blocks, the interviewer's notes, the phase history) with
 * reference scores and a short rationale per rubric dimension. They ship as files in
 * `prisma/reference-sessions/*.json`, loaded like the prompt bank; each names a built-in prompt
 * by slug. Pure module: the schema, and the board timeline a file stands for, built as tldraw's
 * own records so the normal replay can show it.
 */
import { z } from 'zod';
import type { TReplayEvent, TReplayKeyframe, TReplayRecord } from './board-replay';
import { DIMENSION_IDS, type TDimensionId } from './rubric';
import { ZLevelEstimate, ZRecommendation } from './rubric-schema';
import { SD_KINDS, SD_META_KEY, sdShapeSpec } from './system-design-shapes';
import { KEBAB_CASE } from './prompt';

const text = (max: number) => z.string().trim().min(1).max(max);
const ZAtMs = z.int().min(0).max(3 * 60 * 60_000);

/** A block put on the board: a system-design kind (not the region frame) with its own label. */
const ZBlock = z.strictObject({
  id: z.string().regex(KEBAB_CASE),
  kind: z.enum(SD_KINDS).exclude(['region']),
  label: text(80),
  x: z.number().min(-5000).max(5000),
  y: z.number().min(-5000).max(5000),
});

const ZBoardStep = z.strictObject({
  /** Interview time (ms since the start). */
  atMs: ZAtMs,
  add: z.array(ZBlock).default([]),
  /** Block ids taken off the board. */
  remove: z.array(z.string()).default([]),
  /** Label changes of blocks already on the board. */
  relabel: z.array(z.strictObject({ id: z.string(), label: text(80) })).default([]),
});

export const REFERENCE_BANDS = ['weak', 'strong'] as const;

export const ZReferenceSessionFile = z
  .strictObject({
    /** Stable key, in the page's address, so it says nothing of the band either; the file is `<slug>.json`. */
    slug: z.string().regex(KEBAB_CASE).max(80),
    /** The built-in prompt the session runs (prisma/prompts/<promptSlug>.json). */
    promptSlug: z.string().regex(KEBAB_CASE).max(80),
    level: z.literal('L5'),
    band: z.enum(REFERENCE_BANDS),
    /** What the interviewer sees in the list; says nothing of the band ("Distributed rate limiter, session A"). */
    title: text(120),
    /** One paragraph on what the session shows and why it is a weak or strong L5, shown once the interviewer has scored it. */
    debrief: text(600),
    durationMinutes: z.int().min(10).max(120),
    /** When each phase began (interview time), in order. */
    phases: z.array(z.strictObject({ name: text(60), startMs: ZAtMs })).min(1),
    notes: z.array(z.strictObject({ atMs: ZAtMs, text: text(600) })).min(1),
    board: z.array(ZBoardStep).min(1),
    reference: z.strictObject({
      scores: z.strictObject(
        Object.fromEntries(DIMENSION_IDS.map((id) => [id, z.strictObject({ score: z.int().min(1).max(4), rationale: text(600) })])) as Record<
          TDimensionId,
          z.ZodObject<{ score: z.ZodInt; rationale: z.ZodString }>
        >,
      ),
      levelEstimate: ZLevelEstimate,
      recommendation: ZRecommendation,
    }),
  })
  .superRefine((session, ctx) => {
    const end = session.durationMinutes * 60_000;
    const ordered = (times: number[]) => times.every((t, i) => i === 0 || t >= times[i - 1]!);
    if (!ordered(session.phases.map((p) => p.startMs)) || session.phases[0]!.startMs !== 0) {
      ctx.addIssue({ code: 'custom', path: ['phases'], message: 'phases start at 0 and in order' });
    }
    if (!ordered(session.board.map((s) => s.atMs))) ctx.addIssue({ code: 'custom', path: ['board'], message: 'board steps in time order' });
    for (const [path, at] of [...session.notes.map((n, i) => [`notes.${i}`, n.atMs] as const), ...session.board.map((s, i) => [`board.${i}`, s.atMs] as const)]) {
      if (at > end) ctx.addIssue({ code: 'custom', path: [path], message: 'after the end of the session' });
    }
    const onBoard = new Set<string>();
    session.board.forEach((step, i) => {
      for (const id of [...step.remove, ...step.relabel.map((r) => r.id)]) {
        if (!onBoard.has(id)) ctx.addIssue({ code: 'custom', path: ['board', i], message: `"${id}" is not on the board` });
      }
      for (const id of step.remove) onBoard.delete(id);
      for (const block of step.add) {
        if (onBoard.has(block.id)) ctx.addIssue({ code: 'custom', path: ['board', i], message: `"${block.id}" is on the board already` });
        onBoard.add(block.id);
      }
    });
  });
export type TReferenceSession = z.infer<typeof ZReferenceSessionFile>;

export const PAGE_ID = 'page:page';

/** The document and page records every board starts with (tldraw's defaults). */
function baseRecords(): TReplayRecord[] {
  return [
    { id: 'document:document', typeName: 'document', gridSize: 10, name: '', meta: {} },
    { id: PAGE_ID, typeName: 'page', name: 'Page 1', index: 'a1', meta: {} },
  ];
}

function richText(label: string) {
  return { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: label }] }] };
}

/** The tldraw geo record of a block, as the system-design panel would have made it. */
export function blockRecord(block: z.infer<typeof ZBlock>, order: number): TReplayRecord {
  const spec = sdShapeSpec(block.kind)!;
  return {
    id: `shape:ref-${block.id}`,
    typeName: 'shape',
    type: 'geo',
    x: block.x,
    y: block.y,
    rotation: 0,
    // Fractional index keys in insertion order ("a1", "a2", ... "a9", "aA", ...): tldraw's own alphabet.
    index: `a${'123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'[order] ?? 'z'}`,
    parentId: PAGE_ID,
    isLocked: false,
    opacity: 1,
    meta: { [SD_META_KEY]: block.kind },
    props: {
      w: spec.w,
      h: spec.h,
      geo: spec.shape === 'frame' ? 'rectangle' : spec.shape,
      dash: 'solid',
      growY: 0,
      url: '',
      scale: 1,
      flipX: false,
      flipY: false,
      color: spec.color,
      labelColor: spec.color,
      fill: 'semi',
      size: 's',
      font: 'sans',
      align: 'middle',
      verticalAlign: 'middle',
      richText: richText(block.label),
    },
  };
}

export type TReferenceTimeline = {
  keyframes: TReplayKeyframe[];
  events: TReplayEvent[];
  /** Epoch ms of each marker, in time order. */
  markers: Array<{ at: number; kind: 'phase' | 'note' | 'end'; label: string }>;
  endedAt: number;
};

/**
 * The board timeline a reference session stands for, as if it had started at `startedAt`: a
 * keyframe of the empty page at the start, one board event per step (document clocks 1, 2, ...),
 * and markers for the phases, the notes and the end.
 */
export function referenceTimeline(session: TReferenceSession, startedAt: number): TReferenceTimeline {
  const keyframes: TReplayKeyframe[] = [{ at: startedAt, clock: 0, records: baseRecords() }];
  const events: TReplayEvent[] = [];
  const current = new Map<string, TReplayRecord>();
  let order = 0;
  session.board.forEach((step, i) => {
    const puts: Record<string, TReplayRecord> = {};
    const deletes: string[] = [];
    for (const id of step.remove) {
      deletes.push(`shape:ref-${id}`);
      current.delete(id);
    }
    for (const block of step.add) {
      const record = blockRecord(block, order++);
      current.set(block.id, record);
      puts[record.id] = record;
    }
    for (const { id, label } of step.relabel) {
      const before = current.get(id);
      if (!before) continue;
      const record = { ...before, props: { ...(before.props as object), richText: richText(label) } };
      current.set(id, record);
      puts[record.id] = record;
    }
    events.push({ at: startedAt + step.atMs, sinceClock: i, clock: i + 1, diff: { puts, deletes } });
  });
  const endedAt = startedAt + session.durationMinutes * 60_000;
  const markers: TReferenceTimeline['markers'] = [
    ...session.phases.map((phase, i) => ({ at: startedAt + phase.startMs, kind: 'phase' as const, label: `Phase ${i + 1}` })),
    ...session.notes.map((note) => ({ at: startedAt + note.atMs, kind: 'note' as const, label: 'Note' })),
    { at: endedAt, kind: 'end' as const, label: 'End' },
  ].sort((a, b) => a.at - b.at);
  return { keyframes, events, markers, endedAt };
}

/** Per dimension the interviewer's score minus the reference's, and the mean absolute gap. */
export function calibrationGap(
  scores: Readonly<Record<TDimensionId, number>>,
  reference: Readonly<Record<TDimensionId, { score: number }>>,
): { gaps: Record<TDimensionId, number>; meanAbsoluteGap: number } {
  const gaps = Object.fromEntries(DIMENSION_IDS.map((id) => [id, scores[id] - reference[id].score])) as Record<TDimensionId, number>;
  const meanAbsoluteGap = DIMENSION_IDS.reduce((sum, id) => sum + Math.abs(gaps[id]), 0) / DIMENSION_IDS.length;
  return { gaps, meanAbsoluteGap };
}

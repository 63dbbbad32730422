import { createTLStore, defaultShapeUtils, type TLRecord } from 'tldraw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardAt, buildFrames, shapesOf } from '@/lib/domain/board-replay';
import { calibrationGap, referenceTimeline, type TReferenceSession } from '@/lib/domain/reference-session';
import { DIMENSION_IDS, suggestLevel, suggestRecommendation, type TScores } from '@/lib/domain/rubric';
import { sdKindOf } from '@/lib/domain/system-design-shapes';
import { readReferenceSessions } from '@/lib/use-cases/reference-sessions';
import { startTestServer, type TTestServer } from '../helpers/app-server';
import { fingerprint } from '../helpers/fingerprint';

// The calibration reference sessions (prisma/reference-sessions): they load, name built-in
// prompts the server loaded, cover two prompts at a weak and a strong L5 each, hold records
// tldraw accepts, and their boards rebuild at every marker with what the data says was drawn by then.

let server: TTestServer;
let sessions: TReferenceSession[];
beforeAll(async () => {
  server = await startTestServer();
  sessions = await readReferenceSessions();
});
afterAll(async () => {
  await server?.cleanup();
});

/** Block ids on the board at interview time `atMs`, from the data alone. */
function expectedBlocks(session: TReferenceSession, atMs: number): Map<string, string> {
  const labels = new Map<string, string>();
  for (const step of session.board) {
    if (step.atMs > atMs) break;
    for (const id of step.remove) labels.delete(id);
    for (const block of step.add) labels.set(block.id, block.label);
    for (const { id, label } of step.relabel) labels.set(id, label);
  }
  return labels;
}

describe('reference sessions', () => {
  it('load: at least two prompts, each with a weak and a strong L5 session, on built-in prompts, scores matching the rubric rule', async () => {
    expect(sessions.length).toBeGreaterThanOrEqual(4);
    const byPrompt = new Map<string, Set<string>>();
    for (const session of sessions) byPrompt.set(session.promptSlug, (byPrompt.get(session.promptSlug) ?? new Set()).add(session.band));
    expect([...byPrompt.values()].filter((bands) => bands.has('weak') && bands.has('strong')).length).toBeGreaterThanOrEqual(2);
    const prompts = await server.services.prisma.prompt.findMany({ where: { slug: { in: [...byPrompt.keys()] }, authorId: null }, select: { slug: true } });
    expect(prompts.map((p) => p.slug).sort()).toEqual([...byPrompt.keys()].sort());
    for (const session of sessions) {
      const scores = Object.fromEntries(DIMENSION_IDS.map((id) => [id, session.reference.scores[id].score])) as TScores;
      expect(session.reference.levelEstimate, `${session.slug}: level as the rubric rule suggests`).toBe(suggestLevel(scores, session.level));
      expect(session.reference.recommendation, `${session.slug}: recommendation as the rule suggests`).toBe(suggestRecommendation(scores, session.level));
      const mean = DIMENSION_IDS.reduce((sum, id) => sum + scores[id], 0) / DIMENSION_IDS.length;
      expect(session.band === 'strong' ? mean >= 3 : mean < 2.75, `${session.slug}: a ${session.band} answer`).toBe(true);
      // Scoring exactly like the reference is no gap; one point off on every dimension is a gap of 1.
      expect(calibrationGap(scores, session.reference.scores).meanAbsoluteGap).toBe(0);
    }
  });

  it("rebuild their boards at every marker, with records tldraw's schema accepts", () => {
    const store = createTLStore({ shapeUtils: defaultShapeUtils });
    for (const session of sessions) {
      const startedAt = Date.UTC(2026, 0, 1, 9);
      const timeline = referenceTimeline(session, startedAt);
      const frames = buildFrames(timeline);
      expect(timeline.markers.filter((m) => m.kind === 'phase')).toHaveLength(session.phases.length);
      expect(timeline.markers.filter((m) => m.kind === 'note')).toHaveLength(session.notes.length);
      expect(timeline.markers.at(-1)).toMatchObject({ kind: 'end', at: timeline.endedAt });
      for (const marker of timeline.markers) {
        const doc = boardAt(frames, marker.at);
        const shapes = shapesOf(doc);
        const expected = expectedBlocks(session, marker.at - startedAt);
        expect(shapes.map((s) => s.id).sort(), `${session.slug} at ${marker.label}`).toEqual([...expected.keys()].map((id) => `shape:ref-${id}`).sort());
        for (const shape of shapes) {
          expect(sdKindOf(shape.meta), `${shape.id} is a system-design block`).toBeDefined();
          const label = (shape.props as { richText: { content: Array<{ content: Array<{ text: string }> }> } }).richText.content[0]!.content[0]!.text;
          expect(label).toBe(expected.get(shape.id.replace('shape:ref-', '')));
        }
        // tldraw validates every record it is given: a prop it does not know or a bad value throws.
        store.clear();
        expect(() => store.put(Object.values(doc) as unknown as TLRecord[])).not.toThrow();
      }
      expect(shapesOf(boardAt(frames, timeline.endedAt)).length).toBe(expectedBlocks(session, Infinity).size);
    }
  });
});

describe('calibration against a reference session', () => {
  it('keeps the reference out of every payload until the interviewer has scored, then shows the gap per dimension and on the profile', async () => {
    const { signedInClient } = await import('../helpers/room-fixtures');
    const interviewer = await signedInClient(server, 'calibrating');
    const session = sessions.find((s) => s.band === 'weak')!;
    const page = async () => {
      const response = await interviewer.client.request(`/calibration/${session.slug}`);
      expect(response.status).toBe(200);
      return response.text();
    };
    const secrets = [session.debrief, ...DIMENSION_IDS.map((id) => session.reference.scores[id].rationale)].map(fingerprint);
    const before = await page();
    expect(before).toContain(session.title);
    for (const secret of secrets) expect(before.includes(secret), secret).toBe(false);
    expect(await (await interviewer.client.request('/settings')).text()).toContain('You have not scored a reference session yet.');

    // The replay's timeline: the same frames as the data.
    const timeline = await interviewer.client.request(`/api/calibration/${session.slug}/board-timeline`);
    expect(timeline.status).toBe(200);
    const { data } = (await timeline.json()) as { data: { events: unknown[]; markers: unknown[]; keyframes: unknown[] } };
    expect(data.events).toHaveLength(session.board.length);
    expect(data.markers).toHaveLength(session.phases.length + session.notes.length + 1);
    const timelineText = JSON.stringify(data);
    for (const secret of secrets) expect(timelineText.includes(secret)).toBe(false);

    // Scores one point above the reference on every dimension that allows it.
    const scores = Object.fromEntries(DIMENSION_IDS.map((id) => [id, { score: Math.min(4, session.reference.scores[id].score + 1), comment: '' }]));
    const expectedGap = DIMENSION_IDS.reduce((sum, id) => sum + (session.reference.scores[id].score < 4 ? 1 : 0), 0) / DIMENSION_IDS.length;
    const bad = await interviewer.client.request(`/api/calibration/${session.slug}`, { method: 'POST', json: { scores: {}, levelEstimate: 'L5', recommendation: 'yes' } });
    expect(bad.status).toBe(400);
    const unknown = await interviewer.client.request('/api/calibration/no-such-session', { method: 'POST', json: { scores, levelEstimate: 'L5', recommendation: 'yes', summary: '' } });
    expect(unknown.status).toBe(404);
    const submitted = await interviewer.client.request(`/api/calibration/${session.slug}`, { method: 'POST', json: { scores, levelEstimate: 'L5', recommendation: 'yes', summary: '' } });
    expect(submitted.status).toBe(201);
    expect(await submitted.json()).toEqual({ ok: true, data: { version: 1, meanAbsoluteGap: expectedGap } });

    const after = await page();
    for (const secret of secrets) expect(after.includes(secret), secret).toBe(true);
    expect(after).toContain(`Mean absolute gap <strong>${expectedGap.toFixed(2)}</strong>`);
    expect(await (await interviewer.client.request('/settings')).text()).toContain(`Mean absolute gap to the reference scores: ${expectedGap.toFixed(2)} over 1 reference session.`);
    // Another user has not scored it: still nothing of the reference for them.
    const other = await signedInClient(server, 'other');
    const theirs = await (await other.client.request(`/calibration/${session.slug}`)).text();
    for (const secret of secrets) expect(theirs.includes(secret)).toBe(false);
  });
});

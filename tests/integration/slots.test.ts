import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TReminder, TSlotsView, TSlotView } from '@/lib/protocol/slots';
import { useCaseContext } from '@/lib/use-cases/context';
import { dueReminders } from '@/lib/use-cases/slots';
import { startTestServer, type TTestServer } from '../helpers/app-server';
import { signedInClient, type TSignedInClient } from '../helpers/room-fixtures';

let server: TTestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.cleanup();
});

const HOUR = 60 * 60_000;
type TAnswer<T> = { status: number; data: T | null; error: { message: string } | null };

async function call<T>(person: TSignedInClient, path: string, json?: unknown): Promise<TAnswer<T>> {
  const response = await person.client.request(path, json === undefined ? {} : { method: 'POST', json });
  const body = (await response.json()) as { ok: boolean; data?: T; error?: { message: string } };
  return { status: response.status, data: body.ok ? body.data! : null, error: body.ok ? null : body.error! };
}

const offer = (person: TSignedInClient, input: Record<string, unknown>) =>
  call<TSlotView>(person, '/api/slots', { startsAt: new Date(Date.now() + 2 * HOUR).toISOString(), durationMinutes: 45, ownerRole: 'interviewer', level: 'L5', ...input });
const list = async (person: TSignedInClient) => (await call<TSlotsView>(person, '/api/slots')).data!;

/** The calendar file as a calendar reads it. */
async function calendarOf(person: TSignedInClient, slotId: string) {
  const response = await person.client.request(`/api/slots/${slotId}/calendar.ics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toContain('text/calendar');
  const text = await response.text();
  const calendar = new ICAL.Component(ICAL.parse(text));
  const event = calendar.getFirstSubcomponent('vevent')!;
  return {
    method: String(calendar.getFirstPropertyValue('method')),
    uid: String(event.getFirstPropertyValue('uid')),
    sequence: Number(event.getFirstPropertyValue('sequence')),
    status: String(event.getFirstPropertyValue('status')),
    start: (event.getFirstPropertyValue('dtstart') as ICAL.Time).toJSDate().getTime(),
    url: String(event.getFirstPropertyValue('url')),
    description: String(event.getFirstPropertyValue('description')),
  };
}

describe('booked slots', () => {
  it('one offers a time, another books it: both have the interview scheduled, a calendar file, and a reminder ten minutes before', async () => {
    const db = server.services.prisma;
    const [ivy, joe] = [await person('ivy'), await person('joe')];
    const startsAt = Math.floor((Date.now() + 3 * HOUR) / 60_000) * 60_000;
    const offered = await offer(ivy, { startsAt: new Date(startsAt).toISOString() });
    expect(offered.status).toBe(201);
    expect(offered.data).toMatchObject({ status: 'open', isMine: true, myRole: 'interviewer', startsAt });
    const seen = (await list(joe)).open.find((slot) => slot.id === offered.data!.id);
    expect(seen).toMatchObject({ myRole: 'candidate', partnerName: ivy.user.name, isMine: false });
    expect((await call(ivy, `/api/slots/${offered.data!.id}/book`, {})).status).toBe(404);

    // Two bookings at once: one wins.
    const kai = await person('kai');
    const [a, b] = await Promise.all([call<TSlotView>(joe, `/api/slots/${offered.data!.id}/book`, {}), call<TSlotView>(kai, `/api/slots/${offered.data!.id}/book`, {})]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [winner, loser] = a.status === 200 ? [joe, kai] : [kai, joe];
    expect(await db.slot.count({ where: { id: offered.data!.id, bookedById: winner.userId } })).toBe(1);
    expect((await list(loser)).mine).toEqual([]);

    const booked = (await list(winner)).mine[0]!;
    expect(booked).toMatchObject({ status: 'booked', myRole: 'candidate', partnerName: ivy.user.name });
    const interview = await db.interview.findUniqueOrThrow({ where: { id: booked.interviewId! }, include: { participants: true } });
    expect(interview.status).toBe('scheduled');
    expect(interview.scheduledAt?.getTime()).toBe(startsAt);
    expect(interview.participants.map((p) => [p.userId, p.role]).sort()).toEqual([[ivy.userId, 'interviewer'], [winner.userId, 'candidate']].sort());
    expect(await (await winner.client.request('/dashboard')).text()).toContain('Scheduled for');

    for (const who of [ivy, winner]) {
      const event = await calendarOf(who, booked.id);
      expect(event).toMatchObject({ method: 'REQUEST', uid: `${booked.id}@mockroom`, status: 'CONFIRMED', start: startsAt });
      expect(event.url).toMatch(new RegExp(`/interviews/${booked.interviewId}$`));
    }
    expect((await (await person('stranger')).client.request(`/api/slots/${booked.id}/calendar.ics`)).status).toBe(404);

    // The reminder, with the clock injected: not two hours before, but ten minutes before.
    const reminders = (now: number) => dueReminders(useCaseContext(db, winner.userId, now));
    expect(await reminders(startsAt - 2 * HOUR)).toEqual([]);
    const due: TReminder[] = await reminders(startsAt - 9 * 60_000);
    expect(due).toEqual([{ slotId: booked.id, interviewId: booked.interviewId, startsAt, partnerName: ivy.user.name }]);
    expect((await call<TReminder[]>(winner, '/api/slots/reminders')).data).toEqual([]);
  });

  it('either can cancel with a reason: the other sees it, the calendar file becomes a cancellation, the scheduled interview goes', async () => {
    const db = server.services.prisma;
    const [lea, max] = [await person('lea'), await person('max')];
    const offered = (await offer(lea, { ownerRole: 'swap', level: 'L4', durationMinutes: 30, startsAt: new Date(Date.now() + 5 * HOUR + 30_000).toISOString() })).data!;
    expect(offered.startsAt % 60_000).toBe(0);
    expect((await call<TSlotView>(max, `/api/slots/${offered.id}/book`, {})).status).toBe(200);
    const halves = await db.interview.findMany({ where: { swapGroupId: offered.id }, orderBy: { swapHalf: 'asc' }, include: { participants: true } });
    expect(halves.map((h) => h.scheduledAt!.getTime() - offered.startsAt)).toEqual([0, 30 * 60_000]);
    expect(halves[0]!.participants.find((p) => p.userId === max.userId)?.role).toBe('candidate');
    const before = await calendarOf(max, offered.id);

    expect((await call(max, `/api/slots/${offered.id}/cancel`, { reason: '' })).status).toBe(400);
    expect((await call(await person('eve'), `/api/slots/${offered.id}/cancel`, { reason: 'x' })).status).toBe(404);
    const cancelled = await call<TSlotView>(max, `/api/slots/${offered.id}/cancel`, { reason: 'Sick today, sorry.' });
    expect(cancelled.data).toMatchObject({ status: 'cancelled', cancelledByMe: true, cancelReason: 'Sick today, sorry.' });
    expect((await list(lea)).mine[0]).toMatchObject({ status: 'cancelled', cancelledByMe: false, cancelReason: 'Sick today, sorry.' });
    expect(await db.interview.count({ where: { id: { in: halves.map((h) => h.id) } } })).toBe(0);
    const after = await calendarOf(lea, offered.id);
    expect(after).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', uid: before.uid });
    expect(after.sequence).toBeGreaterThan(before.sequence);
  });

  it('refuses bad offers with a clear message: the past, too far ahead, overlapping, unknown fields', async () => {
    const ned = await person('ned');
    const cases: Array<[Record<string, unknown>, number]> = [
      [{ startsAt: new Date(Date.now() - HOUR).toISOString() }, 400],
      [{ startsAt: new Date(Date.now() + 90 * 24 * HOUR).toISOString() }, 400],
      [{ startsAt: 'tomorrow' }, 400],
      [{ durationMinutes: 50 }, 400],
      [{ ownerRole: 'boss' }, 400],
      [{ ownerId: 'someone-else' }, 400],
    ];
    for (const [input, status] of cases) {
      const answer = await offer(ned, input);
      expect(answer.status, JSON.stringify(input)).toBe(status);
      expect(answer.error?.message).toBeTruthy();
    }
    const at = new Date(Date.now() + 6 * HOUR).toISOString();
    expect((await offer(ned, { startsAt: at })).status).toBe(201);
    expect((await offer(ned, { startsAt: new Date(Date.parse(at) + 20 * 60_000).toISOString() })).status).toBe(409);
    expect((await list(ned)).mine).toHaveLength(1);
  });
});

async function person(label: string): Promise<TSignedInClient> {
  return signedInClient(server, label);
}

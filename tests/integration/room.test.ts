import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IMAGE_QUOTA_MESSAGE, MAX_IMAGE_BYTES, MAX_INTERVIEW_IMAGE_BYTES } from '@/lib/domain/image-type';
import { deleteOrphanAssets } from '@/lib/use-cases/board-assets';
import { useCaseContext } from '@/lib/use-cases/context';
import { joinRoom } from '@/lib/use-cases/room-actions';
import { applyTimerCommand } from '@/lib/use-cases/timer';
import { connected } from '../helpers/http-client';
import { startTestServer, type TTestServer } from '../helpers/app-server';
import { acceptInviteAs, createInterviewAs, joinedSocket, nextEvent, signedInClient } from '../helpers/room-fixtures';

let server: TTestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.cleanup();
});

describe('creating an interview', () => {
  it('copies the prompt, makes the creator the interviewer and issues a 256-bit invite token', async () => {
    const interviewer = await signedInClient(server, 'ivr');
    const { interviewId, inviteToken } = await createInterviewAs(server, interviewer, { level: 'L4', durationMinutes: 30 });
    expect(inviteToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const interview = await server.services.prisma.interview.findUniqueOrThrow({
      where: { id: interviewId },
      include: { participants: true, prompt: true },
    });
    expect(interview).toMatchObject({ status: 'scheduled', level: 'L4', durationMinutes: 30 });
    expect(interview.participants).toEqual([expect.objectContaining({ userId: interviewer.userId, role: 'interviewer' })]);
    expect(interview.promptCopy).toMatchObject({ title: interview.prompt!.title, statement: interview.prompt!.statement });

    // Editing the prompt later does not rewrite the interview's copy.
    const originalTitle = interview.prompt!.title;
    await server.services.prisma.prompt.update({ where: { id: interview.promptId! }, data: { title: 'Edited later' } });
    const again = await server.services.prisma.interview.findUniqueOrThrow({ where: { id: interviewId } });
    expect((again.promptCopy as { title: string }).title).toBe(originalTitle);
    await server.services.prisma.prompt.update({ where: { id: interview.promptId! }, data: { title: originalTitle } });
  });

  it('refuses invalid input and an unknown prompt, creating nothing', async () => {
    const interviewer = await signedInClient(server, 'ivr');
    const before = await server.services.prisma.interview.count();
    const bad = await interviewer.client.request('/api/interviews', { method: 'POST', json: { promptId: 'x', level: 'L9', durationMinutes: 45 } });
    expect(bad.status).toBe(400);
    const unknown = await interviewer.client.request('/api/interviews', { method: 'POST', json: { promptId: 'nope', level: 'L4', durationMinutes: 45 } });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: { fields: { promptId: 'not found' } } });
    const anonymous = await fetch(`${server.url}/api/interviews`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify({ promptId: 'x', level: 'L4', durationMinutes: 45 }),
    });
    expect(anonymous.status).toBe(401);
    expect(await server.services.prisma.interview.count()).toBe(before);
  });
});

describe('invites', () => {
  it('seats one candidate; the interviewer and a returning candidate keep their roles; a third person is refused', async () => {
    const interviewer = await signedInClient(server, 'ivr');
    const candidate = await signedInClient(server, 'cand');
    const stranger = await signedInClient(server, 'stranger');
    const { interviewId, inviteToken } = await createInterviewAs(server, interviewer);

    expect(await (await acceptInviteAs(interviewer, inviteToken)).json()).toMatchObject({ ok: true, data: { role: 'interviewer' } });
    expect(await (await acceptInviteAs(candidate, inviteToken)).json()).toMatchObject({ ok: true, data: { interviewId, role: 'candidate' } });
    expect(await (await acceptInviteAs(candidate, inviteToken)).json()).toMatchObject({ ok: true, data: { role: 'candidate' } });

    const refused = await acceptInviteAs(stranger, inviteToken);
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { message: expect.stringContaining('already joined') } });
    expect(await server.services.prisma.participant.count({ where: { interviewId } })).toBe(2);
  });

  it('two visitors racing for the seat: exactly one gets it', async () => {
    const interviewer = await signedInClient(server, 'ivr');
    const { interviewId, inviteToken } = await createInterviewAs(server, interviewer);
    const racers = await Promise.all([signedInClient(server, 'r1'), signedInClient(server, 'r2'), signedInClient(server, 'r3')]);
    const statuses = await Promise.all(racers.map(async (r) => (await acceptInviteAs(r, inviteToken)).status));
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(2);
    expect(await server.services.prisma.participant.count({ where: { interviewId, role: 'candidate' } })).toBe(1);
  });

  it('regenerating the link invalidates the old one; revoking leaves none', async () => {
    const interviewer = await signedInClient(server, 'ivr');
    const candidate = await signedInClient(server, 'cand');
    const { interviewId, inviteToken } = await createInterviewAs(server, interviewer);
    const socket = await joinedSocket(interviewer, interviewId);
    const regenerated = await socket.emitWithAck('invite:manage', { interviewId, action: 'regenerate' });
    expect(regenerated).toMatchObject({ ok: true, data: { inviteToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) } });
    expect((await acceptInviteAs(candidate, inviteToken)).status).toBe(404);
    const revoked = await socket.emitWithAck('invite:manage', { interviewId, action: 'revoke' });
    expect(revoked).toEqual({ ok: true, data: { inviteToken: null } });
    const newToken = (regenerated as { data: { inviteToken: string } }).data.inviteToken;
    expect((await acceptInviteAs(candidate, newToken)).status).toBe(404);
    socket.close();
  });

  it('only the interviewer manages the link', async () => {
    const interviewer = await signedInClient(server, 'ivr');
    const candidate = await signedInClient(server, 'cand');
    const { interviewId, inviteToken } = await createInterviewAs(server, interviewer);
    await acceptInviteAs(candidate, inviteToken);
    const socket = await joinedSocket(candidate, interviewId);
    expect(await socket.emitWithAck('invite:manage', { interviewId, action: 'regenerate' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await server.services.prisma.interview.findUniqueOrThrow({ where: { id: interviewId } })).inviteToken).toBe(inviteToken);
    socket.close();
  });
});

describe('the room over socket.io', () => {
  it('refuses a non-participant, with the same answer as a missing interview', async () => {
    const interviewer = await signedInClient(server, 'ivr');
    const stranger = await signedInClient(server, 'stranger');
    const { interviewId } = await createInterviewAs(server, interviewer);
    await expect(joinedSocket(stranger, interviewId)).rejects.toThrow('Interview not found.');
    await expect(joinedSocket(stranger, 'does-not-exist')).rejects.toThrow('Interview not found.');
    const page = await stranger.client.request(`/interviews/${interviewId}`);
    expect(page.status).toBe(404);
  });

  it('shares presence (two tabs count once), chat and the call link, and validates payloads', async () => {
    const interviewer = await signedInClient(server, 'ivr');
    const candidate = await signedInClient(server, 'cand');
    const { interviewId, inviteToken } = await createInterviewAs(server, interviewer);
    await acceptInviteAs(candidate, inviteToken);

    const ivrSocket = await joinedSocket(interviewer, interviewId);
    const bothOnline = nextEvent<{ online: string[] }>(ivrSocket, 'room:presence', (p) => p.online.length === 2);
    const candTab1 = await joinedSocket(candidate, interviewId);
    expect((await bothOnline).online.sort()).toEqual([interviewer.userId, candidate.userId].sort());
    const candTab2 = await joinedSocket(candidate, interviewId);
    candTab1.close();
    // Still online through the second tab: no presence change is sent; check the state directly.
    const rejoin = await ivrSocket.emitWithAck('room:join', { interviewId });
    expect(rejoin.ok && rejoin.data.online.sort()).toEqual([interviewer.userId, candidate.userId].sort());

    const message = nextEvent<{ message: { text: string; authorId: string } }>(ivrSocket, 'chat:message');
    expect(await candTab2.emitWithAck('chat:send', { interviewId, text: '  Hello there  ' })).toMatchObject({ ok: true, data: { text: 'Hello there' } });
    expect((await message).message).toMatchObject({ text: 'Hello there', authorId: candidate.userId });
    expect(await candTab2.emitWithAck('chat:send', { interviewId, text: '   ' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await candTab2.emitWithAck('chat:send', { interviewId: 42, text: 'x' } as never)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    const updated = nextEvent<{ callLink: string | null }>(candTab2, 'room:updated');
    expect(await ivrSocket.emitWithAck('room:set-call-link', { interviewId, callLink: 'javascript:alert(1)' })).toMatchObject({ ok: false });
    expect(await ivrSocket.emitWithAck('room:set-call-link', { interviewId, callLink: 'https://meet.example.com/abc' })).toMatchObject({ ok: true });
    expect((await updated).callLink).toBe('https://meet.example.com/abc');

    // Chat is kept with the interview.
    const history = await candTab2.emitWithAck('room:join', { interviewId });
    expect(history.ok && history.data.chat.map((m) => m.text)).toEqual(['Hello there']);

    const offline = nextEvent<{ online: string[] }>(ivrSocket, 'room:presence', (p) => p.online.length === 1);
    candTab2.close();
    expect((await offline).online).toEqual([interviewer.userId]);
    ivrSocket.close();
  });

  it('starts and ends the interview (interviewer only), once, and tells everyone', async () => {
    const interviewer = await signedInClient(server, 'ivr');
    const candidate = await signedInClient(server, 'cand');
    const { interviewId, inviteToken } = await createInterviewAs(server, interviewer);
    await acceptInviteAs(candidate, inviteToken);
    const ivrSocket = await joinedSocket(interviewer, interviewId);
    const candSocket = await joinedSocket(candidate, interviewId);

    expect(await candSocket.emitWithAck('interview:end', { interviewId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const live = nextEvent<{ status: string }>(candSocket, 'room:updated', (p) => p.status === 'live');
    expect(await ivrSocket.emitWithAck('interview:start', { interviewId })).toEqual({ ok: true, data: { status: 'live' } });
    await live;
    const ended = nextEvent<{ status: string }>(candSocket, 'room:updated', (p) => p.status === 'ended');
    const [first, second] = await Promise.all([
      ivrSocket.emitWithAck('interview:end', { interviewId }),
      ivrSocket.emitWithAck('interview:end', { interviewId }),
    ]);
    expect([first, second]).toEqual([
      { ok: true, data: { status: 'ended' } },
      { ok: true, data: { status: 'ended' } },
    ]);
    await ended;
    const row = await server.services.prisma.interview.findUniqueOrThrow({ where: { id: interviewId } });
    expect(row.status).toBe('ended');
    expect(row.endedAt).not.toBeNull();
    expect(await server.services.prisma.timelineEvent.count({ where: { interviewId, kind: 'interview:ended' } })).toBe(1);
    // Ended stays ended: no restart, no new candidate.
    expect(await ivrSocket.emitWithAck('interview:start', { interviewId })).toEqual({ ok: true, data: { status: 'ended' } });
    ivrSocket.close();
    candSocket.close();
  });
});

describe('joining while the interview changes', () => {
  it('subscribes the joiner before it reads the state, and only once they are known to be a participant', async () => {
    const interviewer = await signedInClient(server, 'ivr');
    const candidate = await signedInClient(server, 'cand');
    const stranger = await signedInClient(server, 'stranger');
    const { interviewId, inviteToken } = await createInterviewAs(server, interviewer);
    await acceptInviteAs(candidate, inviteToken);
    const prisma = server.services.prisma;

    // The interviewer starts the interview at the moment the candidate is admitted: the state the
    // join answers with is read after that, so it says live.
    const order: string[] = [];
    const joined = await joinRoom(useCaseContext(prisma, candidate.userId), { interviewId }, async () => {
      order.push('admitted');
      const started = await applyTimerCommand(useCaseContext(prisma, interviewer.userId), { interviewId, command: { type: 'start' } });
      expect(started.ok).toBe(true);
    });
    expect(order).toEqual(['admitted']);
    expect(joined).toMatchObject({ ok: true, data: { status: 'live', timer: { status: 'live' } } });

    // A stranger is never admitted, so never subscribed to the interview's broadcasts.
    let strangerAdmitted = false;
    const refused = await joinRoom(useCaseContext(prisma, stranger.userId), { interviewId }, () => {
      strangerAdmitted = true;
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(strangerAdmitted).toBe(false);
  });

  it('over sockets: a Start that lands while the join is reading the room still reaches the joiner', async () => {
    const interviewer = await signedInClient(server, 'ivr');
    const candidate = await signedInClient(server, 'cand');
    const { interviewId, inviteToken } = await createInterviewAs(server, interviewer);
    await acceptInviteAs(candidate, inviteToken);
    const ivrSocket = await joinedSocket(interviewer, interviewId);
    const candSocket = candidate.client.socket();
    await connected(candSocket);
    const heard: string[] = [];
    candSocket.on('room:updated', ({ status }) => heard.push(status));

    // The join reads the status first, then the participants: the interviewer's Start is run to
    // completion between the two, the moment a join that subscribed after reading missed.
    const prisma = server.services.prisma;
    const findMany = prisma.participant.findMany.bind(prisma.participant);
    let heldOnce = false;
    const spy = vi.spyOn(prisma.participant, 'findMany').mockImplementation((async (args: Parameters<typeof findMany>[0]) => {
      if (!heldOnce && args?.where?.interviewId === interviewId) {
        heldOnce = true;
        expect(await ivrSocket.emitWithAck('interview:start', { interviewId })).toMatchObject({ ok: true });
      }
      return findMany(args);
    }) as unknown as typeof prisma.participant.findMany);
    try {
      const joined = await candSocket.emitWithAck('room:join', { interviewId });
      expect(heldOnce).toBe(true);
      // The answer was read before the start; the broadcast of the start follows it.
      expect(joined).toMatchObject({ ok: true, data: { status: 'scheduled' } });
      await expect.poll(() => heard, { timeout: 5_000 }).toEqual(['live']);
    } finally {
      spy.mockRestore();
      ivrSocket.close();
      candSocket.close();
    }
  });
});

describe('board images', () => {
  const PNG = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );

  it('stores an uploaded image with the interview and serves it to participants only', async () => {
    const interviewer = await signedInClient(server, 'ivr');
    const stranger = await signedInClient(server, 'stranger');
    const { interviewId } = await createInterviewAs(server, interviewer);
    const upload = (who: typeof interviewer, body: Buffer, id = interviewId) =>
      who.client.request(`/api/interviews/${id}/assets`, {
        method: 'POST',
        body: new Blob([new Uint8Array(body)]),
        headers: { 'content-type': 'image/png', origin: server.url },
      });

    const created = await upload(interviewer, PNG);
    expect(created.status).toBe(201);
    const { data } = (await created.json()) as { data: { url: string; mimeType: string } };
    expect(data.mimeType).toBe('image/png');

    const served = await interviewer.client.request(data.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);

    expect((await stranger.client.request(data.url)).status).toBe(404);
    expect((await fetch(`${server.url}${data.url}`)).status).toBe(404);
    expect((await upload(stranger, PNG)).status).toBe(404);

    // The bytes are in the blob store (files with PGlite, the Blob table with PostgreSQL),
    // not in the Asset row; deleting the interview leaves them to the orphan sweep.
    const assetId = data.url.split('/').at(-1)!;
    expect(await server.services.prisma.asset.findUniqueOrThrow({ where: { id: assetId }, select: { data: true } })).toEqual({ data: null });
    expect(Buffer.from((await server.services.blobs.get(`assets/${assetId}`))!).equals(PNG)).toBe(true);
    await server.services.prisma.interview.delete({ where: { id: interviewId } });
    expect(await deleteOrphanAssets(server.services.prisma, server.services.blobs)).toBeGreaterThanOrEqual(1);
    expect(await server.services.blobs.get(`assets/${assetId}`)).toBeNull();
  });

  it('refuses files that are not images, SVG, oversized files and cross-site uploads', async () => {
    const interviewer = await signedInClient(server, 'ivr');
    const { interviewId } = await createInterviewAs(server, interviewer);
    const before = await server.services.prisma.asset.count({ where: { interviewId } });
    const post = (body: Buffer, origin = server.url) =>
      interviewer.client.request(`/api/interviews/${interviewId}/assets`, { method: 'POST', body: new Blob([new Uint8Array(body)]), headers: { 'content-type': 'image/png', origin } });

    const svg = await post(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'));
    expect(svg.status).toBe(400);
    expect((await post(Buffer.alloc(5 * 1024 * 1024 + 1, 0x89))).status).toBe(413);
    expect((await post(PNG, 'https://evil.example')).status).toBe(403);
    expect(await server.services.prisma.asset.count({ where: { interviewId } })).toBe(before);
  });

  it('holds an interview to 20 MB of images, also when uploads race, with a message that says so', async () => {
    const interviewer = await signedInClient(server, 'ivr');
    const { interviewId } = await createInterviewAs(server, interviewer);
    // A PNG signature is all the server sniffs; the rest pads the file to the 5 MB per-file cap.
    const image = (size: number) => Buffer.concat([PNG, Buffer.alloc(size - PNG.length)]);
    const post = (body: Buffer) =>
      interviewer.client.request(`/api/interviews/${interviewId}/assets`, { method: 'POST', body: new Blob([new Uint8Array(body)]), headers: { 'content-type': 'image/png', origin: server.url } });
    const storedKeys = async () => (await server.services.blobs.list('assets/')).length;

    // Six 5 MB uploads at once: four fit (exactly 20 MB), two are refused.
    const raced = await Promise.all(Array.from({ length: 6 }, () => post(image(MAX_IMAGE_BYTES))));
    expect(raced.map((response) => response.status).sort()).toEqual([201, 201, 201, 201, 413, 413]);
    const refused = raced.find((response) => response.status === 413)!;
    expect(await refused.json()).toEqual({ ok: false, error: { code: 'too_large', message: IMAGE_QUOTA_MESSAGE } });
    expect(IMAGE_QUOTA_MESSAGE).toContain('20 MB');
    const stored = await server.services.prisma.asset.aggregate({ where: { interviewId }, _sum: { size: true }, _count: true });
    expect(stored).toMatchObject({ _count: 4, _sum: { size: MAX_INTERVIEW_IMAGE_BYTES } });

    // Full: even the smallest image is refused, and no bytes are left behind.
    const keys = await storedKeys();
    const small = await post(PNG);
    expect(small.status).toBe(413);
    expect(await storedKeys()).toBe(keys);
    expect(await server.services.prisma.asset.count({ where: { interviewId } })).toBe(4);

    // The quota is per interview: the same person's next interview has its own.
    const next = await createInterviewAs(server, interviewer);
    const elsewhere = await interviewer.client.request(`/api/interviews/${next.interviewId}/assets`, { method: 'POST', body: new Blob([new Uint8Array(PNG)]), headers: { 'content-type': 'image/png', origin: server.url } });
    expect(elsewhere.status).toBe(201);
  });
});

import { hashPassword } from '@/lib/auth/password';
import { usesSecureCookies } from '@/lib/env';
import type { TTestServer } from './app-server';
import { Browserish, connected, testUser, type TClientSocket } from './http-client';
import { mintSessionCookie } from './session';

export type TSignedInClient = { client: Browserish; user: ReturnType<typeof testUser>; userId: string };

// Every user made here shares one password, hashed once per process: a real scrypt hash costs
// about 0.1 s (more on a busy machine) and tests make hundreds of users.
const TEST_PASSWORD = 'test-password-shared-by-fixture-users';
let testPasswordHash: Promise<string> | undefined;

/**
 * A user stored with a real password hash, signed in with a minted session cookie (no scrypt:
 * see session.ts). The user can still sign in for real with `user.password`.
 */
export async function signedInClient(server: TTestServer, label: string): Promise<TSignedInClient> {
  const client = new Browserish(server.url);
  const user = { ...testUser(label), password: TEST_PASSWORD };
  testPasswordHash ??= hashPassword(TEST_PASSWORD);
  const row = await server.services.prisma.user.create({
    data: { name: user.name, email: user.email, passwordHash: await testPasswordHash },
    select: { id: true, sessionEpoch: true },
  });
  const cookie = await mintSessionCookie({
    user: { id: row.id, name: user.name, email: user.email, sessionEpoch: row.sessionEpoch },
    secret: server.services.authSecret,
    secureCookie: usesSecureCookies(server.services.env),
  });
  client.cookies.set(cookie.name, cookie.value);
  return { client, user, userId: row.id };
}

export async function firstPromptId(server: TTestServer, kind: 'design' | 'concept' = 'design'): Promise<string> {
  const prompt = await server.services.prisma.prompt.findFirstOrThrow({ where: { kind, deletedAt: null }, orderBy: { slug: 'asc' } });
  return prompt.id;
}

/** An interviewer who created an interview, and its invite token. */
export async function createInterviewAs(server: TTestServer, interviewer: TSignedInClient, input: Record<string, unknown> = {}) {
  const response = await interviewer.client.request('/api/interviews', {
    method: 'POST',
    json: { promptId: await firstPromptId(server), level: 'L5', durationMinutes: 45, ...input },
  });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${await response.text()}`);
  const { data } = (await response.json()) as { data: { id: string } };
  const row = await server.services.prisma.interview.findUniqueOrThrow({ where: { id: data.id } });
  return { interviewId: data.id, inviteToken: row.inviteToken! };
}

export async function acceptInviteAs(person: TSignedInClient, token: string): Promise<Response> {
  return person.client.request(`/api/invites/${token}/accept`, { method: 'POST', json: {} });
}

export async function joinedSocket(person: TSignedInClient, interviewId: string): Promise<TClientSocket> {
  const socket = person.client.socket();
  await connected(socket);
  const joined = await socket.emitWithAck('room:join', { interviewId });
  if (!joined.ok) throw new Error(`join failed: ${joined.error.message}`);
  return socket;
}

/** Resolves with the next payload of `event` that matches. */
export function nextEvent<T>(socket: TClientSocket, event: string, match: (payload: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve) => {
    const listener = (payload: T) => {
      if (!match(payload)) return;
      (socket as unknown as { off: (e: string, l: unknown) => void }).off(event, listener);
      resolve(payload);
    };
    (socket as unknown as { on: (e: string, l: unknown) => void }).on(event, listener);
  });
}

import type { TTestServer } from './app-server';
import { Browserish, connected, testUser, type TClientSocket } from './http-client';

export type TSignedInClient = { client: Browserish; user: ReturnType<typeof testUser>; userId: string };

export async function signedInClient(server: TTestServer, label: string): Promise<TSignedInClient> {
  const client = new Browserish(server.url);
  const user = testUser(label);
  const created = await client.signUp(user);
  const { data } = (await created.json()) as { data: { id: string } };
  await client.signIn(user);
  return { client, user, userId: data.id };
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

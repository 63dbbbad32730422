import { createShardedAdapter } from '@socket.io/redis-adapter';
import { createClient } from 'redis';
import { z } from 'zod';
import type { TUnarchivedBoard } from '../board/board-room';
import { BoardElsewhereError, BoardUnavailableError, type THandOverResult, type TBoardHandoff, type TBoardOwnership, type TRoomRegistry } from '../board/room-registry';
import { createRoomLeases, type TLeaseStats, type TRedisCommands, type TRoomLeases } from './lease';

/**
 * Several app processes sharing one Redis (REDIS_URL): a lease per live whiteboard, coordinated
 * hand-over of a board between processes, the interview-ended notice every process must hear,
 * and socket.io's Redis adapter for broadcasts that cross processes. Nothing here exists without
 * REDIS_URL.
 */
export type TCluster = {
  readonly instanceId: string;
  ownership: TBoardOwnership;
  /** A board given up while the database is unreachable from here goes to the next owner in Redis. */
  handoff: TBoardHandoff;
  /** socket.io's adapter (sharded Redis pub/sub). */
  adapter: ReturnType<typeof createShardedAdapter>;
  /** Connects the board registry: hand-over requests and lost leases act on it. */
  serve(registry: TRoomRegistry): void;
  /** Tells every other process that an interview ended (its board, wherever it is, turns read-only). */
  publishInterviewEnded(interviewId: string): void;
  /** Called with the wait (ms) of every board taken from another holder (metrics). */
  onTakeover(listener: (ms: number) => void): void;
  /** SIGTERM: take no new boards from now on. */
  drain(): void;
  readonly isDraining: boolean;
  stats(): TClusterStats;
  close(): Promise<void>;
};

export type TClusterStats = TLeaseStats & {
  handoverRequestsSent: number;
  handoversGiven: number;
  /** Boards this process took after waiting for another holder, and how long each wait took (ms). */
  takeovers: number;
  takeoverMsTotal: number;
  takeoverFailures: number;
};

export type TClusterOptions = {
  redisUrl: string;
  instanceId: string;
  leaseTtlMs: number;
  /** A board opened more recently than this is not handed over (stops two processes passing it back and forth). */
  minTenureMs?: number;
  log?: (message: string) => void;
};

const HANDOVER_CHANNEL = (instanceId: string) => `mockroom:handover:${instanceId}`;
const REPLY_CHANNEL = (instanceId: string) => `mockroom:handover-reply:${instanceId}`;
const ZHandoverReply = z.object({ interviewId: z.string().min(1).max(100), result: z.enum(['released', 'too_recent', 'not_here']) });
const ENDED_CHANNEL = 'mockroom:interview-ended';
const HANDOFF_KEY = (interviewId: string) => `mockroom:board-handoff:${interviewId}`;
/** A handoff nobody opened within this time is dropped (the giver's board file still has it). */
const HANDOFF_TTL_MS = 60 * 60_000;
const ZHandoff = z.object({ epoch: z.number().int(), clock: z.number(), archivedClock: z.number(), snapshotJson: z.string() });
const ZHandoverRequest = z.object({ interviewId: z.string().min(1).max(100), from: z.string().min(1).max(100) });
const ZEndedNotice = z.object({ interviewId: z.string().min(1).max(100), from: z.string().min(1).max(100) });

/** How often a waiting process repeats its hand-over request, and polls the lease. */
const ASK_EVERY_MS = 500;
const POLL_EVERY_MS = 100;

export async function startCluster(options: TClusterOptions): Promise<TCluster> {
  const { instanceId, leaseTtlMs } = options;
  const log = options.log ?? ((message: string) => console.log(`[cluster] ${message}`));
  const minTenureMs = options.minTenureMs ?? 2000;
  let lastErrorLogAt = 0;
  const onError = (error: unknown) => {
    // node-redis reconnects by itself; one line a few seconds is enough while Redis is away.
    if (Date.now() - lastErrorLogAt < 5000) return;
    lastErrorLogAt = Date.now();
    log(`redis: ${error instanceof Error ? error.message : String(error)}`);
  };
  const socket = { connectTimeout: 2000, reconnectStrategy: (retries: number) => Math.min(100 * (retries + 1), 1000) };
  // Leases must fail fast while Redis is away (a queued renewal answered late proves nothing).
  const commands = createClient({ url: options.redisUrl, disableOfflineQueue: true, socket });
  const subscriber = createClient({ url: options.redisUrl, socket });
  const adapterPub = createClient({ url: options.redisUrl, socket });
  const adapterSub = createClient({ url: options.redisUrl, socket });
  const clients = [commands, subscriber, adapterPub, adapterSub];
  for (const client of clients) client.on('error', onError);
  await Promise.all(clients.map((client) => client.connect()));

  let registry: TRoomRegistry | undefined;
  let takeoverListener: (ms: number) => void = () => undefined;
  /** Joins waiting for a board held elsewhere, told when its holder answers. */
  const replyWaiters = new Map<string, Set<(result: THandOverResult) => void>>();
  let isDraining = false;
  const counters = { handoverRequestsSent: 0, handoversGiven: 0, takeovers: 0, takeoverMsTotal: 0, takeoverFailures: 0 };

  const leases: TRoomLeases = createRoomLeases({
    redis: commands as unknown as TRedisCommands,
    instanceId,
    ttlMs: leaseTtlMs,
    onLost: (interviewId) => void registry?.relinquish(interviewId),
    log,
  });

  const publish = (channel: string, message: object) =>
    commands.publish(channel, JSON.stringify(message)).catch((error: unknown) => onError(error));

  await subscriber.subscribe(HANDOVER_CHANNEL(instanceId), (raw) => {
    const parsed = ZHandoverRequest.safeParse(safeJson(raw));
    if (!parsed.success || !registry) return;
    const { interviewId, from } = parsed.data;
    void registry.handOver(interviewId, minTenureMs).then(
      (result) => {
        void publish(REPLY_CHANNEL(from), { interviewId, result });
        if (result === 'released') {
          counters.handoversGiven++;
          log(`[board ${interviewId}] handed over (asked by ${from})`);
        }
      },
      (error: unknown) => log(`[board ${interviewId}] hand-over failed: ${String(error)}`),
    );
  });
  await subscriber.subscribe(REPLY_CHANNEL(instanceId), (raw) => {
    const parsed = ZHandoverReply.safeParse(safeJson(raw));
    if (!parsed.success) return;
    for (const notify of replyWaiters.get(parsed.data.interviewId) ?? []) notify(parsed.data.result);
  });
  await subscriber.subscribe(ENDED_CHANNEL, (raw) => {
    const parsed = ZEndedNotice.safeParse(safeJson(raw));
    if (!parsed.success || parsed.data.from === instanceId || !registry) return;
    void registry.setReadOnly(parsed.data.interviewId);
  });

  const ownership: TBoardOwnership = {
    async acquire(interviewId, { wait }) {
      if (isDraining) throw new BoardUnavailableError();
      const attempt = async () => {
        try {
          return await leases.tryAcquire(interviewId);
        } catch (error) {
          onError(error);
          throw new BoardUnavailableError('The whiteboard cannot reach its coordination service');
        }
      };
      if (await attempt()) return true;
      if (!wait) return false;
      // Another process holds it: ask that one to store and release it, and wait for the lease.
      // A dead holder never answers; its lease expires within the TTL. The wait stays below the
      // client's join timeout (10 s).
      const startedAt = performance.now();
      const deadline = startedAt + Math.min(leaseTtlMs + 2000, 8000);
      let askedAt = -Infinity;
      // The holder answers "too recent" when it has just opened the board (two processes racing
      // for a new board, or routing that has not settled): this join goes back through the proxy.
      let isKeptByHolder = false;
      const onReply = (result: THandOverResult) => {
        if (result === 'too_recent') isKeptByHolder = true;
      };
      const waiters = replyWaiters.get(interviewId) ?? new Set();
      replyWaiters.set(interviewId, waiters.add(onReply));
      try {
        while (performance.now() < deadline && !isDraining && !isKeptByHolder) {
          if (performance.now() - askedAt >= ASK_EVERY_MS) {
            askedAt = performance.now();
            const holder = await leases.holderOf(interviewId).catch(() => null);
            if (holder && holder !== instanceId) {
              counters.handoverRequestsSent++;
              await publish(HANDOVER_CHANNEL(holder), { interviewId, from: instanceId });
            }
          }
          await new Promise((resolve) => setTimeout(resolve, POLL_EVERY_MS));
          if (await attempt()) {
            const waitedMs = performance.now() - startedAt;
            counters.takeovers++;
            counters.takeoverMsTotal += waitedMs;
            takeoverListener(waitedMs);
            log(`[board ${interviewId}] taken from another process after ${Math.round(waitedMs)} ms`);
            return true;
          }
        }
      } finally {
        waiters.delete(onReply);
        if (waiters.size === 0) replyWaiters.delete(interviewId);
      }
      counters.takeoverFailures++;
      if (isKeptByHolder) throw new BoardElsewhereError();
      throw new BoardUnavailableError('The whiteboard is moving to another server');
    },
    isHeld: (interviewId) => leases.isHeld(interviewId),
    release: (interviewId) => leases.release(interviewId),
  };

  const handoff: TBoardHandoff = {
    async put(interviewId, document: TUnarchivedBoard) {
      try {
        await commands.sendCommand(['SET', HANDOFF_KEY(interviewId), JSON.stringify(document), 'PX', String(HANDOFF_TTL_MS)]);
        return true;
      } catch (error) {
        onError(error);
        return false;
      }
    },
    async take(interviewId) {
      try {
        const raw = await commands.sendCommand<string | null>(['GET', HANDOFF_KEY(interviewId)]);
        if (typeof raw !== 'string') return null;
        const parsed = ZHandoff.safeParse(safeJson(raw));
        return parsed.success ? parsed.data : null;
      } catch (error) {
        onError(error);
        return null;
      }
    },
  };

  return {
    instanceId,
    ownership,
    handoff,
    adapter: createShardedAdapter(adapterPub, adapterSub, { subscriptionMode: 'dynamic' }),
    serve(value) {
      registry = value;
    },
    onTakeover(listener) {
      takeoverListener = listener;
    },
    publishInterviewEnded(interviewId) {
      void publish(ENDED_CHANNEL, { interviewId, from: instanceId });
    },
    drain() {
      isDraining = true;
    },
    get isDraining() {
      return isDraining;
    },
    stats: () => ({ ...leases.stats(), ...counters }),
    async close() {
      leases.stop();
      await Promise.allSettled(clients.map((client) => client.close()));
    },
  };
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

/**
 * One lease per live whiteboard in Redis: `mockroom:board:<interview id>` holds the instance id of
 * the process that serves it. Taken with `SET NX PX` before the archive's `claim()` (the database
 * epoch stays the fence for writes); renewed every third of its life and released by scripts that
 * check the holder, so a process never extends or deletes a lease another process took after its
 * own expired (the weakness tldraw's GCP reference names in its own docs).
 *
 * A lease is "held" here only while it is known to be valid: from the last renewal Redis
 * confirmed, counting from when that renewal was SENT (Redis started its TTL later), minus a
 * margin. Past that instant the process stops serving the room even if Redis cannot be reached,
 * before another process can take it.
 */

/** The part of a Redis client the leases use (node-redis's `sendCommand`). */
export type TRedisCommands = {
  sendCommand<T = unknown>(args: ReadonlyArray<string>): Promise<T>;
};

// KEYS[1] the lease, ARGV[1] our instance id, ARGV[2] the TTL in ms.
const RENEW_SCRIPT = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE_SCRIPT = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export const LEASE_KEY_PREFIX = 'mockroom:board:';
export const leaseKey = (interviewId: string) => `${LEASE_KEY_PREFIX}${interviewId}`;

export type TLeaseStats = {
  held: number;
  acquired: number;
  renewals: number;
  renewalFailures: number;
  lost: number;
};

export type TRoomLeases = {
  readonly instanceId: string;
  readonly ttlMs: number;
  /** Takes the lease if nobody holds it (or this process already does). */
  tryAcquire(interviewId: string): Promise<boolean>;
  /** Instance id of the holder, or null. */
  holderOf(interviewId: string): Promise<string | null>;
  /** Synchronous: this process holds the lease and it cannot have expired yet. */
  isHeld(interviewId: string): boolean;
  /** Gives the lease up (only if still ours in Redis). Never throws. */
  release(interviewId: string): Promise<void>;
  /** Stops renewing every lease (the process is going away; Redis lets them expire). */
  stop(): void;
  stats(): TLeaseStats;
};

export type TRoomLeaseOptions = {
  redis: TRedisCommands;
  instanceId: string;
  ttlMs: number;
  /** A lease this process held is gone (renewal refused, or not confirmed in time): stop serving the room. */
  onLost: (interviewId: string) => void;
  /** Longest wait for one Redis command. Default: a fifth of the TTL. */
  commandTimeoutMs?: number;
  now?: () => number;
  log?: (message: string) => void;
};

type THeld = {
  /** Until when (local clock) the lease is surely ours. */
  validUntil: number;
  deadline: ReturnType<typeof setTimeout>;
};

export function createRoomLeases(options: TRoomLeaseOptions): TRoomLeases {
  const { redis, instanceId, ttlMs, onLost } = options;
  const now = options.now ?? (() => performance.now());
  const log = options.log ?? ((message: string) => console.warn(message));
  const commandTimeoutMs = options.commandTimeoutMs ?? Math.max(200, Math.floor(ttlMs / 5));
  // Stop serving this long before the lease could expire in Redis: covers the time between our
  // deadline timer and the close it starts, and timers that fire late on a loaded event loop.
  const marginMs = Math.max(250, Math.floor(ttlMs / 5));
  const held = new Map<string, THeld>();
  const stats = { acquired: 0, renewals: 0, renewalFailures: 0, lost: 0 };
  let isStopped = false;

  const command = <T>(args: string[]): Promise<T> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`redis: no answer to ${args[0]} within ${commandTimeoutMs} ms`)), commandTimeoutMs);
    });
    return Promise.race([redis.sendCommand<T>(args), timeout]).finally(() => clearTimeout(timer));
  };

  const lose = (interviewId: string, why: string) => {
    const entry = held.get(interviewId);
    if (!entry) return;
    clearTimeout(entry.deadline);
    held.delete(interviewId);
    stats.lost++;
    log(`[lease ${interviewId}] lost (${why}); closing the room here`);
    onLost(interviewId);
  };

  const confirm = (interviewId: string, sentAt: number) => {
    const validUntil = sentAt + ttlMs - marginMs;
    const previous = held.get(interviewId);
    if (previous) clearTimeout(previous.deadline);
    const deadline = setTimeout(() => lose(interviewId, 'not renewed in time'), Math.max(0, validUntil - now()));
    deadline.unref?.();
    held.set(interviewId, { validUntil, deadline });
  };

  // Every lease at once (node-redis pipelines them on its connection): renewed one after another,
  // a process holding many boards took one round trip per board each time, and on a loaded
  // machine the last ones lapsed before their turn came (seen with 75 boards in
  // bench/cluster.bench.ts).
  const renewOne = async (interviewId: string) => {
    const sentAt = now();
    try {
      const result = await command<number>(['EVAL', RENEW_SCRIPT, '1', leaseKey(interviewId), instanceId, String(ttlMs)]);
      if (!held.has(interviewId)) return;
      if (Number(result) === 1) {
        stats.renewals++;
        confirm(interviewId, sentAt);
      } else {
        stats.renewalFailures++;
        lose(interviewId, 'another process holds it');
      }
    } catch (error) {
      // Redis unreachable: keep serving until the deadline set by the last confirmed renewal.
      stats.renewalFailures++;
      log(`[lease ${interviewId}] renewal failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const renewAll = async () => {
    await Promise.all([...held.keys()].map(renewOne));
  };

  let isRenewing = false;
  const renewTimer = setInterval(() => {
    if (isRenewing || held.size === 0) return;
    isRenewing = true;
    void renewAll().finally(() => (isRenewing = false));
  }, Math.floor(ttlMs / 3));
  renewTimer.unref?.();

  return {
    instanceId,
    ttlMs,

    async tryAcquire(interviewId) {
      if (isStopped) return false;
      if (held.has(interviewId) && this.isHeld(interviewId)) return true;
      const sentAt = now();
      const key = leaseKey(interviewId);
      const set = await command<string | null>(['SET', key, instanceId, 'NX', 'PX', String(ttlMs)]);
      let isOurs = set === 'OK';
      // Ours already (a release that failed, a room reopened at once): renew it rather than wait for it to expire.
      if (!isOurs) isOurs = Number(await command<number>(['EVAL', RENEW_SCRIPT, '1', key, instanceId, String(ttlMs)])) === 1;
      if (!isOurs) return false;
      stats.acquired++;
      confirm(interviewId, sentAt);
      return true;
    },

    async holderOf(interviewId) {
      const holder = await command<string | null>(['GET', leaseKey(interviewId)]);
      return typeof holder === 'string' ? holder : null;
    },

    isHeld(interviewId) {
      const entry = held.get(interviewId);
      return entry !== undefined && now() < entry.validUntil;
    },

    async release(interviewId) {
      const entry = held.get(interviewId);
      if (entry) clearTimeout(entry.deadline);
      held.delete(interviewId);
      try {
        await command(['EVAL', RELEASE_SCRIPT, '1', leaseKey(interviewId), instanceId]);
      } catch (error) {
        // It expires by itself within the TTL.
        log(`[lease ${interviewId}] release failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    },

    stop() {
      isStopped = true;
      clearInterval(renewTimer);
      for (const entry of held.values()) clearTimeout(entry.deadline);
    },

    stats: () => ({ held: held.size, ...stats }),
  };
}

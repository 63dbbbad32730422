import { hostname } from 'node:os';
import { z } from 'zod';

/**
 * Every environment variable mockroom reads, parsed once. Nothing else reads process.env
 * (Auth.js reads AUTH_URL / AUTH_TRUST_HOST / AUTH_<PROVIDER>_* itself; they are declared here
 * so that a typo fails fast and .env.example stays complete).
 */
const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);
const optionalString = z.preprocess(emptyToUndefined, z.string().min(1).optional());
const optionalUrl = z.preprocess(emptyToUndefined, z.url().optional());
const booleanish = z.preprocess(
  emptyToUndefined,
  z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1')),
);

/** A comma-separated list of URLs matching `scheme` (empty when unset). */
const urlList = (scheme: RegExp, message: string) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? value.split(',').map((part) => part.trim()).filter(Boolean) : []),
    z.array(z.string().max(500).regex(scheme, message)).max(10),
  );

export const ZEnv = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    DATABASE_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
        .optional(),
    ),
    DATA_DIR: z.string().min(1).default('data'),
    AUTH_SECRET: z.preprocess(emptyToUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
    AUTH_URL: optionalUrl,
    AUTH_TRUST_HOST: booleanish,
    AUTH_GITHUB_ID: optionalString,
    AUTH_GITHUB_SECRET: optionalString,
    AUTH_GOOGLE_ID: optionalString,
    AUTH_GOOGLE_SECRET: optionalString,
    TLDRAW_LICENSE_KEY: optionalString,
    // How many proxies in front of the app append to X-Forwarded-For. 0: the client's address is
    // the TCP peer's, and X-Forwarded-For is ignored (a client can write anything in it).
    TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    // Accounts one address may create per hour.
    SIGNUP_LIMIT_PER_HOUR: z.coerce.number().int().min(1).max(1_000_000).default(10),
    // Several app processes: Redis holds one lease per live whiteboard and carries socket.io's
    // broadcasts between processes. Unset: one process, nothing shared.
    REDIS_URL: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
        .optional(),
    ),
    // This process's name in leases, logs and metrics; unique among the processes sharing Redis.
    INSTANCE_ID: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[\w.:-]{1,100}$/, 'letters, digits and . _ : - only (at most 100)')
        .default(() => `${hostname()}:${process.pid}`),
    ),
    // How long a whiteboard lease lives without renewal (renewed every third of it): the longest
    // a crashed process's boards wait before another process takes them.
    BOARD_LEASE_TTL_MS: z.coerce.number().int().min(1000).max(120_000).default(5000),
    // text: readable lines; json: one JSON object per line (pino) with instance, interview id, epoch.
    LOG_FORMAT: z.enum(['text', 'json']).default('text'),
    // Bearer token for /metrics and /internal/boards. Unset: only loopback callers that did not
    // come through a proxy (no X-Forwarded-For) may read them.
    METRICS_TOKEN: z.preprocess(emptyToUndefined, z.string().min(16, 'must be at least 16 characters').optional()),
    // The in-room call (WebRTC). Unset: no STUN/TURN, which is all two browsers on one machine or
    // one network need. Comma-separated ICE server URLs, e.g. stun:turn.example.com:3478 and
    // turn:turn.example.com:3478?transport=udp,turns:turn.example.com:5349?transport=tcp.
    STUN_URLS: urlList(/^stuns?:/, 'stun: or stuns: URLs, comma-separated'),
    TURN_URLS: urlList(/^turns?:/, 'turn: or turns: URLs, comma-separated'),
    // coturn's static-auth-secret (use-auth-secret): the server mints each participant a TURN
    // credential from it that expires after TURN_TTL_SECONDS; the secret never reaches a browser.
    TURN_SECRET: z.preprocess(emptyToUndefined, z.string().min(16, 'must be at least 16 characters').optional()),
    TURN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
    // relay: browsers use TURN only (hides each person's addresses from the other, needs TURN_URLS).
    CALL_ICE_TRANSPORT_POLICY: z.enum(['all', 'relay']).default('all'),
    // Days a consented call recording is kept (counted from its proposal); 0 keeps it until the
    // interview or the account is deleted.
    RECORDING_RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(90),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.AUTH_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_SECRET'],
        message: 'is required in production (generate one with `openssl rand -base64 33`)',
      });
    }
    // Auth.js refuses every request in production unless it knows the public URL or may trust the
    // Host header: without this check sign-up worked and then every sign-in failed with a 500.
    if (env.NODE_ENV === 'production' && !env.AUTH_URL && env.AUTH_TRUST_HOST !== true) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_URL'],
        message:
          'is required in production: set AUTH_URL to the public URL (e.g. https://mockroom.example.com), ' +
          'or AUTH_TRUST_HOST=true when the server is reached directly or its proxy sets Host / X-Forwarded-Host',
      });
    }
    if (env.CALL_ICE_TRANSPORT_POLICY === 'relay' && env.TURN_URLS.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['CALL_ICE_TRANSPORT_POLICY'], message: 'relay needs TURN_URLS (and TURN_SECRET)' });
    }
    if (env.TURN_URLS.length > 0 && !env.TURN_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['TURN_SECRET'], message: 'is required with TURN_URLS (the static-auth-secret of the TURN server)' });
    }
    for (const provider of ['GITHUB', 'GOOGLE'] as const) {
      const hasId = Boolean(env[`AUTH_${provider}_ID`]);
      const hasSecret = Boolean(env[`AUTH_${provider}_SECRET`]);
      if (hasId !== hasSecret) {
        ctx.addIssue({
          code: 'custom',
          path: [`AUTH_${provider}_${hasId ? 'SECRET' : 'ID'}`],
          message: `must be set together with AUTH_${provider}_${hasId ? 'ID' : 'SECRET'}`,
        });
      }
    }
  });

export type TEnv = z.infer<typeof ZEnv>;

export class EnvError extends Error {
  override name = 'EnvError';
}

/** Parses an environment (process.env by default) or throws one readable message listing every problem. */
export function parseEnv(source: Record<string, string | undefined> = process.env): TEnv {
  const result = ZEnv.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  - ${issue.path.join('.') || '(env)'}: ${issue.message}`);
  throw new EnvError(`Invalid environment configuration:\n${lines.join('\n')}`);
}

let cached: TEnv | undefined;

/** The process's environment, parsed on first use (never at import: `next build` imports pages). */
export function getEnv(): TEnv {
  cached ??= parseEnv();
  return cached;
}

/**
 * Whether Auth.js cookies carry the Secure flag (and the `__Secure-` prefix). One rule for the
 * Next routes and the socket.io handshake, derived from the public URL: behind a TLS proxy set
 * AUTH_URL=https://...
 */
export function usesSecureCookies(env: Pick<TEnv, 'AUTH_URL'>): boolean {
  return env.AUTH_URL?.startsWith('https://') ?? false;
}

export function enabledOAuthProviders(env: TEnv): Array<'github' | 'google'> {
  const providers: Array<'github' | 'google'> = [];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) providers.push('github');
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) providers.push('google');
  return providers;
}

import { describe, expect, it } from 'vitest';
import { enabledOAuthProviders, EnvError, parseEnv, usesSecureCookies } from '@/lib/env';

describe('parseEnv', () => {
  it('applies the embedded defaults with nothing set', () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ NODE_ENV: 'development', PORT: 3000, HOST: '0.0.0.0', DATA_DIR: 'data' });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(enabledOAuthProviders(env)).toEqual([]);
  });

  it('requires AUTH_SECRET in production, naming the variable', () => {
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(EnvError);
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(/AUTH_SECRET: is required in production/);
    expect(parseEnv({ NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(32), AUTH_TRUST_HOST: 'true' }).AUTH_SECRET).toHaveLength(32);
  });

  it('refuses production without AUTH_URL or AUTH_TRUST_HOST, naming both (Auth.js would fail every sign-in)', () => {
    const production = { NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(32) };
    expect(() => parseEnv(production)).toThrow(/AUTH_URL: is required in production.*AUTH_TRUST_HOST=true/);
    expect(() => parseEnv({ ...production, AUTH_TRUST_HOST: 'false' })).toThrow(/AUTH_URL/);
    expect(parseEnv({ ...production, AUTH_URL: 'https://mockroom.example.com' }).AUTH_URL).toBe('https://mockroom.example.com');
    expect(parseEnv({ ...production, AUTH_TRUST_HOST: 'true' }).AUTH_TRUST_HOST).toBe(true);
    // Development trusts the host by default.
    expect(() => parseEnv({})).not.toThrow();
  });

  it('reads the rate-limit settings', () => {
    expect(parseEnv({})).toMatchObject({ TRUST_PROXY_HOPS: 0, SIGNUP_LIMIT_PER_HOUR: 10 });
    expect(parseEnv({ TRUST_PROXY_HOPS: '1', SIGNUP_LIMIT_PER_HOUR: '50' })).toMatchObject({ TRUST_PROXY_HOPS: 1, SIGNUP_LIMIT_PER_HOUR: 50 });
    expect(() => parseEnv({ TRUST_PROXY_HOPS: '-1' })).toThrow(/TRUST_PROXY_HOPS/);
  });

  it('reads the cluster settings: off without REDIS_URL, an instance id per process', () => {
    const single = parseEnv({});
    expect(single.REDIS_URL).toBeUndefined();
    expect(single.INSTANCE_ID).toMatch(new RegExp(`:${process.pid}$`));
    expect(single.BOARD_LEASE_TTL_MS).toBe(5000);
    expect(parseEnv({ REDIS_URL: 'redis://127.0.0.1:6379', INSTANCE_ID: 'app-1' })).toMatchObject({ REDIS_URL: 'redis://127.0.0.1:6379', INSTANCE_ID: 'app-1' });
    expect(() => parseEnv({ REDIS_URL: 'http://x' })).toThrow(/REDIS_URL/);
    expect(() => parseEnv({ INSTANCE_ID: 'a b' })).toThrow(/INSTANCE_ID/);
  });

  it('lists every bad variable in one message', () => {
    let message = '';
    try {
      parseEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x', HOST: '' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('PORT');
    expect(message).toContain('DATABASE_URL: must be a postgresql:// URL');
    expect(message).toContain('HOST');
  });

  it('requires an OAuth id and secret together', () => {
    expect(() => parseEnv({ AUTH_GITHUB_ID: 'id' })).toThrow('AUTH_GITHUB_SECRET: must be set together with AUTH_GITHUB_ID');
  });

  it('treats empty strings as unset (docker-compose passes them)', () => {
    const env = parseEnv({ DATABASE_URL: '', AUTH_GITHUB_ID: '', AUTH_GITHUB_SECRET: '' });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(enabledOAuthProviders(env)).toEqual([]);
  });

  it('enables an OAuth provider only with both id and secret', () => {
    const env = parseEnv({ AUTH_GOOGLE_ID: 'g', AUTH_GOOGLE_SECRET: 's' });
    expect(enabledOAuthProviders(env)).toEqual(['google']);
  });

  it('derives secure cookies from the public URL', () => {
    expect(usesSecureCookies({ AUTH_URL: undefined })).toBe(false);
    expect(usesSecureCookies({ AUTH_URL: 'http://localhost:3000' })).toBe(false);
    expect(usesSecureCookies({ AUTH_URL: 'https://mockroom.example.com' })).toBe(true);
  });
});

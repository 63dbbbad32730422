import { describe, expect, it } from 'vitest';
import { safeCallbackUrl } from '@/lib/auth/callback-url';
import { HASHING, hashPassword, passwordHashingLoad, PasswordHashingBusy, verifyPassword } from '@/lib/auth/password';
import { clientAddressOf } from '@/lib/http';
import { ZSignUpInput } from '@/lib/auth/schemas';

describe('password hashing', () => {
  it('verifies the right password and refuses others', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same password')).not.toBe(await hashPassword('same password'));
  });

  it('refuses a malformed stored hash instead of throwing', async () => {
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
    expect(await verifyPassword('x', '')).toBe(false);
  });
});

describe('sign-up input', () => {
  it('normalises the email and enforces the minimum length', () => {
    expect(ZSignUpInput.parse({ name: ' Ada ', email: ' Ada@Example.COM ', password: '0123456789' })).toEqual({
      name: 'Ada',
      email: 'ada@example.com',
      password: '0123456789',
    });
    expect(ZSignUpInput.safeParse({ name: 'Ada', email: 'ada@example.com', password: '012345678' }).success).toBe(false);
    expect(ZSignUpInput.safeParse({ name: 'Ada', email: 'not-an-email', password: '0123456789' }).success).toBe(false);
  });
});

describe('callback URL after sign-in', () => {
  it('follows same-site paths only', () => {
    expect(safeCallbackUrl('/settings')).toBe('/settings');
    expect(safeCallbackUrl('https://evil.example/')).toBe('/dashboard');
    expect(safeCallbackUrl('//evil.example/')).toBe('/dashboard');
    expect(safeCallbackUrl('/\\evil.example')).toBe('/dashboard');
    expect(safeCallbackUrl(undefined)).toBe('/dashboard');
  });
});

describe('password hashing under load', () => {
  it('runs at most HASHING.MAX_RUNNING hashes at once, queues HASHING.MAX_WAITING, and refuses the rest at once', async () => {
    // A cheap stored hash (N=2^10) goes through the same queue as a real one.
    const salt = Buffer.from('0123456789abcdef');
    const cheap = ['scrypt', 1024, 8, 1, salt.toString('base64url'), Buffer.alloc(32).toString('base64url')].join('$');
    const total = HASHING.MAX_RUNNING + HASHING.MAX_WAITING + 5;
    const checks = Array.from({ length: total }, () => verifyPassword('x', cheap).then(() => 'done', (error: unknown) => error));
    expect(passwordHashingLoad()).toEqual({ running: HASHING.MAX_RUNNING, waiting: HASHING.MAX_WAITING });
    const outcomes = await Promise.all(checks);
    expect(outcomes.filter((outcome) => outcome === 'done')).toHaveLength(HASHING.MAX_RUNNING + HASHING.MAX_WAITING);
    const refused = outcomes.filter((outcome) => outcome instanceof PasswordHashingBusy);
    expect(refused).toHaveLength(5);
    expect(passwordHashingLoad()).toEqual({ running: 0, waiting: 0 });
  });
});

describe('client address', () => {
  it('is the TCP peer unless proxies are trusted, then the entry the nearest trusted proxy saw', () => {
    expect(clientAddressOf('::ffff:203.0.113.9', '198.51.100.1', 0)).toBe('203.0.113.9');
    expect(clientAddressOf('10.0.0.2', '198.51.100.1', 1)).toBe('198.51.100.1');
    // The client wrote the left-most entries itself; one trusted proxy appended the last one.
    expect(clientAddressOf('10.0.0.2', '1.2.3.4, 198.51.100.1', 1)).toBe('198.51.100.1');
    expect(clientAddressOf('10.0.0.2', '1.2.3.4, 198.51.100.1, 10.0.0.9', 2)).toBe('198.51.100.1');
    expect(clientAddressOf('10.0.0.2', undefined, 1)).toBe('10.0.0.2');
    // IPv6 by /64: one subscriber's addresses are one client.
    expect(clientAddressOf('2001:db8:1:2:aaaa::1', undefined, 0)).toBe('2001:db8:1:2::/64');
    expect(clientAddressOf('2001:db8:1:2:bbbb:cccc:dddd:eeee', undefined, 0)).toBe('2001:db8:1:2::/64');
    expect(clientAddressOf('::1', undefined, 0)).toBe('::1');
  });
});

import { describe, expect, it } from 'vitest';
import { safeCallbackUrl } from '@/lib/auth/callback-url';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
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

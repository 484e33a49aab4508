import { describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, hashPassword, parseHash, verifyPassword } from '../../../src/main/core/people/password';

describe('passwords (scrypt, parameters kept with the hash)', () => {
  it('verifies the password a hash was made from, and no other', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('stores scrypt, its N, r and p, a 16-byte salt and a 32-byte key; the same password twice gives two hashes', async () => {
    const a = await hashPassword('个人信息保护2026');
    const b = await hashPassword('个人信息保护2026');
    expect(a).not.toBe(b);
    const parsed = parseHash(a)!;
    expect(parsed.params).toEqual(DEFAULT_PARAMS);
    expect(parsed.params.N).toBeGreaterThanOrEqual(2 ** 15);
    expect(parsed.salt).toHaveLength(16);
    expect(parsed.key).toHaveLength(32);
    expect(a.startsWith(`scrypt$${DEFAULT_PARAMS.N}$${DEFAULT_PARAMS.r}$${DEFAULT_PARAMS.p}$`)).toBe(true);
  });

  it('verifies with the parameters stored, so that a hash made with others still works', async () => {
    const cheap = await hashPassword('an older password', { N: 2 ** 10, r: 8, p: 1 });
    expect(cheap.split('$')[1]).toBe('1024');
    expect(await verifyPassword('an older password', cheap)).toBe(true);
  });

  it('refuses a hash that is not one of ours, or whose parameters would exhaust memory', async () => {
    const stored = await hashPassword('correct horse battery');
    const parts = stored.split('$');
    expect(await verifyPassword('correct horse battery', ['bcrypt', ...parts.slice(1)].join('$'))).toBe(false);
    expect(await verifyPassword('correct horse battery', [parts[0], 2 ** 30, ...parts.slice(2)].join('$'))).toBe(false);
    expect(await verifyPassword('correct horse battery', [parts[0], 1000, ...parts.slice(2)].join('$'))).toBe(false);
    expect(await verifyPassword('correct horse battery', 'plain text')).toBe(false);
  });
});

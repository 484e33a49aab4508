/**
 * The desktop app's choice of register, kept between starts: the address without its password in
 * plain text, the password only as the system encrypted it, and not at all where it cannot.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RememberedRegisterFile, type Encryption } from '../../src/main/remembered-register';

/** A stand-in for safeStorage that really transforms the text (so that plain text would show). */
const reversing: Encryption = {
  available: () => true,
  encrypt: (text) => Buffer.from([...Buffer.from(text)].map((b) => b ^ 0x5a)),
  decrypt: (data) => Buffer.from([...data].map((b) => b ^ 0x5a)).toString(),
};

const fileIn = () => join(mkdtempSync(join(tmpdir(), 'pw-remember-')), 'register.json');
const URL_WITH_PASSWORD = 'postgres://workbench:s3cret%2Fpass@db.example.cn:5432/privacy_workbench?sslmode=verify-full';

describe('the remembered register', () => {
  it('keeps the server and its password, the password never in plain text', () => {
    const file = fileIn();
    const kept = new RememberedRegisterFile(file, reversing);
    expect(kept.save(URL_WITH_PASSWORD)).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('db.example.cn');
    expect(text).not.toContain('s3cret');
    expect(kept.state()).toEqual({ remembered: true, passwordKept: true });
    expect(new URL(new RememberedRegisterFile(file, reversing).load()!).password).toBe('s3cret%2Fpass');
  });

  it('without the system encryption keeps the address only, and the server will ask for the password', () => {
    const file = fileIn();
    const kept = new RememberedRegisterFile(file, { ...reversing, available: () => false });
    expect(kept.save(URL_WITH_PASSWORD)).toBe(false);
    expect(readFileSync(file, 'utf8')).not.toContain('s3cret');
    expect(kept.state()).toEqual({ remembered: true, passwordKept: false });
    expect(new URL(kept.load()!).password).toBe('');
  });

  it('forgetting goes back to this computer\'s register', () => {
    const file = fileIn();
    const kept = new RememberedRegisterFile(file, reversing);
    kept.save('/home/wang/registers/office.sqlite');
    expect(kept.load()).toBe('/home/wang/registers/office.sqlite');
    kept.forget();
    expect(kept.load()).toBeNull();
    expect(kept.state()).toEqual({ remembered: false, passwordKept: false });
  });
});

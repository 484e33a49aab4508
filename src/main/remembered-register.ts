/**
 * The desktop app's choice of register, kept between starts in `register.json` in the user-data
 * folder: the file or server address without its password, and the password only as the system's
 * encryption made it (Electron's `safeStorage`: the Keychain, DPAPI, the Secret Service). Where the
 * system cannot encrypt, the password is not kept and the app asks for it at the next start.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isPostgresUrl } from './core/paths';
import type { RememberedRegister } from './register-host';

/** What Electron's `safeStorage` offers, passed in so that this file never imports electron. */
export interface Encryption {
  available(): boolean;
  encrypt(text: string): Buffer;
  decrypt(data: Buffer): string;
}

interface Kept {
  location: string;
  /** The password, encrypted by the system, in base64. */
  password?: string;
}

/** The address with its password taken out, and the password. */
export function splitPassword(location: string): { location: string; password: string } {
  if (!isPostgresUrl(location)) return { location, password: '' };
  const url = new URL(location);
  const password = decodeURIComponent(url.password);
  url.password = '';
  return { location: url.toString(), password };
}

function withPassword(location: string, password: string): string {
  if (!password || !isPostgresUrl(location)) return location;
  const url = new URL(location);
  url.password = encodeURIComponent(password);
  return url.toString();
}

export class RememberedRegisterFile implements RememberedRegister {
  constructor(
    private readonly file: string,
    private readonly encryption: Encryption,
  ) {}

  private read(): Kept | null {
    if (!existsSync(this.file)) return null;
    try {
      const kept = JSON.parse(readFileSync(this.file, 'utf8')) as Kept;
      return typeof kept.location === 'string' && kept.location ? kept : null;
    } catch {
      return null;
    }
  }

  /** The location to open at start, with its password where one was kept and can be decrypted. */
  load(): string | null {
    const kept = this.read();
    if (!kept) return null;
    if (!kept.password) return kept.location;
    try {
      return withPassword(kept.location, this.encryption.decrypt(Buffer.from(kept.password, 'base64')));
    } catch {
      // Encrypted under another account or machine: the server will ask for it.
      return kept.location;
    }
  }

  save(location: string): boolean {
    const { location: bare, password } = splitPassword(location);
    const kept: Kept = { location: bare };
    const canKeep = password !== '' && this.encryption.available();
    if (canKeep) kept.password = this.encryption.encrypt(password).toString('base64');
    const partial = `${this.file}.partial`;
    writeFileSync(partial, JSON.stringify(kept, null, 2), { mode: 0o600 });
    renameSync(partial, this.file);
    return canKeep;
  }

  forget(): void {
    rmSync(this.file, { force: true });
  }

  state(): { remembered: boolean; passwordKept: boolean } {
    const kept = this.read();
    return { remembered: kept !== null, passwordKept: !!kept?.password };
  }
}

import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CliIo } from './io.js';

/**
 * The CLI's API session (`login` writes it, `call` reads it): the server's URL, the username, the
 * TOTP shared secret (every call needs a fresh code) and the access token. Never the password: an
 * expired session means `login` again. The file is the user's alone (mode 0600, folder 0700).
 */
export interface StoredSession {
  readonly url: string;
  readonly username: string;
  readonly secret: string;
  readonly accessToken: string;
  readonly expiresAtMs: number;
}

export function sessionFilePath(io: CliIo): string {
  return io.env.IBANERA_SESSION_FILE ?? join(io.env.HOME ?? io.cwd, '.ibanera-server', 'session.json');
}

export function writeSession(path: string, session: StoredSession): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, `${JSON.stringify(session, null, 2)}\n`, { mode: 0o600 });
  // writeFileSync keeps the mode of a file that already existed.
  chmodSync(path, 0o600);
}

/** The stored session, or null when there is none (or it is not ours to read). */
export function readSession(path: string): StoredSession | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  try {
    const value = JSON.parse(text) as Partial<StoredSession>;
    const ok =
      typeof value.url === 'string' &&
      typeof value.username === 'string' &&
      typeof value.secret === 'string' &&
      typeof value.accessToken === 'string' &&
      typeof value.expiresAtMs === 'number';
    return ok ? (value as StoredSession) : null;
  } catch {
    return null;
  }
}

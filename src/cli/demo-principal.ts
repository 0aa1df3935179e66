import { randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import { listPrincipals } from '../auth/index.js';
import { insertSettingOnce, readSetting } from '../db/settings.js';
import type { Runtime } from '../runtime.js';
import { DomainError } from '../shared/domain-error.js';

export const DEMO_USERNAME = 'demo';
const DEMO_SETTING = 'demo_principal';

export interface DemoCredentials {
  readonly customersId: number;
  readonly username: string;
  readonly password: string;
  readonly sharedSecret: string;
  readonly otpauthUrl: string;
}

/**
 * Sandbox convenience: on first start with no principal, create `demo` with a random password and
 * keep its credentials (sandbox only) so `ibanera-server principals demo` can show them again.
 */
export async function ensureDemoPrincipal(runtime: Runtime): Promise<DemoCredentials | null> {
  if ((await listPrincipals(runtime.database.db)).length > 0) return null;
  const password = randomBytes(12).toString('base64url');
  try {
    const created = await runtime.auth.createPrincipal(DEMO_USERNAME, password);
    const credentials: DemoCredentials = { ...created, password };
    await insertSettingOnce(runtime.database.db, DEMO_SETTING, JSON.stringify(credentials));
    return credentials;
  } catch (error) {
    // Another process created it first: nothing to print.
    if (error instanceof DomainError) return null;
    throw error;
  }
}

export async function readDemoCredentials(runtime: Runtime): Promise<DemoCredentials | null> {
  const text = await readSetting(runtime.database.db, DEMO_SETTING);
  return text === undefined ? null : (JSON.parse(text) as DemoCredentials);
}

export async function describeDemoCredentials(credentials: DemoCredentials): Promise<string> {
  const qr = await QRCode.toString(credentials.otpauthUrl, { type: 'terminal', small: true });
  return [
    'Demo principal created (sandbox):',
    `  username:     ${credentials.username}`,
    `  password:     ${credentials.password}`,
    `  sharedSecret: ${credentials.sharedSecret}`,
    `  otpauth URL:  ${credentials.otpauthUrl}`,
    'Scan with an authenticator app, or run `npx ibanera-server totp --secret <sharedSecret>`:',
    qr,
  ].join('\n');
}

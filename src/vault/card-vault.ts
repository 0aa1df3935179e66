import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { insertSettingOnce } from '../db/settings.js';

const CARD_DATA_KEY_SETTING = 'card_data_key';
const FORMAT = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Card data at rest (numbers, CVCs, expiry dates): AES-256-GCM under `CARD_DATA_KEY`, a fresh
 * 96-bit nonce per value, and a context (what the value is and whose: `card:1234:pan`) bound in as
 * associated data, so a sealed value copied to another row or column does not open. A sealed value
 * is `v1.<key id>.<nonce>.<ciphertext>.<tag>` (base64url); the key id is the first 8 hex digits of
 * the key's SHA-256, so a value sealed under another key is told apart from a damaged one.
 */
export class CardVault {
  private readonly keyId: string;

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('the card data key must be 32 bytes');
    this.keyId = createHash('sha256').update(key).digest('hex').slice(0, 8);
  }

  seal(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [FORMAT, this.keyId, iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
  }

  /** The plaintext; throws (a plain Error: a bug or a wrong key, never the client's fault) when it does not open. */
  open(sealed: string, context: string): string {
    const [format, keyId, iv, ciphertext, tag] = sealed.split('.');
    if (format !== FORMAT || iv === undefined || ciphertext === undefined || tag === undefined) throw new Error('not a sealed card value');
    if (keyId !== this.keyId) throw new Error(`card value sealed under key ${keyId ?? '?'}, this server has key ${this.keyId}`);
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }
}

/**
 * The configured key, or (sandbox only: config refuses production without one) a key made on first
 * start and kept in the settings table, so every process on one database opens the same values.
 */
export async function loadCardVault(db: Kysely<Database>, configured: string | null): Promise<CardVault> {
  if (configured !== null) return new CardVault(Buffer.from(configured, 'base64'));
  const stored = await insertSettingOnce(db, CARD_DATA_KEY_SETTING, randomBytes(32).toString('base64'));
  return new CardVault(Buffer.from(stored, 'base64'));
}

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, QuickbuyApiKeysTable } from '../db/schema.js';
import { DomainError } from '../shared/domain-error.js';
import type { CardVault } from '../vault/index.js';

export type ApiKeyRow = Selectable<QuickbuyApiKeysTable>;

/** Allowed origins per key (the widget's whitelist). */
export const ORIGINS_PER_KEY_MAX = 20;
export const ORIGIN_LENGTH_MAX = 200;

const KEY_ID = /^[0-9a-f]{16}$/;
/** `qbk_<key id>_<32 hex>`: the key id is public (the widget's `data-key`), the rest is the secret part. */
const API_KEY = /^qbk_([0-9a-f]{16})_[0-9a-f]{32}$/;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const secretContext = (keyId: string) => `quickbuy-key:${keyId}:secret`;

/** An origin as the whitelist keeps it: scheme, host and port, no path; http only in sandbox. */
export function checkOrigin(text: string, mode: 'sandbox' | 'production'): string | null {
  if (text.length > ORIGIN_LENGTH_MAX) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && !(mode === 'sandbox' && url.protocol === 'http:')) return null;
  if (url.username !== '' || url.password !== '' || (url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') return null;
  return url.origin;
}

export interface CreatedKey {
  readonly keyId: string;
  readonly apiKey: string;
  readonly secret: string;
  readonly allowedOrigins: readonly string[];
  readonly callbackUrl: string | null;
}

/** A new key for the principal; the API key and the secret are returned once and never again. */
export async function insertApiKey(
  tx: Kysely<Database>,
  vault: CardVault,
  input: { principalId: number; allowedOrigins: readonly string[]; callbackUrl: string | null; dateCreated: string; keysMax: number },
): Promise<CreatedKey> {
  const count = await tx
    .selectFrom('quickbuy_api_keys')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('principal_customers_id', '=', input.principalId)
    .where('date_revoked', 'is', null)
    .executeTakeFirstOrThrow();
  if (Number(count.n) >= input.keysMax) throw new DomainError('Key_Limit_Reached', 'username');
  const keyId = randomBytes(8).toString('hex');
  const apiKey = `qbk_${keyId}_${randomBytes(16).toString('hex')}`;
  const secret = `qbs_${randomBytes(32).toString('hex')}`;
  await tx
    .insertInto('quickbuy_api_keys')
    .values({
      id: keyId,
      principal_customers_id: input.principalId,
      key_hash: sha256(apiKey),
      secret_sealed: vault.seal(secret, secretContext(keyId)),
      allowed_origins_json: JSON.stringify(input.allowedOrigins),
      callback_url: input.callbackUrl,
      date_created: input.dateCreated,
      date_revoked: null,
    })
    .execute();
  return { keyId, apiKey, secret, allowedOrigins: input.allowedOrigins, callbackUrl: input.callbackUrl };
}

/** The live key an `Authorization: Bearer` or `X-Api-Key` value names, or `Api_Key_Invalid`. */
export async function authenticateApiKey(db: Kysely<Database>, presented: string | undefined): Promise<ApiKeyRow> {
  const match = presented === undefined ? null : API_KEY.exec(presented);
  if (presented === undefined || match === null) throw new DomainError('Api_Key_Invalid', 'Authorization');
  const row = await findLiveKey(db, match[1] as string);
  // The hash is compared in constant time, so a near miss takes as long as a far one.
  if (row === undefined || !timingSafeEqual(Buffer.from(row.key_hash, 'hex'), Buffer.from(sha256(presented), 'hex'))) throw new DomainError('Api_Key_Invalid', 'Authorization');
  return row;
}

export function findLiveKey(db: Kysely<Database>, keyId: string): Promise<ApiKeyRow | undefined> {
  if (!KEY_ID.test(keyId)) return Promise.resolve(undefined);
  return db.selectFrom('quickbuy_api_keys').selectAll().where('id', '=', keyId).where('date_revoked', 'is', null).executeTakeFirst();
}

export function keySecret(vault: CardVault, row: ApiKeyRow): string {
  return vault.open(row.secret_sealed, secretContext(row.id));
}

export function allowedOrigins(row: ApiKeyRow): readonly string[] {
  return JSON.parse(row.allowed_origins_json) as string[];
}

export function listKeys(db: Kysely<Database>, principalId: number): Promise<ApiKeyRow[]> {
  return db.selectFrom('quickbuy_api_keys').selectAll().where('principal_customers_id', '=', principalId).orderBy('date_created').execute();
}

export async function revokeKey(db: Kysely<Database>, principalId: number, keyId: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('quickbuy_api_keys')
    .set({ date_revoked: now })
    .where('id', '=', keyId)
    .where('principal_customers_id', '=', principalId)
    .where('date_revoked', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, QuickbuyFormTokensTable } from '../db/schema.js';
import { DomainError } from '../shared/domain-error.js';

export type FormTokenRow = Selectable<QuickbuyFormTokensTable>;

/** A payment form can be submitted within this time of being shown. */
export const FORM_TOKEN_TTL_SECONDS = 3600;

const hash = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

/** What a form is for: one order's page, or one widget (a key, a buyer, an embedding origin). */
export type FormBinding = { readonly ordersId: string } | { readonly apiKeysId: string; readonly customerReference: string; readonly frameOrigin: string };

/** A fresh one-use token for a form; only its SHA-256 is kept. */
export async function issueFormToken(tx: Kysely<Database>, binding: FormBinding, nowIso: string): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  await tx
    .insertInto('quickbuy_form_tokens')
    .values({
      token_hash: hash(token),
      orders_id: 'ordersId' in binding ? binding.ordersId : null,
      api_keys_id: 'apiKeysId' in binding ? binding.apiKeysId : null,
      customer_reference: 'apiKeysId' in binding ? binding.customerReference : null,
      frame_origin: 'apiKeysId' in binding ? binding.frameOrigin : null,
      date_issued: nowIso,
      date_used: null,
    })
    .execute();
  return token;
}

/**
 * Uses a form's token once, inside the payment's transaction: a replayed, unknown, stale or
 * foreign token is `Form_Token_Invalid` (and the transaction rolls back, so nothing is written).
 */
export async function useFormToken(tx: Kysely<Database>, token: string | undefined, nowMs: number, nowIso: string): Promise<FormTokenRow> {
  if (token === undefined || !/^[A-Za-z0-9_-]{32}$/.test(token)) throw new DomainError('Form_Token_Invalid', 'token');
  const tokenHash = hash(token);
  const used = await tx.updateTable('quickbuy_form_tokens').set({ date_used: nowIso }).where('token_hash', '=', tokenHash).where('date_used', 'is', null).executeTakeFirst();
  if (used.numUpdatedRows !== 1n) throw new DomainError('Form_Token_Invalid', 'token');
  const row = await tx.selectFrom('quickbuy_form_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirstOrThrow();
  if (Date.parse(row.date_issued) + FORM_TOKEN_TTL_SECONDS * 1000 < nowMs) throw new DomainError('Form_Token_Invalid', 'token');
  return row;
}

/** The row of a token not used yet (to show its form again after an input error), without using it. */
export function peekFormToken(db: Kysely<Database>, token: string | undefined): Promise<FormTokenRow | undefined> {
  if (token === undefined || !/^[A-Za-z0-9_-]{32}$/.test(token)) return Promise.resolve(undefined);
  return db.selectFrom('quickbuy_form_tokens').selectAll().where('token_hash', '=', hash(token)).where('date_used', 'is', null).executeTakeFirst();
}

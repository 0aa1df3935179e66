import { checkCallbackUrl } from '../callbacks/index.js';
import type { DatabaseHandle } from '../db/open-database.js';
import { inTransaction } from '../db/transaction.js';
import { isoTimestamp, type Clock } from '../shared/clock.js';
import { DomainError } from '../shared/domain-error.js';
import type { CardVault } from '../vault/index.js';
import { allowedOrigins, checkOrigin, insertApiKey, listKeys, ORIGINS_PER_KEY_MAX, revokeKey, type CreatedKey } from './api-keys.js';

export interface KeysSettings {
  readonly mode: 'sandbox' | 'production';
  readonly quickbuyKeysPerPrincipalMax: number;
}

/** The operator's side of QuickBuy keys (`ibanera-server quickbuy keys …`). */
export class QuickBuyKeysService {
  constructor(
    private readonly database: DatabaseHandle,
    private readonly clock: Clock,
    private readonly vault: CardVault,
    private readonly settings: KeysSettings,
  ) {}

  private async principalId(username: string): Promise<number> {
    const row = await this.database.db.selectFrom('principals').select('customers_id').where('username', '=', username).executeTakeFirst();
    if (row === undefined) throw new DomainError('Not_Found', 'username');
    return Number(row.customers_id);
  }

  async create(username: string, origins: readonly string[], callbackUrl: string | null): Promise<CreatedKey> {
    const principalId = await this.principalId(username);
    if (origins.length > ORIGINS_PER_KEY_MAX) throw new DomainError('Invalid_Length', 'origin');
    const checked = origins.map((o) => checkOrigin(o, this.settings.mode));
    if (checked.some((o) => o === null)) throw new DomainError('Invalid', 'origin');
    if (callbackUrl !== null && !(await checkCallbackUrl(callbackUrl, this.settings.mode)).ok) throw new DomainError('Invalid', 'callback-url');
    const nowIso = isoTimestamp(this.clock.nowMs());
    return inTransaction(this.database, (tx) =>
      insertApiKey(tx, this.vault, {
        principalId,
        allowedOrigins: [...new Set(checked as string[])],
        callbackUrl,
        dateCreated: nowIso,
        keysMax: this.settings.quickbuyKeysPerPrincipalMax,
      }),
    );
  }

  async list(username: string) {
    const rows = await listKeys(this.database.db, await this.principalId(username));
    return rows.map((r) => ({ keyId: r.id, allowedOrigins: allowedOrigins(r), callbackUrl: r.callback_url, dateCreated: r.date_created, dateRevoked: r.date_revoked }));
  }

  async revoke(username: string, keyId: string): Promise<boolean> {
    return revokeKey(this.database.db, await this.principalId(username), keyId, isoTimestamp(this.clock.nowMs()));
  }
}

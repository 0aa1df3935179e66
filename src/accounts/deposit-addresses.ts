import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { insertSettingOnce } from '../db/settings.js';
import { DomainError } from '../shared/domain-error.js';
import { depositAddress, generateWatchOnlyXpub, type Chain, type Network } from './crypto-address/index.js';

export interface DepositAddressSettings {
  readonly network: Network;
  readonly configuredXpubs: Readonly<Partial<Record<Chain, string>>>;
}

/**
 * Deposit addresses derived from a watch-only extended public key per chain: the configured one,
 * or (sandbox only) one generated on first use whose private key is thrown away at once. The address of
 * an account is child `0/<account id>`: deterministic, and no private key is ever needed to serve it.
 */
export class DepositAddresses {
  private readonly xpubs = new Map<Chain, string>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly settings: DepositAddressSettings,
  ) {}

  get network(): Network {
    return this.settings.network;
  }

  async addressFor(chain: Chain, accountsId: number): Promise<string> {
    return depositAddress({ chain, network: this.settings.network, xpub: await this.xpubFor(chain), index: accountsId });
  }

  private async xpubFor(chain: Chain): Promise<string> {
    const cached = this.xpubs.get(chain) ?? this.settings.configuredXpubs[chain];
    if (cached !== undefined) return cached;
    // A generated key's private half is gone: on mainnet, money sent there could never be moved.
    if (this.settings.network === 'mainnet') throw new DomainError('Service_Unavailable', 'AccountsId');
    const stored = await insertSettingOnce(this.db, `xpub:${chain}:${this.settings.network}`, generateWatchOnlyXpub(chain, this.settings.network));
    this.xpubs.set(chain, stored);
    return stored;
  }
}

export function chainOf(name: string | null): Chain | null {
  return name === 'bitcoin' || name === 'ethereum' ? name : null;
}

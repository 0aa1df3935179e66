import { defineModule } from '../api-module.js';
import { loadCardVault, type CardVault } from './card-vault.js';

export interface VaultServices {
  readonly cardVault: CardVault;
}

/** Encryption of card data at rest, for cards, QuickBuy's saved cards and card payees. No tables, no routes. */
export const vaultModule = defineModule<VaultServices>({
  name: 'vault',
  tables: [],
  async services(ctx) {
    return { cardVault: await loadCardVault(ctx.database.db, ctx.config.cardDataKey) };
  },
});

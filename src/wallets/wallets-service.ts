import { findAsset, type CryptoService } from '../accounts/index.js';
import { customersInScope, findCustomerInScope } from '../customers/index.js';
import type { DatabaseHandle } from '../db/open-database.js';
import type { Tx } from '../db/transaction.js';
import { runWrite, type WriteContext } from '../db/unit-of-work.js';
import { isoTimestamp, type Clock } from '../shared/clock.js';
import { DomainError, notFound } from '../shared/domain-error.js';
import { numberOfPages, pageOffset, type PageRequest } from '../shared/paging.js';
import type { CreateWalletBody, EditWalletBody, WithdrawToSavedWalletBody, WithdrawV2Body } from './contract.js';
import { deleteWallet, findWalletInScope, insertWallet, updateWallet, walletCount, walletNameTaken, walletView, type NewWallet } from './wallets-repository.js';

export interface WalletsSettings {
  readonly walletsPerCustomerMax: number;
}

/** v2 spells the withdrawal's fields PascalCase; errors name them so. */
const V2_FIELDS = { accountsId: 'AccountsId', amount: 'Amount', destinationAddress: 'DestinationAddress' };

/**
 * Saved crypto wallets (named withdrawal destinations) and the v2 withdrawals. Every address is
 * checked by the accounts module's withdrawal rules, and every withdrawal is its withdrawal (the
 * same validation, screening, ledger hold and callback): this module only names addresses.
 */
export class WalletsService {
  constructor(
    private readonly database: DatabaseHandle,
    private readonly clock: Clock,
    private readonly crypto: CryptoService,
    private readonly settings: WalletsSettings,
  ) {}

  /** Inside a write: refuses a taken name or a full customer, then saves the wallet. */
  private async save(tx: Tx, wallet: NewWallet, nameField: string) {
    if (await walletNameTaken(tx, wallet.customersId, wallet.name, null)) throw new DomainError('Wallet_Name_Taken', nameField);
    if ((await walletCount(tx, wallet.customersId)) >= this.settings.walletsPerCustomerMax) throw new DomainError('Wallet_Limit_Reached', nameField);
    return insertWallet(tx, wallet);
  }

  private static checkName(name: string | undefined, fieldName: string): string {
    const trimmed = name?.trim() ?? '';
    if (trimmed === '') throw new DomainError('Required', fieldName);
    return trimmed;
  }

  async create(principalId: number, input: CreateWalletBody, ctx: WriteContext) {
    const customersId = input.CustomersId ?? principalId;
    if ((await findCustomerInScope(this.database.reader, principalId, customersId)) === undefined) throw notFound('CustomersId');
    const assetCode = input.Asset ?? input.AssetsId;
    if (assetCode === undefined) throw new DomainError('Required', 'Asset');
    const name = WalletsService.checkName(input.Name, 'Name');
    const { asset, address } = await this.crypto.checkDestinationAddress(assetCode, input.Address, 'Address');
    const dateAdded = isoTimestamp(this.clock.nowMs());
    return runWrite(this.database, ctx, async (tx) => walletView(await this.save(tx, { customersId, asset: asset.code, name, address, dateAdded }, 'Name')));
  }

  async edit(principalId: number, input: EditWalletBody, ctx: WriteContext) {
    const existing = await findWalletInScope(this.database.reader, principalId, input.WalletId);
    if (existing === undefined) throw notFound('WalletId');
    const name = input.Name === undefined ? existing.name : WalletsService.checkName(input.Name, 'Name');
    const address = input.Address === undefined ? existing.address : (await this.crypto.checkDestinationAddress(existing.asset, input.Address, 'Address')).address;
    return runWrite(this.database, ctx, async (tx) => {
      if (await walletNameTaken(tx, existing.customers_id, name, existing.id)) throw new DomainError('Wallet_Name_Taken', 'Name');
      return walletView(await updateWallet(tx, existing.id, name, address));
    });
  }

  async delete(principalId: number, walletId: number, ctx: WriteContext) {
    const existing = await findWalletInScope(this.database.reader, principalId, walletId);
    if (existing === undefined) throw notFound('WalletId');
    return runWrite(this.database, ctx, async (tx) => {
      if (!(await deleteWallet(tx, existing.id))) throw notFound('WalletId');
      return { walletId: existing.id, bDeleted: true };
    });
  }

  async list(principalId: number, filter: { customersId?: number; asset?: string }, page: PageRequest) {
    const db = this.database.reader;
    if (filter.customersId !== undefined && (await findCustomerInScope(db, principalId, filter.customersId)) === undefined) throw notFound('CustomersId');
    let query = db.selectFrom('crypto_wallets');
    query = filter.customersId === undefined ? query.where('customers_id', 'in', customersInScope(db, principalId)) : query.where('customers_id', '=', filter.customersId);
    if (filter.asset !== undefined) query = query.where('asset', '=', (await findAsset(db, filter.asset))?.code ?? filter.asset);
    const [rows, count] = await Promise.all([
      query.selectAll().orderBy('id').limit(page.pageSize).offset(pageOffset(page)).execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(walletView), pageNumber: page.pageNumber, pageSize: page.pageSize, numberOfPages: numberOfPages(Number(count.n), page.pageSize) };
  }

  /** A withdrawal to an address, optionally saving it as a wallet in the withdrawal's transaction. */
  async withdraw(principalId: number, input: WithdrawV2Body, ctx: WriteContext) {
    const save = input.bSaveWallet === true;
    const name = save ? WalletsService.checkName(input.WalletName, 'WalletName') : null;
    const body = { accountsId: input.AccountsId, amount: input.Amount, destinationAddress: input.DestinationAddress };
    return this.crypto.withdraw(principalId, body, ctx, {
      fields: V2_FIELDS,
      within: async (tx, w) => {
        if (name === null) return { walletId: null };
        const wallet = await this.save(tx, { customersId: w.customersId, asset: w.asset, name, address: input.DestinationAddress.trim(), dateAdded: w.dateTime }, 'WalletName');
        return { walletId: wallet.id };
      },
    });
  }

  /** A withdrawal to a saved wallet of the account's own customer and asset. */
  async withdrawToSavedWallet(principalId: number, input: WithdrawToSavedWalletBody, ctx: WriteContext) {
    const wallet = await findWalletInScope(this.database.reader, principalId, input.WalletId);
    if (wallet === undefined) throw notFound('WalletId');
    const { account } = await this.crypto.findCryptoAccount(principalId, input.AccountsId, 'AccountsId');
    if (wallet.customers_id !== account.customers_id || wallet.asset !== account.asset) throw new DomainError('Invalid', 'WalletId');
    const body = { accountsId: account.id, amount: input.Amount, destinationAddress: wallet.address };
    return this.crypto.withdraw(principalId, body, ctx, { fields: { ...V2_FIELDS, destinationAddress: 'WalletId' }, within: () => Promise.resolve({ walletId: wallet.id }) });
  }
}

import type { DatabaseHandle } from '../db/open-database.js';
import type { CreateAccountBody, CreatedAccounts } from './contract.js';
import { runWrite, type WriteContext } from '../db/unit-of-work.js';
import type { Clock } from '../shared/clock.js';
import { isoTimestamp } from '../shared/clock.js';
import { DomainError, notFound } from '../shared/domain-error.js';
import { numberOfPages, pageOffset, totalFromShortPage, type Page, type PageRequest } from '../shared/paging.js';
import { accountDetailView, accountListItemView, balanceListItemView, createdAccountView, digitsOf, type AccountRow } from './account-views.js';
import { accountInScope, countCustomerAccounts, customerAccounts, customerAccountsPage, customerAssetAccountsPage, twoAccountsWithKyc } from './accounts-repository.js';
import { findAsset, loadAssets } from './assets-repository.js';
import { openAccount } from './open-account.js';
import { customersInScope, findCustomerInScope } from '../customers/index.js';
import type { Tx } from '../db/transaction.js';

export interface AccountsSettings {
  readonly accountsPerCustomerMax: number;
}

/** Asset accounts: create, read, list, balances — always within the principal's reach. */
export class AccountsService {
  constructor(
    private readonly database: DatabaseHandle,
    private readonly clock: Clock,
    private readonly settings: AccountsSettings,
  ) {}

  async createAccount(principalId: number, input: CreateAccountBody, ctx: WriteContext): Promise<CreatedAccounts> {
    const db = this.database.reader;
    const customer = await findCustomerInScope(db, principalId, input.CustomersId);
    if (customer === undefined) throw notFound('CustomersId');
    const asset = await findAsset(db, input.Asset);
    if (asset === undefined || asset.b_enabled !== 1) throw DomainError.because('Invalid', 'Asset', 'Asset is not an asset this server offers (see docs/assets.md).');
    if (input.Name.trim() === '') throw new DomainError('Required', 'Name');
    if (customer.kyc_status !== 'Accepted') throw new DomainError('Documents_Not_Verified', 'CustomersId');
    return runWrite(this.database, ctx, async (tx) => {
      // Serializes concurrent creates for one customer on PostgreSQL so the limit holds exactly.
      if (this.database.dialect === 'postgres') await tx.selectFrom('customers').select('id').where('id', '=', customer.id).forNoKeyUpdate().execute();
      const count = await tx
        .selectFrom('accounts')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('customers_id', '=', customer.id)
        .executeTakeFirstOrThrow();
      if (Number(count.n) >= this.settings.accountsPerCustomerMax) throw new DomainError('Account_Limit_Reached', 'CustomersId');
      const account = await openAccount(tx, { customersId: customer.id, name: input.Name, asset, dateAdded: isoTimestamp(this.clock.nowMs()) });
      return { customersId: customer.id, customersReference: `CST${customer.id}`, accounts: [createdAccountView(account, asset.precision)] };
    });
  }

  /**
   * An accepted managee gets an account for each asset its manager holds (Ibanera: "a managed
   * customer will have an account created for each account held by the manager"); inside the
   * caller's transaction. Returns the new accounts' ids.
   */
  async openAccountsLikeManager(tx: Tx, managerId: number, customersId: number, dateAdded: string): Promise<number[]> {
    const assets = await tx.selectFrom('accounts').select('asset').distinct().where('customers_id', '=', managerId).orderBy('asset').execute();
    const opened: number[] = [];
    for (const { asset: code } of assets) {
      const asset = await findAsset(tx, code);
      if (asset !== undefined) opened.push((await openAccount(tx, { customersId, name: `${asset.code} Account`, asset, dateAdded })).id);
    }
    return opened;
  }

  /** An account by id, or Not_Found when it is missing or outside the principal's reach. */
  async findAccount(principalId: number, accountsId: number, fieldName: string): Promise<AccountRow> {
    const account = await this.database.reader
      .selectFrom('accounts')
      .selectAll()
      .where('id', '=', accountsId)
      .where('customers_id', 'in', customersInScope(this.database.reader, principalId))
      .executeTakeFirst();
    if (account === undefined) throw notFound(fieldName);
    return account;
  }

  /**
   * Several accounts by id in one query, each with its owner's KYC status, in the order given;
   * `undefined` for an id that is missing or outside the principal's reach (the two look the same,
   * so a caller cannot learn that someone else's id exists). The caller decides what that answers.
   */
  async findAccountsWithKyc(principalId: number, ids: readonly number[]): Promise<((AccountRow & { kyc_status: string }) | undefined)[]> {
    const [first, second] = ids;
    if (ids.length <= 2 && first !== undefined) {
      // A transfer's two parties (or a card's one account): the hot path, compiled once.
      const rows = await twoAccountsWithKyc.rows(this.database.reader, { first, second: second ?? first, principalId });
      return ids.map((id) => rows.find((r) => r.id === id));
    }
    const rows = await this.database.reader
      .selectFrom('accounts as a')
      .innerJoin('customers as c', 'c.id', 'a.customers_id')
      .selectAll('a')
      .select('c.kyc_status')
      .where('a.id', 'in', ids)
      .where('a.customers_id', 'in', customersInScope(this.database.reader, principalId))
      .execute();
    return ids.map((id) => rows.find((r) => r.id === id));
  }

  async getAccount(principalId: number, accountsId: number) {
    const db = this.database.reader;
    const account = await accountInScope.first(db, { accountsId, principalId });
    if (account === undefined) throw notFound('Id');
    return accountDetailView(account, digitsOf(await loadAssets(this.database.reader), account.asset));
  }

  /** The principal's own accounts (not its managees'); every one when `page` is null. */
  async balances(principalId: number, page: PageRequest | null) {
    const db = this.database.reader;
    const query =
      page === null
        ? customerAccounts.rows(db, { customersId: principalId })
        : customerAccountsPage.rows(db, { customersId: principalId, limit: page.pageSize, offset: pageOffset(page) });
    const [rows, assets] = await Promise.all([query, loadAssets(db)]);
    const total = page === null ? rows.length : (totalFromShortPage(page, rows.length) ?? (await this.countAccounts(principalId, null)));
    const items = rows.map((a) => balanceListItemView(a, digitsOf(assets, a.asset)));
    const size = page?.pageSize ?? Math.max(total, 1);
    return { items, pageNumber: page?.pageNumber ?? 1, pageSize: page?.pageSize ?? total, numberOfPages: numberOfPages(total, size) };
  }

  async listAccounts(principalId: number, filter: { customersId?: number; asset?: string }, page: PageRequest): Promise<Page<ReturnType<typeof accountListItemView>>> {
    const db = this.database.reader;
    const customersId = filter.customersId ?? principalId;
    // The principal is itself a customer (its row is what authenticated the request): only another id needs the scope check.
    if (customersId !== principalId && (await findCustomerInScope(db, principalId, customersId)) === undefined) throw notFound('CustomersId');
    const assets = await loadAssets(db);
    const asset = filter.asset === undefined ? null : await findAsset(db, filter.asset);
    if (asset === undefined) throw DomainError.because('Invalid', 'Asset', 'Asset is not an asset this server offers (see docs/assets.md).');
    const window = { customersId, limit: page.pageSize, offset: pageOffset(page) };
    const rows = asset === null ? await customerAccountsPage.rows(db, window) : await customerAssetAccountsPage.rows(db, { ...window, asset: asset.code });
    const total = totalFromShortPage(page, rows.length) ?? (await this.countAccounts(customersId, asset?.code ?? null));
    return {
      items: rows.map((a) => accountListItemView(a, assets.get(a.asset))),
      pageNumber: page.pageNumber,
      pageSize: page.pageSize,
      numberOfPages: numberOfPages(total, page.pageSize),
    };
  }

  private countAccounts(customersId: number, asset: string | null): Promise<number> {
    return countCustomerAccounts(this.database.reader, customersId, asset);
  }
}

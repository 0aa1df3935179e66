import type { AccountsService } from '../accounts/index.js';
import { customersInScope, findCustomerInScope } from '../customers/index.js';
import type { DatabaseHandle } from '../db/open-database.js';
import { runWrite, type WriteContext } from '../db/unit-of-work.js';
import { isoTimestamp, type Clock } from '../shared/clock.js';
import { DomainError, notFound } from '../shared/domain-error.js';
import { numberOfPages, pageOffset, type PageRequest } from '../shared/paging.js';
import type { CreatePayeeBody, EditPayeeBody } from './contract.js';
import { checkPayee } from './payee-rules.js';
import { findPayeeInScope, insertPayee, payeeColumns, payeeView } from './payees-repository.js';

/** Saved payees (beneficiaries): create, edit, get, list, delete; scoped to the principal and its managees. */
export class PayeesService {
  constructor(
    private readonly database: DatabaseHandle,
    private readonly clock: Clock,
    private readonly accounts: AccountsService,
    /** Sandbox: a client's `bVerified: true` links the payee (there is no Plaid here); production ignores it. */
    private readonly trustClientVerification: boolean,
  ) {}

  private verifiedOf(given: boolean | undefined, existing: number): number {
    if (!this.trustClientVerification || given === undefined) return existing;
    return given ? 1 : 0;
  }

  private async accountFor(principalId: number, customersId: number, accountsId: number | undefined): Promise<number | null> {
    if (accountsId === undefined) return null;
    const account = await this.accounts.findAccount(principalId, accountsId, 'CustomerAssetAccountsId');
    if (account.customers_id !== customersId) throw new DomainError('Invalid', 'CustomerAssetAccountsId');
    return account.id;
  }

  async create(principalId: number, input: CreatePayeeBody, ctx: WriteContext) {
    const customer = await findCustomerInScope(this.database.reader, principalId, input.CustomersId);
    if (customer === undefined) throw notFound('CustomersId');
    const accountsId = await this.accountFor(principalId, customer.id, input.CustomerAssetAccountsId);
    const checked = checkPayee(input, undefined, '');
    if (!checked.ok) throw DomainError.of(checked.errors);
    return runWrite(this.database, ctx, async (tx) =>
      payeeView(await insertPayee(tx, customer.id, accountsId, checked.payee, isoTimestamp(this.clock.nowMs()), this.verifiedOf(input.bVerified, 0) === 1)),
    );
  }

  async edit(principalId: number, input: EditPayeeBody, ctx: WriteContext) {
    const payeesId = input.PayeesId;
    const existing = await findPayeeInScope(this.database.reader, principalId, payeesId);
    if (existing === undefined) throw notFound('PayeesId');
    const accountsId =
      input.CustomerAssetAccountsId === undefined ? existing.customer_asset_accounts_id : await this.accountFor(principalId, existing.customers_id, input.CustomerAssetAccountsId);
    const checked = checkPayee(input, undefined, '');
    if (!checked.ok) throw DomainError.of(checked.errors);
    return runWrite(this.database, ctx, async (tx) =>
      payeeView(
        await tx
          .updateTable('payees')
          .set({ ...payeeColumns(checked.payee), customer_asset_accounts_id: accountsId, b_verified: this.verifiedOf(input.bVerified, existing.b_verified) })
          .where('id', '=', existing.id)
          .returningAll()
          .executeTakeFirstOrThrow(),
      ),
    );
  }

  async get(principalId: number, payeesId: number) {
    const row = await findPayeeInScope(this.database.reader, principalId, payeesId);
    if (row === undefined) throw notFound('Id');
    return payeeView(row);
  }

  async list(principalId: number, customersId: number | undefined, page: PageRequest) {
    const db = this.database.reader;
    if (customersId !== undefined && (await findCustomerInScope(db, principalId, customersId)) === undefined) throw notFound('CustomersId');
    let query = db.selectFrom('payees').where('b_deleted', '=', 0);
    query = customersId === undefined ? query.where('customers_id', 'in', customersInScope(db, principalId)) : query.where('customers_id', '=', customersId);
    const [rows, count] = await Promise.all([
      query.selectAll().orderBy('id').limit(page.pageSize).offset(pageOffset(page)).execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(payeeView), pageNumber: page.pageNumber, pageSize: page.pageSize, numberOfPages: numberOfPages(Number(count.n), page.pageSize) };
  }

  async delete(principalId: number, payeesId: number, ctx: WriteContext) {
    const existing = await findPayeeInScope(this.database.reader, principalId, payeesId);
    if (existing === undefined) throw notFound('PayeesId');
    return runWrite(this.database, ctx, async (tx) => {
      const result = await tx.updateTable('payees').set({ b_deleted: 1 }).where('id', '=', existing.id).where('b_deleted', '=', 0).executeTakeFirst();
      if (result.numUpdatedRows !== 1n) throw notFound('PayeesId');
      return { payeesId: existing.id, bDeleted: true };
    });
  }
}

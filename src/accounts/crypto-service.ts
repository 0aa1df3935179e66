import type { Kysely } from 'kysely';
import type { DatabaseHandle } from '../db/open-database.js';
import type { Database } from '../db/schema.js';
import { NO_WRITE_CONTEXT, runWrite, type WriteContext } from '../db/unit-of-work.js';
import { emitTransactionCreated } from '../callbacks/index.js';
import { systemAccount } from '../ledger/index.js';
import { readTransaction, recordTransaction } from './transaction-rows.js';
import { isoTimestamp, type Clock } from '../shared/clock.js';
import { decimalLiteral } from '../shared/decimal-literal.js';
import { DomainError } from '../shared/domain-error.js';
import type { AccountsService } from './accounts-service.js';
import type { AccountRow } from './account-views.js';
import { checkAmount } from './amounts.js';
import type { WithdrawalResult, WithdrawBody } from './contract.js';
import { findAsset, type AssetRow } from './assets-repository.js';
import { validateAddress, type Chain } from './crypto-address/index.js';
import { findCustomerInScope } from '../customers/index.js';
import { chainOf, type DepositAddresses } from './deposit-addresses.js';
import { TRANSACTION_ITEM_KIND } from './flagged-transactions.js';
import type { ScreeningService } from './screening-service.js';

const V1_FIELDS = { accountsId: 'accountsId', amount: 'amount', destinationAddress: 'destinationAddress' };

export interface WithdrawOptions<X> {
  readonly fields?: Partial<typeof V1_FIELDS>;
  readonly within?: (tx: Kysely<Database>, withdrawal: { customersId: number; asset: string; dateTime: string }) => Promise<X>;
}

export interface CryptoAccount {
  readonly account: AccountRow;
  readonly asset: AssetRow;
  readonly chain: Chain;
}

/** Deposit addresses and withdrawals to external wallets. */
export class CryptoService {
  constructor(
    private readonly database: DatabaseHandle,
    private readonly clock: Clock,
    private readonly accounts: AccountsService,
    private readonly addresses: DepositAddresses,
    private readonly screening: ScreeningService,
  ) {}

  /** A crypto account within reach, or Not_Found / Invalid naming `fieldName`. */
  async findCryptoAccount(principalId: number, accountsId: number, fieldName: string): Promise<CryptoAccount> {
    const account = await this.accounts.findAccount(principalId, accountsId, fieldName);
    const asset = await findAsset(this.database.reader, account.asset);
    const chain = chainOf(asset?.chain ?? null);
    if (asset === undefined || chain === null) throw new DomainError('Invalid', fieldName);
    return { account, asset, chain };
  }

  /** A read, but a POST may carry an idempotency key: then the answer is recorded like a write's. */
  async depositAddress(principalId: number, accountsId: number, ctx: WriteContext = NO_WRITE_CONTEXT): Promise<{ address: string }> {
    const { account, chain } = await this.findCryptoAccount(principalId, accountsId, 'AccountsId');
    const found = { address: await this.addresses.addressFor(chain, account.id) };
    return ctx.idempotency === undefined ? found : runWrite(this.database, ctx, () => Promise.resolve(found));
  }

  /**
   * A destination address for `asset`, checked exactly as a withdrawal checks it (the asset's chain,
   * this server's network, the checksum); answers it trimmed, or Invalid naming `fieldName`.
   * Saved wallets (src/wallets/) call this, so a saved address is one a withdrawal accepts.
   */
  async checkDestinationAddress(assetCode: string, address: string, fieldName: string): Promise<{ asset: AssetRow; chain: Chain; address: string }> {
    const asset = await findAsset(this.database.reader, assetCode);
    const chain = chainOf(asset?.chain ?? null);
    if (asset === undefined || chain === null) throw new DomainError('Invalid', 'Asset');
    if (!validateAddress(chain, this.addresses.network, address).ok) throw new DomainError('Invalid', fieldName);
    return { asset, chain, address: address.trim() };
  }

  /**
   * A withdrawal: a pending outbound transaction on the chain. `options.fields` renames the fields
   * errors name (v2 spells them PascalCase); `options.within` runs in the withdrawal's own
   * transaction (saving the wallet) and its result is merged into the answer, so an idempotent
   * replay answers it too.
   */
  async withdraw<X extends object = Record<never, never>>(
    principalId: number,
    input: WithdrawBody,
    ctx: WriteContext,
    options: WithdrawOptions<X> = {},
  ): Promise<WithdrawalResult & X> {
    const db = this.database.reader;
    const f = { ...V1_FIELDS, ...options.fields };
    const { account, asset, chain } = await this.findCryptoAccount(principalId, input.accountsId, f.accountsId);
    const customer = await findCustomerInScope(db, principalId, account.customers_id);
    if (customer?.kyc_status !== 'Accepted') throw new DomainError('Documents_Not_Verified', f.accountsId);
    const amount = checkAmount(input.amount, asset.precision, f.amount, asset.code);
    const network = this.addresses.network;
    const address = validateAddress(chain, network, input.destinationAddress);
    if (!address.ok) throw DomainError.because('Invalid', f.destinationAddress, addressProblem(address.reason, chain, network));
    const fromAddress = await this.addresses.addressFor(chain, account.id);
    const dateTime = isoTimestamp(this.clock.nowMs());
    const description = `${asset.code} withdrawal`;
    return runWrite(this.database, ctx, async (tx) => {
      const screened = await this.screening.check(tx, {
        customersId: account.customers_id,
        asset: asset.code,
        direction: 'out',
        amount,
        counterparty: { address: input.destinationAddress },
        dateTime,
      });
      if (screened.outcome === 'blocked') throw new DomainError('Transaction_Blocked', 'Screening');
      // The ledger refuses an overdraft (Insufficient_Funds on `amount`, as this path spells it).
      const withdrawalId = await recordTransaction(
        tx,
        this.database.dialect,
        {
          accountsId: account.id,
          customersId: account.customers_id,
          asset: asset.code,
          amount: -amount,
          description,
          transactionType: 'Withdrawal',
          rail: 'CRYPTO',
          systemAccount: systemAccount.chain(chain, asset.code),
          status: 'Pending',
          details: { walletTransferDetails: { fromWalletAddress: fromAddress, toWalletAddress: input.destinationAddress.trim(), transactionHash: null } },
          dateTime,
        },
        { insufficientFundsField: f.amount },
      );
      await emitTransactionCreated(tx, await readTransaction(tx, withdrawalId), asset.precision, dateTime);
      if (screened.outcome === 'flagged') {
        await this.screening.flag(tx, { kind: TRANSACTION_ITEM_KIND, itemId: withdrawalId, customersId: account.customers_id, reasons: screened.reasons, dateTime });
      }
      const extra = options.within === undefined ? ({} as X) : await options.within(tx, { customersId: account.customers_id, asset: asset.code, dateTime });
      return { id: withdrawalId, accountsId: account.id, amount: decimalLiteral(amount, asset.precision), description, dateTime, bPending: true, ...extra };
    });
  }
}

/** Why a withdrawal address was refused, in words (a mainnet address in the sandbox is the usual one). */
function addressProblem(reason: 'format' | 'checksum' | 'network', chain: string, network: string): string {
  if (reason === 'network')
    return `destinationAddress is not a ${chain} ${network} address${network === 'testnet' ? ' (the sandbox uses testnet; mainnet addresses are refused)' : ''}.`;
  if (reason === 'checksum') return `destinationAddress has a bad checksum (a typo?).`;
  return `destinationAddress is not a ${chain} address.`;
}

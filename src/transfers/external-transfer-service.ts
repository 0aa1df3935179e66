import { checkAmount, findAsset, TRANSACTION_ITEM_KIND, type AccountsService, type ScreeningService } from '../accounts/index.js';
import { findCustomerInScope } from '../customers/index.js';
import type { DatabaseHandle } from '../db/open-database.js';
import { runWrite, type WriteContext } from '../db/unit-of-work.js';
import { linkTransaction, recordTransactions } from '../accounts/index.js';
import { systemAccount } from '../ledger/index.js';
import { isoTimestamp, type Clock } from '../shared/clock.js';
import { decimalLiteral } from '../shared/decimal-literal.js';
import { DomainError, notFound } from '../shared/domain-error.js';
import type { RawJson } from '../shared/exact-json.js';
import type { BankDirectory } from './bank-directory.js';
import { transferFee } from './fee-schedule.js';
import type { ExternalTransferBody, ExternalTransferResult } from './contract.js';
import { checkPayee, railOf, wireRoute, type PayeeDetails, type Rail } from './payee-rules.js';
import { findPayeeInScope, insertPayee, payeeDetailsOf } from './payees-repository.js';
import { isPurposeCode } from './purpose-codes.js';

/** Ibanera's wording of rails in detail views. */
const PAYMENT_TYPE: Record<Rail, string> = { ACH: 'ACH', WIRE: 'Wire', SWIFT: 'SWIFT' };

/**
 * Sends money out by ACH, Wire or SWIFT: a pending outbound transaction holding the amount, and a
 * pending fee transaction from the fee schedule (linked by feeTransactionId), in one database
 * transaction. They settle or fail together (simulations, or cancellation).
 */
export class ExternalTransferService {
  constructor(
    private readonly database: DatabaseHandle,
    private readonly clock: Clock,
    private readonly accounts: AccountsService,
    private readonly bankDirectory: BankDirectory,
    private readonly screening: ScreeningService,
  ) {}

  /**
   * The payee and the rail the transfer really takes: a Wire to a bank abroad travels by SWIFT (an
   * inline payee's bank from the bank directory, see wireRoute; a saved SWIFT payee as it is).
   */
  private async resolvePayee(principalId: number, input: ExternalTransferBody, requested: Rail): Promise<{ payee: PayeeDetails; payeesId: number | null; rail: Rail }> {
    if (input.PayeesId !== undefined) {
      const saved = await findPayeeInScope(this.database.reader, principalId, input.PayeesId);
      if (saved === undefined) throw notFound('PayeesId');
      const international = requested === 'WIRE' && saved.transfer_type === 'SWIFT';
      if (saved.transfer_type !== requested && !international) throw new DomainError('Invalid', 'PayeesId');
      return { payee: payeeDetailsOf(saved), payeesId: saved.id, rail: saved.transfer_type };
    }
    if (input.Payee === undefined) throw new DomainError('Required', 'Payee');
    const route = wireRoute(input.Payee, requested, (swiftCode) => this.bankDirectory.routingNumberOf(swiftCode));
    const checked = checkPayee(route.fields, route.rail, 'Payee.');
    if (!checked.ok) throw DomainError.of(checked.errors);
    return { payee: checked.payee, payeesId: null, rail: route.rail };
  }

  /**
   * What the transfer would be, without writing anything: every check the transfer makes before its
   * write, and the fee the schedule charges (the portal shows it before the customer confirms).
   */
  async quote(principalId: number, input: ExternalTransferBody): Promise<{ transferType: string; amount: RawJson; feeAmount: RawJson; asset: string }> {
    const { rail, amount, fee, asset } = await this.prepare(principalId, input);
    return { transferType: PAYMENT_TYPE[rail], amount: decimalLiteral(amount, asset.precision), feeAmount: decimalLiteral(fee, asset.precision), asset: asset.code };
  }

  private async prepare(principalId: number, input: ExternalTransferBody) {
    const db = this.database.reader;
    const source = await this.accounts.findAccount(principalId, input.SourceAccountId, 'SourceAccountId');
    const asset = await findAsset(db, source.asset);
    if (asset === undefined || asset.asset_class !== 'Currency') throw new DomainError('Invalid', 'SourceAccountId');
    if ((await findCustomerInScope(db, principalId, source.customers_id))?.kyc_status !== 'Accepted') throw new DomainError('Documents_Not_Verified', 'SourceAccountId');
    const requested = railOf(input.TransferType);
    if (requested === null) throw new DomainError('Invalid', 'TransferType');
    const { payee, payeesId, rail } = await this.resolvePayee(principalId, input, requested);
    // ACH and domestic Wire are US rails: only from a domestic (routing-numbered) account.
    if (rail !== 'SWIFT' && source.routing_number === null) throw new DomainError('Invalid', 'TransferType');
    if (input.PurposeCode === undefined && rail === 'SWIFT') throw new DomainError('Required', 'PurposeCode');
    if (input.PurposeCode !== undefined && !isPurposeCode(input.PurposeCode)) throw new DomainError('Invalid', 'PurposeCode');
    const amount = checkAmount(input.Amount, asset.precision, 'Amount', asset.code);
    const fee = await transferFee(db, rail, asset.code, asset.precision);
    return { source, asset, payee, payeesId, rail, amount, fee };
  }

  async transfer(principalId: number, input: ExternalTransferBody, ctx: WriteContext): Promise<ExternalTransferResult> {
    const { source, asset, payee, payeesId, rail, amount, fee } = await this.prepare(principalId, input);
    const dateTime = isoTimestamp(this.clock.nowMs());
    const dialect = this.database.dialect;
    return runWrite(this.database, ctx, async (tx) => {
      const screened = await this.screening.check(tx, {
        customersId: source.customers_id,
        asset: asset.code,
        direction: 'out',
        amount,
        counterparty: { accountNumbers: [payee.accountNumber, payee.iban], names: [payee.name, payee.accountName] },
        dateTime,
      });
      if (screened.outcome === 'blocked') throw new DomainError('Transaction_Blocked', 'Screening');
      const savedPayeeId = payeesId ?? (input.bSavePayee === true ? (await insertPayee(tx, source.customers_id, source.id, payee, dateTime)).id : null);
      const common = { accountsId: source.id, customersId: source.customers_id, asset: asset.code, status: 'Pending' as const, dateTime };
      const transfer = {
        ...common,
        amount: -amount,
        description: input.Reference ?? `${PAYMENT_TYPE[rail]} transfer to ${payee.name}`,
        transactionType: 'ExternalTransfer',
        rail,
        systemAccount: systemAccount.rail(rail, asset.code),
        details: {
          externalTransferDetails: externalDetails(rail, source, payee, input),
          payeesId: savedPayeeId,
          purposeCode: input.PurposeCode?.toUpperCase() ?? null,
          originator: input.Originator ?? null,
        },
      };
      const feeRow = {
        ...common,
        amount: -fee,
        description: `${PAYMENT_TYPE[rail]} transfer fee`,
        transactionType: 'Fee',
        rail: 'FEE',
        systemAccount: systemAccount.fees(asset.code),
        details: {},
      };
      // The transfer and its fee are two holds of one journal: the ledger refuses them together
      // when amount + fee exceeds the available balance (Insufficient_Funds on Amount).
      const [transferId, feeTransactionId = null] = await recordTransactions(tx, dialect, fee > 0n ? [transfer, feeRow] : [transfer]);
      if (transferId === undefined) throw new Error('the transfer row was recorded');
      if (feeTransactionId !== null) {
        await linkTransaction(tx, transferId, { feeTransactionId });
        await linkTransaction(tx, feeTransactionId, { originalTransactionId: transferId });
      }
      // Held for review: the funds (and fee) stay reserved until the information request is decided.
      const held = screened.outcome === 'flagged';
      if (held) await this.screening.flag(tx, { kind: TRANSACTION_ITEM_KIND, itemId: transferId, customersId: source.customers_id, reasons: screened.reasons, dateTime });
      return {
        transactionsId: transferId,
        feeTransactionId,
        payeesId: savedPayeeId,
        transferType: PAYMENT_TYPE[rail],
        amount: decimalLiteral(amount, asset.precision),
        feeAmount: decimalLiteral(fee, asset.precision),
        transactionStatus: held ? 'PendingReview' : 'Pending',
        dateTime,
      };
    });
  }
}

function externalDetails(
  rail: Rail,
  source: { account_number: string | null; routing_number: string | null; swift_code: string | null; name: string },
  payee: PayeeDetails,
  input: ExternalTransferBody,
) {
  return {
    paymentType: PAYMENT_TYPE[rail],
    transferType: PAYMENT_TYPE[rail],
    direction: 'Outbound',
    imad: null,
    senderAccountNumber: source.account_number,
    senderRoutingNumber: source.routing_number,
    senderSwiftCode: source.swift_code,
    senderIban: null,
    senderName: input.Originator?.Name ?? source.name,
    originatorName: input.Originator?.Name ?? source.name,
    receiverAccountNumber: payee.accountNumber,
    receiverRoutingNumber: payee.routingNumber,
    receiverSwiftCode: payee.swiftCode,
    receiverIban: payee.iban,
    receiverName: payee.accountName ?? payee.name,
    beneficiaryName: payee.name,
    originator: originatorView(input.Originator),
    reference: input.Reference ?? null,
    completedAt: null,
  };
}

/** The "with originator" variant's sender as the transaction details show it (null and "" are not given). */
function originatorView(o: ExternalTransferBody['Originator']) {
  if (o === undefined) return null;
  const v = (text: string | undefined) => (text === undefined || text.trim() === '' ? null : text.trim());
  return { companyId: v(o.CompanyId), name: v(o.Name), addressLine1: v(o.AddressLine1), addressLine2: v(o.AddressLine2), addressLine3: v(o.AddressLine3), data: v(o.Data) };
}

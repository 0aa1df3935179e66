import { Type, type Static } from '@sinclair/typebox';
import { AmountField, DateTimeField, DecimalOut, IdField, Nullable, StringField } from '../shared/contract-fields.js';
import { pagingQueryFields } from '../shared/contract-envelope.js';

/** The Accounts chapter's wire contract: request bodies and queries, and the answers' details. */
export const ACCOUNT_NAME_LENGTH_MAX = 100;
/** Longest destination address a withdrawal accepts. */
export const DESTINATION_ADDRESS_LENGTH_MAX = 100;

const balances = { totalBalance: DecimalOut(), availableBalance: DecimalOut(), pendingBalance: DecimalOut() };
const bank = { routingNumber: Nullable(Type.String()), accountNumber: Nullable(Type.String()), swiftCode: Nullable(Type.String()) };

export const CreateAccountBody = Type.Object({ CustomersId: IdField(), Name: StringField({ maxLength: ACCOUNT_NAME_LENGTH_MAX }), Asset: StringField({ maxLength: 20 }) });
export type CreateAccountBody = Static<typeof CreateAccountBody>;

export const CreatedAccount = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  ...bank,
  reference: Nullable(Type.String()),
  asset: Type.String(),
  ...balances,
  bSuppressed: Type.Boolean(),
});
export const CreatedAccounts = Type.Object({ customersId: Type.Integer(), customersReference: Type.String(), accounts: Type.Array(CreatedAccount) });
export type CreatedAccounts = Static<typeof CreatedAccounts>;

export const AccountDetail = Type.Object({
  id: Type.Integer(),
  customersId: Type.Integer(),
  name: Type.String(),
  ...bank,
  reference: Nullable(Type.String()),
  asset: Type.String(),
  ...balances,
  bSuppressed: Type.Boolean(),
  dateAdded: Type.String({ format: 'date-time' }),
});
export type AccountDetail = Static<typeof AccountDetail>;

export const ListAccountsQuery = Type.Object({ CustomersId: Type.Optional(IdField()), Asset: Type.Optional(StringField({ maxLength: 20 })), ...pagingQueryFields });
export type ListAccountsQuery = Static<typeof ListAccountsQuery>;

export const AccountListItem = Type.Object({
  id: Type.Integer(),
  customersId: Type.Integer(),
  name: Type.String(),
  ...bank,
  virtualAccountNumber: Nullable(Type.String()),
  reference: Nullable(Type.String()),
  asset: Type.String(),
  assetDisplayName: Type.String(),
  ...balances,
  bSuppressed: Type.Boolean(),
  dateAdded: Type.String({ format: 'date-time' }),
});

export type AccountListItem = Static<typeof AccountListItem>;

export const BalanceItem = Type.Object({ id: Type.Integer(), asset: Type.String(), ...balances, bSuppressed: Type.Boolean() });
export type BalanceItem = Static<typeof BalanceItem>;

const NullableInt = () => Nullable(Type.Integer());
const NullableText = () => Nullable(Type.String());
/** A member only some writers fill (absent otherwise). */
const OptionalText = () => Type.Optional(NullableText());
const Details = (properties: Record<string, ReturnType<typeof NullableText> | ReturnType<typeof OptionalText>>) => Nullable(Type.Object(properties));

export const ListTransactionsQuery = Type.Object({
  AccountsId: Type.Optional(IdField()),
  FromDate: Type.Optional(DateTimeField({ description: 'ISO 8601 date or date-time (UTC when no offset).' })),
  ToDate: Type.Optional(DateTimeField({ description: 'Inclusive: a date without time covers the whole day.' })),
  ...pagingQueryFields,
});
export type ListTransactionsQuery = Static<typeof ListTransactionsQuery>;

export const TransactionListItem = Type.Object({
  id: Type.Integer(),
  accountsId: Type.Integer(),
  fromTransactionsId: NullableInt(),
  fromAccountsId: NullableInt(),
  toTransactionsId: NullableInt(),
  toAccountsId: NullableInt(),
  amount: DecimalOut({ description: 'Negative for money leaving the account.' }),
  description: Type.String(),
  dateTime: Type.String({ format: 'date-time' }),
  bPending: Type.Boolean(),
  bCancellable: Type.Boolean(),
});
export type TransactionListItem = Static<typeof TransactionListItem>;

const t = NullableText;
const o = OptionalText;
export const TransactionDetail = Type.Object({
  transactionId: Type.Integer(),
  customerId: Type.Integer(),
  assetAccountId: Type.Integer(),
  assetClass: Type.String({ enum: ['Currency', 'Cryptocurrency'] }),
  asset: Type.String(),
  amount: DecimalOut(),
  description: Type.String(),
  timestamp: Type.String({ format: 'date-time' }),
  transactionStatus: Type.String({ enum: ['Pending', 'Completed', 'Failed', 'Cancelled'] }),
  rollbackTransactionId: NullableInt(),
  originalTransactionId: NullableInt(),
  transactionType: Type.String(),
  feeTransactionId: NullableInt(),
  feeTransactionAmount: Nullable(DecimalOut()),
  bEligibleForReversal: Type.Boolean(),
  // Filled by crypto exchanges and FX (docs/exchanges.md); amounts are exact number literals.
  assetExchangeTransferDetails: Nullable(
    Type.Object({
      assetExchangeId: NullableInt(),
      assetExchangeType: t(),
      customerId: NullableInt(),
      assetExchangeStatus: t(),
      fromTransactionsId: NullableInt(),
      toTransactionsId: NullableInt(),
      fromAsset: t(),
      toAsset: t(),
      fromAssetClass: t(),
      toAssetClass: t(),
      requestAmount: Type.Optional(DecimalOut()),
      requestPrice: Type.Optional(DecimalOut()),
      executedAmount: Type.Optional(DecimalOut()),
      executedPrice: DecimalOut(),
      fromAssetRequestedAmount: DecimalOut(),
      toAssetRequestedAmount: DecimalOut(),
      toAssetExecutedAmount: DecimalOut(),
      commissionFee: DecimalOut(),
      payeesId: NullableInt(),
      fromCustomerAssetAccountId: NullableInt(),
      toCustomerAssetAccountId: NullableInt(),
    }),
  ),
  achTransferDetails: Details({
    paymentType: t(),
    achTransactionType: t(),
    direction: t(),
    accountNumber: t(),
    originatorRoutingNumber: t(),
    originatorName: t(),
    receiverRoutingNumber: t(),
    receiverName: t(),
  }),
  wireTransferDetails: Details({
    wirePaymentType: t(),
    accountNumber: t(),
    imad: t(),
    senderRoutingNumber: t(),
    senderName: t(),
    receiverRoutingNumber: t(),
    receiverName: t(),
    originatorName: t(),
    beneficiaryName: t(),
    completedAt: t(),
  }),
  bookTransferDetails: Details({ debitSubAccountNumber: t(), creditSubAccountNumber: t() }),
  internalTransferDetails: Details({}),
  walletTransferDetails: Details({ fromWalletAddress: t(), toWalletAddress: t(), transactionHash: t() }),
  // Each rail fills what it knows (a SWIFT pay-in the sender's and receiver's bank details, a card
  // payout the card's last four digits): those members are optional.
  externalTransferDetails: Details({
    paymentType: t(),
    transferType: t(),
    direction: t(),
    imad: o(),
    senderAccountNumber: o(),
    senderRoutingNumber: o(),
    senderSwiftCode: o(),
    senderIban: o(),
    senderName: t(),
    originatorName: o(),
    receiverAccountNumber: o(),
    receiverRoutingNumber: o(),
    receiverSwiftCode: o(),
    receiverIban: o(),
    receiverName: t(),
    receiverCardLastFour: o(),
    beneficiaryName: o(),
    reference: t(),
    completedAt: t(),
  }),
});

export type TransactionDetail = Static<typeof TransactionDetail>;

/** The crypto account's deposit address: `AccountsId` in the query, or (as Ibanera's prose sends it) in a body. */
export const AccountsIdQuery = Type.Object({ AccountsId: IdField() });
export const DepositAddress = Type.Object({ address: Type.String() });

export const WithdrawBody = Type.Object({ accountsId: IdField(), amount: AmountField(), destinationAddress: StringField({ maxLength: DESTINATION_ADDRESS_LENGTH_MAX }) });
export type WithdrawBody = Static<typeof WithdrawBody>;

export const WithdrawalResult = Type.Object({
  id: Type.Integer(),
  accountsId: Type.Integer(),
  amount: DecimalOut(),
  description: Type.String(),
  dateTime: Type.String({ format: 'date-time' }),
  bPending: Type.Boolean(),
});
export type WithdrawalResult = Static<typeof WithdrawalResult>;

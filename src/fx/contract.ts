import { Type, type Static } from '@sinclair/typebox';
import { pagingQueryFields } from '../shared/contract-envelope.js';
import { AmountField, DecimalOut, EnumField, IdField, Nullable, StringField } from '../shared/contract-fields.js';

/** The Foreign Currency Exchange wire contract (`/api/v1/customer/foreign-exchanges/…`). */
const CURRENCY_LENGTH_MAX = 20;
const currency = () => StringField({ maxLength: CURRENCY_LENGTH_MAX, description: 'A fiat currency code, e.g. USD (any case).' });
/** The FX module says `CustomerId` (singular, Ibanera); `CustomersId` is accepted as well. */
const customerIds = {
  CustomerId: Type.Optional(IdField({ description: 'The customer converting (the principal by default).' })),
  CustomersId: Type.Optional(IdField({ description: 'Alias of CustomerId.' })),
};

export const AccountDetailsQuery = Type.Object({
  ...customerIds,
  SourceCurrency: currency(),
  DestinationCurrency: currency(),
  AssetExchangeType: Type.Optional(EnumField(['Sell', 'Buy'] as const)),
});
export type AccountDetailsQuery = Static<typeof AccountDetailsQuery>;

const CandidateAccount = Type.Object({ id: Type.Integer(), name: Type.String(), asset: Type.String(), availableBalance: DecimalOut() });
export const AccountDetails = Type.Object({
  customersId: Type.Integer(),
  assetExchangeType: Type.String(),
  sourceAccounts: Type.Array(CandidateAccount),
  destinationAccounts: Type.Array(CandidateAccount, { description: 'Empty when the customer has none yet: executing a quote opens one.' }),
});
export type AccountDetails = Static<typeof AccountDetails>;

export const FxQuoteBody = Type.Object({
  ...customerIds,
  SourceCurrency: currency(),
  DestinationCurrency: currency(),
  SourceAmount: Type.Optional(AmountField({ description: 'Exactly one of SourceAmount and DestinationAmount.' })),
  DestinationAmount: Type.Optional(AmountField({ description: 'What the destination account receives, after the fee.' })),
  SourceAccountId: Type.Optional(IdField({ description: "Default: the customer's account in SourceCurrency." })),
  DestinationAccountId: Type.Optional(IdField({ description: "Default: the customer's account in DestinationCurrency, opened on execution when there is none." })),
});
export type FxQuoteBody = Static<typeof FxQuoteBody>;

export const FxQuote = Type.Object({
  id: Type.Integer(),
  customersId: Type.Integer(),
  customerId: Type.Integer(),
  assetPair: Type.String(),
  sourceAsset: Type.String(),
  destinationAsset: Type.String(),
  sourceAmount: DecimalOut(),
  destinationAmount: DecimalOut({ description: 'Credited to the destination account (after the fee).' }),
  rate: DecimalOut({ description: 'The pair price (one base unit in the quote currency).' }),
  fee: DecimalOut({ description: 'In the destination currency.' }),
  sourceAccountId: Type.Integer(),
  destinationAccountId: Nullable(Type.Integer()),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type FxQuote = Static<typeof FxQuote>;

export const ExecuteBody = Type.Object({ QuoteId: IdField() });

export const FxExchangeView = Type.Object({
  id: Type.Integer(),
  quoteId: Type.Integer(),
  customersId: Type.Integer(),
  customerId: Type.Integer(),
  sourceAsset: Type.String(),
  destinationAsset: Type.String(),
  sourceAmount: DecimalOut(),
  destinationAmount: DecimalOut(),
  rate: DecimalOut(),
  fee: DecimalOut(),
  sourceAccountId: Type.Integer(),
  destinationAccountId: Type.Integer(),
  fromTransactionsId: Type.Integer(),
  toTransactionsId: Type.Integer(),
  feeTransactionId: Nullable(Type.Integer()),
  dateTime: Type.String({ format: 'date-time' }),
});
export type FxExchangeView = Static<typeof FxExchangeView>;

export const FxListQuery = Type.Object({ ...customerIds, ...pagingQueryFields });
export type FxListQuery = Static<typeof FxListQuery>;

import { Type, type Static } from '@sinclair/typebox';
import { pagingQueryFields } from '../shared/contract-envelope.js';
import { AmountField, DateTimeField, DecimalOut, EnumField, IdField, Nullable, StringField } from '../shared/contract-fields.js';

/** The Crypto Exchanges wire contract (`/api/v1/customer/crypto-exchanges/…`). */
export const PAIR_LENGTH_MAX = 41;

export const EXCHANGE_STATUSES = ['WaitingForApproval', 'Rejected', 'WaitingForConfirmation', 'AwaitingRfi', 'Pending', 'Completed', 'Failed', 'Cancelled'] as const;
export type ExchangeStatus = (typeof EXCHANGE_STATUSES)[number];
export const EXCHANGE_TYPES = ['Buy', 'Sell'] as const;
export type ExchangeType = (typeof EXCHANGE_TYPES)[number];
export const QUANTITY_TYPES = ['Amount', 'Price'] as const;
export type QuantityType = (typeof QUANTITY_TYPES)[number];

const customersId = () => Type.Optional(IdField({ description: 'The customer trading (the principal or one of its accepted managees); the principal by default.' }));
const tradeFields = {
  CustomersId: customersId(),
  AssetPair: StringField({ maxLength: PAIR_LENGTH_MAX, description: 'BASE/QUOTE, e.g. BTC/USD (any case).' }),
  QuantityType: EnumField(QUANTITY_TYPES, {
    description: 'Amount: `Amount` is the base asset to buy or sell. Price: the quote-asset value to trade (`Price`, or `Amount` when Price is absent).',
  }),
  Amount: Type.Optional(AmountField()),
  Price: Type.Optional(AmountField()),
};

export const QuoteBody = Type.Object({ ...tradeFields, ExchangeType: EnumField(EXCHANGE_TYPES) });
export type QuoteBody = Static<typeof QuoteBody>;
export const BuyBody = Type.Object(tradeFields);
export type BuyBody = Static<typeof BuyBody>;
export const SellBody = Type.Object({
  ...tradeFields,
  PayeesId: Type.Optional(IdField({ description: 'A saved bank payee: the fiat proceeds leave to it as an external transfer.' })),
});
export type SellBody = Static<typeof SellBody>;

export const ExchangeIdBody = Type.Object({ ExchangeId: IdField() });
export const ExchangeIdQuery = Type.Object({ ExchangeId: IdField() });
export const ListExchangesQuery = Type.Object({
  CustomersId: customersId(),
  Status: Type.Optional(EnumField(EXCHANGE_STATUSES)),
  FromDate: Type.Optional(DateTimeField()),
  ToDate: Type.Optional(DateTimeField({ description: 'Inclusive: a date without time covers the whole day.' })),
  ...pagingQueryFields,
});
export type ListExchangesQuery = Static<typeof ListExchangesQuery>;

export const QuoteView = Type.Object({
  quoteId: Type.Integer(),
  assetPair: Type.String(),
  exchangeType: Type.String({ enum: [...EXCHANGE_TYPES] }),
  price: DecimalOut({ description: 'One base unit in the quote asset.' }),
  amount: DecimalOut({ description: 'Base asset.' }),
  total: DecimalOut({ description: 'Quote-asset value of amount, commission excluded.' }),
  commissionFee: DecimalOut({ description: 'Quote asset.' }),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type QuoteView = Static<typeof QuoteView>;

const int = () => Nullable(Type.Integer());
export const ExchangeView = Type.Object({
  id: Type.Integer(),
  exchangeType: Type.String({ enum: [...EXCHANGE_TYPES] }),
  status: Type.String({ enum: [...EXCHANGE_STATUSES] }),
  fromTransactionsId: int(),
  toTransactionsId: int(),
  feeTransactionsId: int(),
  customersId: Type.Integer(),
  assetPair: Type.String(),
  quantityType: Type.String({ enum: [...QUANTITY_TYPES] }),
  requestAmount: DecimalOut({ description: 'Base asset, at the request.' }),
  requestPrice: DecimalOut({ description: 'Quote-asset value, at the request.' }),
  executedAmount: Nullable(DecimalOut()),
  executedPrice: Nullable(DecimalOut()),
  commissionFee: DecimalOut(),
  rate: DecimalOut({ description: 'The unit price of the quote traded at (or to be).' }),
  payeesId: int(),
  transferType: Nullable(Type.String()),
  payoutTransactionsId: int(),
  bHasOpenRfi: Type.Boolean(),
  fromCustomerAssetAccountId: int(),
  toCustomerAssetAccountId: int(),
  quote: Nullable(QuoteView),
  dateAdded: Type.String({ format: 'date-time' }),
  dateUpdated: Type.String({ format: 'date-time' }),
});
export type ExchangeView = Static<typeof ExchangeView>;

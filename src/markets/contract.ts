import { Type, type Static } from '@sinclair/typebox';
import { AmountField, DecimalOut, StringField } from '../shared/contract-fields.js';

/** The markets wire contract: a pair as listed, and the sandbox's price simulation. */
export const PAIR_NAME_LENGTH_MAX = 41;

export const PairView = Type.Object({
  assetPair: Type.String({ description: 'BASE/QUOTE, e.g. BTC/USD' }),
  baseAsset: Type.String(),
  quoteAsset: Type.String(),
  commissionFeePercentage: DecimalOut({ description: 'Percent of the trade value, charged in the quote asset (FX: in the destination currency).' }),
  minTradeAmount: DecimalOut({ description: 'In the base asset.' }),
  maxTradeAmount: DecimalOut({ description: 'In the base asset.' }),
  minTradePrice: DecimalOut({ description: 'The smallest trade value, in the quote asset.' }),
  maxTradePrice: DecimalOut({ description: 'The largest trade value, in the quote asset.' }),
  maxDecimalPrecision: Type.Integer({ description: 'Decimals a base-asset amount may carry.' }),
});
export type PairView = Static<typeof PairView>;

export const SimulatePriceBody = Type.Object({
  AssetPair: StringField({ maxLength: PAIR_NAME_LENGTH_MAX }),
  Price: AmountField({ description: 'One base unit in the quote asset; at most 18 decimals.' }),
});
export type SimulatePriceBody = Static<typeof SimulatePriceBody>;

export const SimulatedPrice = Type.Object({ assetPair: Type.String(), price: DecimalOut(), dateUpdated: Type.String({ format: 'date-time' }) });
export type SimulatedPrice = Static<typeof SimulatedPrice>;

/**
 * The sandbox's starting pairs and prices (realistic levels, clearly not live): crypto against USD
 * and EUR plus ETH/BTC for the exchanges module, fiat pairs among the supported currencies for FX.
 * After the migration the tables are the operator's (`ibanera-server pairs …`, `prices …`).
 */
export interface PairSeed {
  readonly pair: string;
  readonly kind: 'crypto' | 'fx';
  readonly commission: string;
  readonly minAmount: string;
  readonly maxAmount: string;
  readonly minPrice: string;
  readonly maxPrice: string;
  readonly maxDecimalPrecision: number;
  readonly price: string;
}

const crypto = (
  pair: string,
  price: string,
  commission: string,
  minAmount: string,
  maxAmount: string,
  maxDecimalPrecision: number,
  minPrice = '1',
  maxPrice = '10000000',
): PairSeed => ({
  pair,
  kind: 'crypto',
  commission,
  minAmount,
  maxAmount,
  minPrice,
  maxPrice,
  maxDecimalPrecision,
  price,
});

const fx = (pair: string, price: string): PairSeed => ({
  pair,
  kind: 'fx',
  commission: '0.25',
  minAmount: '1',
  maxAmount: '1000000',
  minPrice: '1',
  maxPrice: '10000000',
  maxDecimalPrecision: 2,
  price,
});

export const MARKET_SEED: readonly PairSeed[] = [
  crypto('BTC/USD', '64000.00', '0.5', '0.0001', '100', 8),
  crypto('BTC/EUR', '59000.00', '0.5', '0.0001', '100', 8),
  crypto('ETH/USD', '3200.00', '0.5', '0.001', '1000', 8),
  crypto('ETH/EUR', '2950.00', '0.5', '0.001', '1000', 8),
  crypto('USDC/USD', '1.0000', '0.1', '1', '1000000', 6),
  crypto('USDC/EUR', '0.9200', '0.1', '1', '1000000', 6),
  crypto('ETH/BTC', '0.05000000', '0.5', '0.001', '1000', 8, '0.00001', '100'),
  fx('EUR/USD', '1.0850'),
  fx('GBP/USD', '1.2700'),
  fx('EUR/GBP', '0.8550'),
  fx('USD/AED', '3.6725'),
  fx('AUD/USD', '0.6600'),
  fx('USD/SGD', '1.3400'),
  fx('USD/HKD', '7.8100'),
  fx('USD/CNH', '7.2400'),
];

/**
 * The assets Ibanera's documentation shows, seeded once. After that the table is the operator's
 * data: add a row to support another asset (see docs/assets.md); code never lists assets.
 */
export const SUPPORTED_ASSETS_SEED = [
  { code: 'USD', asset_class: 'Currency', display_name: 'United States Dollar', precision: 2, chain: null },
  { code: 'EUR', asset_class: 'Currency', display_name: 'Euro', precision: 2, chain: null },
  { code: 'GBP', asset_class: 'Currency', display_name: 'Pound Sterling', precision: 2, chain: null },
  { code: 'AUD', asset_class: 'Currency', display_name: 'Australian Dollar', precision: 2, chain: null },
  { code: 'CNH', asset_class: 'Currency', display_name: 'Chinese Yuan Renminbi', precision: 2, chain: null },
  { code: 'HKD', asset_class: 'Currency', display_name: 'Hong Kong Dollar', precision: 2, chain: null },
  { code: 'SGD', asset_class: 'Currency', display_name: 'Singapore Dollar', precision: 2, chain: null },
  { code: 'AED', asset_class: 'Currency', display_name: 'Arab Emirates Dirham', precision: 2, chain: null },
  { code: 'BTC', asset_class: 'Cryptocurrency', display_name: 'Bitcoin', precision: 8, chain: 'bitcoin' },
  { code: 'ETH', asset_class: 'Cryptocurrency', display_name: 'Ethereum', precision: 18, chain: 'ethereum' },
  { code: 'USDC', asset_class: 'Cryptocurrency', display_name: 'USD Coin', precision: 6, chain: 'ethereum' },
  { code: 'dUSD', asset_class: 'Cryptocurrency', display_name: 'dUSD', precision: 6, chain: 'ethereum' },
] as const;

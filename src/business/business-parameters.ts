import countries from 'i18n-iso-countries';

/**
 * The code lists of business onboarding. Countries are ISO 3166-1 (from i18n-iso-countries, the
 * names in English); the source-of-fund ids are Ibanera's documented Source of Funds Types
 * (modules-facts.md §11); the rest are this server's (docs/business.md marks each).
 */
export interface Country {
  readonly code: string;
  readonly alpha2: string;
  readonly name: string;
}

let countryList: readonly Country[] | undefined;

/** Every ISO 3166-1 country: alpha-3 code, alpha-2 code and English name, sorted by name. */
export function countryList3166(): readonly Country[] {
  countryList ??= Object.entries(countries.getAlpha3Codes())
    .map(([alpha3, alpha2]) => ({ code: alpha3, alpha2, name: countries.getName(alpha3, 'en') ?? alpha3 }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
  return countryList;
}

/** ISO 3166-1 alpha-3 (or alpha-2) → the alpha-3 code, or null when unknown. */
export function countryAlpha3(value: string): string | null {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{2,3}$/.test(code) || !countries.isValid(code)) return null;
  return code.length === 3 ? code : (countries.alpha2ToAlpha3(code) ?? null);
}

/** The US states, the District of Columbia and the inhabited territories (USPS codes). */
// prettier-ignore
export const US_STATES = [
  ['AL', 'Alabama'], ['AK', 'Alaska'], ['AZ', 'Arizona'], ['AR', 'Arkansas'], ['CA', 'California'], ['CO', 'Colorado'],
  ['CT', 'Connecticut'], ['DE', 'Delaware'], ['DC', 'District of Columbia'], ['FL', 'Florida'], ['GA', 'Georgia'],
  ['HI', 'Hawaii'], ['ID', 'Idaho'], ['IL', 'Illinois'], ['IN', 'Indiana'], ['IA', 'Iowa'], ['KS', 'Kansas'],
  ['KY', 'Kentucky'], ['LA', 'Louisiana'], ['ME', 'Maine'], ['MD', 'Maryland'], ['MA', 'Massachusetts'], ['MI', 'Michigan'],
  ['MN', 'Minnesota'], ['MS', 'Mississippi'], ['MO', 'Missouri'], ['MT', 'Montana'], ['NE', 'Nebraska'], ['NV', 'Nevada'],
  ['NH', 'New Hampshire'], ['NJ', 'New Jersey'], ['NM', 'New Mexico'], ['NY', 'New York'], ['NC', 'North Carolina'],
  ['ND', 'North Dakota'], ['OH', 'Ohio'], ['OK', 'Oklahoma'], ['OR', 'Oregon'], ['PA', 'Pennsylvania'], ['RI', 'Rhode Island'],
  ['SC', 'South Carolina'], ['SD', 'South Dakota'], ['TN', 'Tennessee'], ['TX', 'Texas'], ['UT', 'Utah'], ['VT', 'Vermont'],
  ['VA', 'Virginia'], ['WA', 'Washington'], ['WV', 'West Virginia'], ['WI', 'Wisconsin'], ['WY', 'Wyoming'],
  ['AS', 'American Samoa'], ['GU', 'Guam'], ['MP', 'Northern Mariana Islands'], ['PR', 'Puerto Rico'], ['VI', 'U.S. Virgin Islands'],
].map(([code, name]) => ({ code: code as string, name: name as string }));

/** Products a business may ask for at creation (`RequestedProducts`; Ibanera's vocabulary was not captured). */
export const REQUESTED_PRODUCTS = ['FiatAccounts', 'CryptoAccounts', 'Payments', 'Cards', 'CryptoExchange', 'ForeignExchange'] as const;

/** The business's main line of activity (ours). */
// prettier-ignore
export const MAIN_ACTIVITY_TYPES = [
  'Agriculture', 'Construction', 'E-commerce', 'Education', 'Financial Services', 'Gaming and Entertainment', 'Healthcare',
  'Hospitality and Travel', 'Information Technology', 'Manufacturing', 'Non-profit', 'Professional Services', 'Real Estate',
  'Retail', 'Transportation and Logistics', 'Wholesale Trade', 'Other',
].map((name, i) => ({ id: i + 1, name }));

/**
 * Ibanera's Source of Funds Types (the documented start of the table, §11; 1950 is cut off in the
 * docs after "Employment (Sal", read as Salary).
 */
export const SOURCE_FUND_TYPES = [
  { id: 1939, name: 'Business Earnings' },
  { id: 1940, name: 'Business Owner' },
  { id: 1948, name: 'Divorce Settlement' },
  { id: 1941, name: 'Earnings (Sale of Business)' },
  { id: 1942, name: 'Earnings (Sale of Investments)' },
  { id: 1943, name: 'Earnings (Sale of Property)' },
  { id: 1949, name: 'Employment (Retirement Income)' },
  { id: 1950, name: 'Employment (Salary)' },
] as const;

/** Expected transactions per month (ours). */
export const TRANSACTION_VOLUMES = ['0-10', '11-50', '51-200', '201-1,000', 'More than 1,000'].map((name, i) => ({ id: i + 1, name }));

/** Expected monthly volume in US dollars (ours). */
export const MONTHLY_USD_EQUIVALENTS = ['Less than 10,000', '10,000-50,000', '50,000-250,000', '250,000-1,000,000', 'More than 1,000,000'].map((name, i) => ({
  id: i + 1,
  name,
}));

/** Legal forms (the card module's documented `entityType` values). */
export const ENTITY_TYPES = ['LLC', 'Corporation', 'Partnership', 'Sole Proprietor'] as const;

/** The documents a business hands in; the required ones must be there before submitverification. */
export const BUSINESS_DOCUMENT_TYPES = [
  { code: 'CertificateOfIncorporation', name: 'Certificate of incorporation', bRequired: true },
  { code: 'ProofOfAddress', name: 'Proof of business address', bRequired: true },
  { code: 'ArticlesOfAssociation', name: 'Articles of association / operating agreement', bRequired: false },
  { code: 'OwnershipStructure', name: 'Ownership structure (beneficial owners)', bRequired: false },
  { code: 'DirectorIdentification', name: "Director's identity document", bRequired: false },
  { code: 'BankStatement', name: 'Bank statement', bRequired: false },
  { code: 'ProofOfSourceOfFunds', name: 'Proof of source of funds', bRequired: false },
  { code: 'Other', name: 'Other', bRequired: false },
] as const;

export function documentTypeOf(text: string): string | null {
  const wanted = text.trim().toLowerCase();
  return BUSINESS_DOCUMENT_TYPES.find((d) => d.code.toLowerCase() === wanted)?.code ?? null;
}

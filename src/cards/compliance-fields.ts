/**
 * The code lists of the older create body (`customerSubtype`, `businessActivityType`,
 * `occupationType`, `sourceOfFundsType`, numeric ids sent as strings) as `compliancefields`
 * answers them. The Source of Funds Types ids and descriptions known from Ibanera's table are kept
 * (1939–1950, modules-facts.md §11); the rest, and the other lists, are ours, built so that the
 * real client's values (`1`, `878`, `11`, `1936`) are members.
 */
export interface CodeItem {
  readonly id: number;
  readonly name: string;
}

export const CUSTOMER_SUBTYPES: readonly CodeItem[] = [
  { id: 1, name: 'Individual' },
  { id: 2, name: 'Sole Trader' },
  { id: 3, name: 'Business' },
];

export const BUSINESS_ACTIVITY_TYPES: readonly CodeItem[] = [
  { id: 870, name: 'Agriculture' },
  { id: 871, name: 'Construction' },
  { id: 872, name: 'Education' },
  { id: 873, name: 'Financial Services' },
  { id: 874, name: 'Healthcare' },
  { id: 875, name: 'Hospitality' },
  { id: 876, name: 'Manufacturing' },
  { id: 877, name: 'Real Estate' },
  { id: 878, name: 'Retail and E-commerce' },
  { id: 879, name: 'Technology' },
  { id: 880, name: 'Transport and Logistics' },
  { id: 881, name: 'Other' },
];

export const OCCUPATION_TYPES: readonly CodeItem[] = [
  { id: 1, name: 'Accountant' },
  { id: 2, name: 'Administrator' },
  { id: 3, name: 'Architect' },
  { id: 4, name: 'Business Owner' },
  { id: 5, name: 'Consultant' },
  { id: 6, name: 'Doctor' },
  { id: 7, name: 'Engineer' },
  { id: 8, name: 'Lawyer' },
  { id: 9, name: 'Manager' },
  { id: 10, name: 'Sales' },
  { id: 11, name: 'Software Developer' },
  { id: 12, name: 'Student' },
  { id: 13, name: 'Retired' },
  { id: 14, name: 'Unemployed' },
  { id: 15, name: 'Other' },
];

export const SOURCE_OF_FUNDS_TYPES: readonly CodeItem[] = [
  { id: 1936, name: 'Salary' },
  { id: 1937, name: 'Savings' },
  { id: 1938, name: 'Inheritance' },
  { id: 1939, name: 'Business Earnings' },
  { id: 1940, name: 'Business Owner' },
  { id: 1941, name: 'Earnings (Sale of Business)' },
  { id: 1942, name: 'Earnings (Sale of Investments)' },
  { id: 1943, name: 'Earnings (Sale of Property)' },
  { id: 1944, name: 'Gift' },
  { id: 1945, name: 'Investment Income' },
  { id: 1946, name: 'Loans/Borrowed Funds' },
  { id: 1947, name: 'Pension' },
  { id: 1948, name: 'Divorce Settlement' },
  { id: 1949, name: 'Employment (Retirement Income)' },
  { id: 1950, name: 'Employment (Salary)' },
  { id: 1951, name: 'Self Employed' },
];

/** Card programs (ours; the docs' example is 1000): how `cardProgramID` values are discovered. */
export const CARD_PROGRAMS: readonly CodeItem[] = [{ id: 1000, name: 'Top-up card (USD)' }];
export const CARD_PROGRAM_DEFAULT = 1000;

/** The text vocabulary of `reviewcreatecard` (documented). */
export const REVIEW_SOURCE_OF_FUNDS = ['Salary', 'Savings', 'Self Employed', 'Loans/Borrowed Funds'] as const;

export const CARD_CURRENCIES = ['USD'] as const;
export const CARD_TYPES = ['Physical', 'Virtual'] as const;
export type CardType = (typeof CARD_TYPES)[number];
export const SHIPPING_METHODS = ['Standard', 'Express', 'Priority'] as const;

export function complianceFields() {
  return {
    customerSubtypes: CUSTOMER_SUBTYPES,
    businessActivityTypes: BUSINESS_ACTIVITY_TYPES,
    occupationTypes: OCCUPATION_TYPES,
    sourceOfFundsTypes: SOURCE_OF_FUNDS_TYPES,
    cardPrograms: CARD_PROGRAMS,
    currencies: [...CARD_CURRENCIES],
    cardTypes: [...CARD_TYPES],
    shippingMethods: [...SHIPPING_METHODS],
  };
}

/**
 * Transfer purpose codes (Ibanera's "Transfer Purpose Codes Reference"). The public copy of that page
 * was cut off after PUC011: these are the codes known; more exist at Ibanera.
 */
export const PURPOSE_CODES = [
  { code: 'PUC001', description: 'Transfer to own account' },
  { code: 'PUC002', description: 'Family maintenance' },
  { code: 'PUC003', description: 'Education' },
  { code: 'PUC004', description: 'Medical treatment' },
  { code: 'PUC005', description: 'Hotel accommodation' },
  { code: 'PUC006', description: 'Travel' },
  { code: 'PUC007', description: 'Utility bills' },
  { code: 'PUC008', description: 'Repayment of loans' },
  { code: 'PUC009', description: 'Tax payment' },
  { code: 'PUC010', description: 'Purchase of residential property' },
  { code: 'PUC011', description: 'Payment of property rental' },
] as const;

export function isPurposeCode(code: string): boolean {
  return PURPOSE_CODES.some((p) => p.code === code.toUpperCase());
}

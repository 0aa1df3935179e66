import countries from 'i18n-iso-countries';

/**
 * Bank identifier checks, pure and total (never throw). ABA routing numbers carry a weighted
 * checksum; IBANs a mod-97 check; BICs a fixed shape whose country part must be a real country.
 */
export function isValidAbaRoutingNumber(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  const d = [...value].map(Number);
  const sum = 3 * ((d[0] ?? 0) + (d[3] ?? 0) + (d[6] ?? 0)) + 7 * ((d[1] ?? 0) + (d[4] ?? 0) + (d[7] ?? 0)) + ((d[2] ?? 0) + (d[5] ?? 0) + (d[8] ?? 0));
  return sum % 10 === 0 && value !== '000000000';
}

/** ISO 13616: two letters, two check digits, up to 30 alphanumerics; spaces allowed in input. */
export function isValidIban(value: string): boolean {
  const iban = value.replace(/\s/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban) || !countries.isValid(iban.slice(0, 2))) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const digits = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** ISO 9362 BIC: bank (4 letters), country (2 letters, a real country), location (2), optional branch (3). */
export function isValidBic(value: string): boolean {
  const bic = value.toUpperCase();
  return /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic) && countries.isValid(bic.slice(4, 6));
}

/** A domestic account number: 4 to 17 digits (the ACH field's width). */
export function isValidUsAccountNumber(value: string): boolean {
  return /^\d{4,17}$/.test(value);
}

/** An international account number when no IBAN is given: 4 to 34 letters and digits. */
export function isValidInternationalAccountNumber(value: string): boolean {
  return /^[A-Za-z0-9]{4,34}$/.test(value);
}

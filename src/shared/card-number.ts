/** Payment card numbers (PANs): digits only, 12 to 19 of them, Luhn check digit last (ISO/IEC 7812). */
export const PAN_LENGTH_MIN = 12;
export const PAN_LENGTH_MAX = 19;

function luhnSum(digits: string, checkDigitIncluded: boolean): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    // Doubling starts at the digit left of the check digit, counting from the right.
    const fromRight = digits.length - 1 - i + (checkDigitIncluded ? 0 : 1);
    let digit = digits.charCodeAt(i) - 48;
    if (fromRight % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum;
}

/** True for 12–19 digits whose last is the Luhn check digit of the rest. */
export function luhnValid(pan: string): boolean {
  if (!/^\d+$/.test(pan) || pan.length < PAN_LENGTH_MIN || pan.length > PAN_LENGTH_MAX) return false;
  return luhnSum(pan, true) % 10 === 0;
}

/** `partial` followed by its Luhn check digit. */
export function withLuhnDigit(partial: string): string {
  if (!/^\d+$/.test(partial)) throw new Error('withLuhnDigit takes digits only');
  return partial + String((10 - (luhnSum(partial, false) % 10)) % 10);
}

/** The last four digits, the only part of a card number an answer or a log may show. */
export function lastFour(pan: string): string {
  return pan.slice(-4);
}

/** Spaces and dashes people type between groups are dropped; anything else stays and fails luhnValid. */
export function normalizePan(text: string): string {
  return text.replace(/[\s-]/g, '');
}

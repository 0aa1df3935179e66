/**
 * RFC 4648 Base32 (the alphabet authenticator apps use for TOTP secrets).
 * Hand-rolled so secrets never pass through a lenient third-party decoder.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Reverse lookup: char code -> 5-bit value, -1 for characters outside the alphabet. */
const DECODE_TABLE: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) {
    table[ALPHABET.charCodeAt(i)] = i;
    table[ALPHABET.toLowerCase().charCodeAt(i)] = i;
  }
  return table;
})();

/**
 * Character counts (mod 8) that a whole number of bytes can produce.
 * 1, 3 and 6 leftover characters cannot come from any byte string.
 */
const VALID_TAIL_LENGTHS = new Set([0, 2, 4, 5, 7]);

/** Encodes bytes as upper-case Base32 without `=` padding (what otpauth URLs expect). */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >>> bits) & 31];
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * Decodes Base32 leniently in form (case, spaces and `=` are ignored, since
 * users paste secrets by hand) but strictly in content: any other character,
 * or a length no byte string could encode to, yields null instead of a
 * silently truncated secret. Leftover low bits of the last character are
 * ignored, as in most TOTP implementations.
 */
export function base32Decode(text: string): Buffer | null {
  const clean = text.replace(/[ =]/g, '');
  if (!VALID_TAIL_LENGTHS.has(clean.length % 8)) return null;
  const out = Buffer.alloc(Math.floor((clean.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (let i = 0; i < clean.length; i++) {
    const code = clean.charCodeAt(i);
    const value = code < 128 ? (DECODE_TABLE[code] ?? -1) : -1;
    if (value < 0) return null;
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >>> bits) & 0xff;
    }
  }
  return out;
}

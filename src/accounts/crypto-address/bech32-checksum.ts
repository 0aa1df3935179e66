/**
 * Minimal BIP-173/BIP-350 decoder. Hand-rolled (instead of @scure/base's decode) because
 * we must tell "bad checksum" apart from "malformed", and a library's thrown messages
 * are not a stable API to branch on.
 */

export const BECH32_CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GENERATORS = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3] as const;
const BECH32_CONST = 1;
const BECH32M_CONST = 0x2bc830a3;
const MAX_LENGTH = 90;
const CHECKSUM_WORDS = 6;

export type Bech32Encoding = 'bech32' | 'bech32m';

export type Bech32Decoded = { ok: true; hrp: string; words: number[]; encoding: Bech32Encoding } | { ok: false; reason: 'format' | 'checksum' };

function polymod(values: readonly number[]): number {
  let chk = 1;
  for (const value of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ value;
    GENERATORS.forEach((gen, i) => {
      if ((top >>> i) & 1) chk ^= gen;
    });
  }
  return chk;
}

function hrpExpand(hrp: string): number[] {
  const codes = Array.from(hrp, (c) => c.charCodeAt(0));
  return [...codes.map((c) => c >>> 5), 0, ...codes.map((c) => c & 31)];
}

/** Structural checks first (all → 'format'), then the checksum constant picks the encoding. */
export function decodeBech32(input: string): Bech32Decoded {
  if (input.length > MAX_LENGTH) return { ok: false, reason: 'format' };
  for (const ch of input) {
    const code = ch.charCodeAt(0);
    if (ch.length !== 1 || code < 33 || code > 126) return { ok: false, reason: 'format' };
  }
  const lower = input.toLowerCase();
  if (input !== lower && input !== input.toUpperCase()) return { ok: false, reason: 'format' };
  const sep = lower.lastIndexOf('1');
  if (sep < 1 || sep + 1 + CHECKSUM_WORDS > lower.length) return { ok: false, reason: 'format' };
  const hrp = lower.slice(0, sep);
  const data: number[] = [];
  for (const ch of lower.slice(sep + 1)) {
    const word = BECH32_CHARSET.indexOf(ch);
    if (word < 0) return { ok: false, reason: 'format' };
    data.push(word);
  }
  const check = polymod([...hrpExpand(hrp), ...data]);
  const encoding: Bech32Encoding | null = check === BECH32_CONST ? 'bech32' : check === BECH32M_CONST ? 'bech32m' : null;
  if (encoding === null) return { ok: false, reason: 'checksum' };
  return { ok: true, hrp, words: data.slice(0, -CHECKSUM_WORDS), encoding };
}

/** Strict 5→8 bit regrouping: more than 4 bits or non-zero padding means a malformed string. */
export function wordsToBytes(words: readonly number[]): Uint8Array | null {
  let acc = 0;
  let bits = 0;
  const out: number[] = [];
  for (const word of words) {
    acc = ((acc << 5) | word) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >>> bits) & 0xff);
    }
  }
  if (bits >= 5 || ((acc << (8 - bits)) & 0xff) !== 0) return null;
  return Uint8Array.from(out);
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HDKey } from '@scure/bip32';
import { bech32, createBase58check } from '@scure/base';
import { sha256 } from '@noble/hashes/sha2';
import { hexToBytes } from '@noble/hashes/utils';
import { depositAddress, generateWatchOnlyXpub, toChecksumAddress, validateAddress, type Chain, type Network } from '../src/accounts/crypto-address/index.js';

/** BIP-39 seed of "abandon abandon ... about" (no passphrase), used by BIP84 and wallets' test vectors. */
const ABANDON_SEED = hexToBytes('5eb00bbddcf069084889a8ab9155568165f5c453ccb85e70811aaed6f6da5fc19a5ac40b389cd370d086206dec8aa6c43daea6690f20ad3d8d48b2d2ce9e38e4');

function reasonOf(chain: Chain, network: Network, address: string): string {
  const result = validateAddress(chain, network, address);
  return result.ok ? 'ok' : result.reason;
}

void test('BIP-350 valid segwit addresses validate on their network', () => {
  const mainnet = [
    'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4',
    'BC1SW50QGDZ25J',
    'bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs',
    'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0',
  ];
  const testnet = [
    'tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7',
    'tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy',
    'tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c',
  ];
  for (const a of mainnet) assert.equal(reasonOf('bitcoin', 'mainnet', a), 'ok', a);
  for (const a of testnet) assert.equal(reasonOf('bitcoin', 'testnet', a), 'ok', a);
});

void test('segwit addresses on the other network are rejected as network', () => {
  assert.equal(reasonOf('bitcoin', 'testnet', 'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0'), 'network');
  assert.equal(reasonOf('bitcoin', 'mainnet', 'tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7'), 'network');
  // BIP-350 "invalid human-readable part".
  assert.equal(reasonOf('bitcoin', 'testnet', 'tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut'), 'network');
});

void test('regtest bcrt hrp counts as testnet', () => {
  const program = hexToBytes('751e76e8199196d454941c45d1b3a323f1433bd6');
  const addr = bech32.encode('bcrt', [0, ...bech32.toWords(program)]);
  assert.equal(reasonOf('bitcoin', 'testnet', addr), 'ok');
  assert.equal(reasonOf('bitcoin', 'mainnet', addr), 'network');
});

void test('BIP-173/BIP-350 invalid segwit vectors map to the right reason', () => {
  const cases: Array<[Network, string, string]> = [
    ['mainnet', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5', 'checksum'], // BIP-173 invalid checksum
    ['mainnet', 'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd', 'checksum'], // bech32 for v1
    ['testnet', 'tb1z0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqglt7rf', 'checksum'],
    ['mainnet', 'BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL', 'checksum'],
    ['mainnet', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh', 'checksum'], // bech32m for v0
    ['testnet', 'tb1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq24jc47', 'checksum'],
    ['mainnet', 'bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4', 'format'], // 'o' in checksum
    ['mainnet', 'BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R', 'format'], // version 17
    ['mainnet', 'bc1pw5dgrnzv', 'format'], // 1-byte program
    ['mainnet', 'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav', 'format'], // 41 bytes
    ['mainnet', 'BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P', 'format'], // v0 16 bytes
    ['testnet', 'tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq', 'format'], // mixed case
    ['mainnet', 'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf', 'format'], // >4 bits padding
    ['testnet', 'tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j', 'format'], // non-zero padding
    ['mainnet', 'bc1gmk9yu', 'format'], // empty data
    // BIP-350 lists this v1/40-byte address as valid; we deliberately pin v1 to 32 bytes (taproot).
    ['mainnet', 'bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y', 'format'],
  ];
  for (const [network, address, reason] of cases) {
    assert.equal(reasonOf('bitcoin', network, address), reason, address);
  }
});

void test('legacy base58check P2PKH/P2SH addresses', () => {
  const hash = hexToBytes('751e76e8199196d454941c45d1b3a323f1433bd6');
  const b58 = createBase58check(sha256);
  assert.equal(reasonOf('bitcoin', 'mainnet', '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2'), 'ok');
  assert.equal(reasonOf('bitcoin', 'mainnet', '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy'), 'ok');
  assert.equal(reasonOf('bitcoin', 'mainnet', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'), 'ok');
  assert.equal(reasonOf('bitcoin', 'testnet', '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2'), 'network');
  assert.equal(reasonOf('bitcoin', 'mainnet', '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3'), 'checksum');
  for (const version of [0x6f, 0xc4]) {
    const addr = b58.encode(Uint8Array.from([version, ...hash]));
    assert.equal(reasonOf('bitcoin', 'testnet', addr), 'ok', addr);
    assert.equal(reasonOf('bitcoin', 'mainnet', addr), 'network', addr);
  }
  // Litecoin-style version byte: well-formed but not a bitcoin network.
  assert.equal(reasonOf('bitcoin', 'mainnet', b58.encode(Uint8Array.from([0x30, ...hash]))), 'network');
});

void test('bitcoin garbage and overlong input is format, never a throw', () => {
  const junk = ['', 'x', 'bc1', '1', 'hello world', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', 'bc1\u00ff', '\u{1F600}', 'a'.repeat(101)];
  for (const a of junk) {
    assert.equal(reasonOf('bitcoin', 'mainnet', a), 'format', JSON.stringify(a));
    assert.equal(reasonOf('ethereum', 'mainnet', a), a.startsWith('0x') ? 'ok' : 'format');
  }
  assert.equal(reasonOf('bitcoin', 'mainnet', `bc1q${'q'.repeat(100)}`), 'format');
  assert.doesNotThrow(() => validateAddress('bitcoin', 'mainnet', undefined as unknown as string));
});

void test('EIP-55 vectors from the EIP', () => {
  const vectors = [
    '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
    '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
    '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
    '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
  ];
  for (const v of vectors) {
    assert.equal(toChecksumAddress(v.toLowerCase()), v);
    assert.equal(toChecksumAddress(v.slice(2).toUpperCase()), v);
    for (const network of ['mainnet', 'testnet'] as const) assert.equal(reasonOf('ethereum', network, v), 'ok', v);
  }
  assert.throws(() => toChecksumAddress('0x1234'), TypeError);
});

void test('ethereum: single-case accepted, one flipped letter rejected as checksum, bad shape as format', () => {
  const good = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';
  assert.equal(reasonOf('ethereum', 'mainnet', good.toLowerCase()), 'ok');
  assert.equal(reasonOf('ethereum', 'mainnet', `0x${good.slice(2).toUpperCase()}`), 'ok');
  const flipped = good.replace('aA', 'AA'); // 0x5AAeb6... differs in one letter's case
  assert.equal(reasonOf('ethereum', 'mainnet', flipped), 'checksum');
  assert.equal(reasonOf('ethereum', 'mainnet', good.slice(2)), 'format');
  assert.equal(reasonOf('ethereum', 'mainnet', `${good}00`), 'format');
  assert.equal(reasonOf('ethereum', 'mainnet', `0x${'g'.repeat(40)}`), 'format');
});

void test('BIP84 vector: abandon…about account xpub → first receive address', () => {
  const xpub = HDKey.fromMasterSeed(ABANDON_SEED).derive("m/84'/0'/0'").publicExtendedKey;
  assert.match(xpub, /^xpub/);
  const address = depositAddress({ chain: 'bitcoin', network: 'mainnet', xpub, index: 0 });
  assert.equal(address, 'bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu');
  assert.equal(depositAddress({ chain: 'bitcoin', network: 'mainnet', xpub, index: 1 }), 'bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g');
});

void test("ethereum vector: abandon…about m/44'/60'/0'/0/0", () => {
  const xpub = HDKey.fromMasterSeed(ABANDON_SEED).derive("m/44'/60'/0'").publicExtendedKey;
  const address = depositAddress({ chain: 'ethereum', network: 'mainnet', xpub, index: 0 });
  assert.equal(address, '0x9858EfFD232B4033E47d90003D41EC34EcaEda94');
});

void test('generated xpubs are public-only with network-correct prefixes', () => {
  assert.match(generateWatchOnlyXpub('bitcoin', 'testnet'), /^tpub/);
  assert.match(generateWatchOnlyXpub('bitcoin', 'mainnet'), /^xpub/);
  assert.match(generateWatchOnlyXpub('ethereum', 'testnet'), /^xpub/);
  const key = HDKey.fromExtendedKey(generateWatchOnlyXpub('bitcoin', 'mainnet'));
  assert.equal(key.privateKey, null);
  assert.equal(key.depth, 3);
  assert.notEqual(generateWatchOnlyXpub('bitcoin', 'mainnet'), generateWatchOnlyXpub('bitcoin', 'mainnet'));
});

void test('derivation is deterministic and index-sensitive; addresses validate only on their network', () => {
  for (const chain of ['bitcoin', 'ethereum'] as const) {
    for (const network of ['testnet', 'mainnet'] as const) {
      const xpub = generateWatchOnlyXpub(chain, network);
      const a0 = depositAddress({ chain, network, xpub, index: 0 });
      assert.equal(depositAddress({ chain, network, xpub, index: 0 }), a0);
      assert.notEqual(depositAddress({ chain, network, xpub, index: 1 }), a0);
      const last = depositAddress({ chain, network, xpub, index: 2 ** 31 - 1 });
      assert.equal(reasonOf(chain, network, a0), 'ok');
      assert.equal(reasonOf(chain, network, last), 'ok');
      if (chain === 'bitcoin') {
        assert.match(a0, network === 'mainnet' ? /^bc1q/ : /^tb1q/);
        assert.equal(reasonOf(chain, network === 'mainnet' ? 'testnet' : 'mainnet', a0), 'network');
      } else {
        assert.match(a0, /^0x[0-9a-fA-F]{40}$/);
      }
    }
  }
});

void test('depositAddress rejects bad indices, wrong-network keys and private keys', () => {
  const tpub = generateWatchOnlyXpub('bitcoin', 'testnet');
  for (const index of [-1, 1.5, 2 ** 31, Number.NaN]) {
    assert.throws(() => depositAddress({ chain: 'bitcoin', network: 'testnet', xpub: tpub, index }), RangeError);
  }
  assert.throws(() => depositAddress({ chain: 'bitcoin', network: 'mainnet', xpub: tpub, index: 0 }), TypeError);
  const xprv = HDKey.fromMasterSeed(ABANDON_SEED).derive("m/84'/0'/0'").privateExtendedKey;
  assert.throws(() => depositAddress({ chain: 'bitcoin', network: 'mainnet', xpub: xprv, index: 0 }), /PUBLIC/);
  assert.throws(() => depositAddress({ chain: 'bitcoin', network: 'mainnet', xpub: 'nonsense', index: 0 }), TypeError);
});

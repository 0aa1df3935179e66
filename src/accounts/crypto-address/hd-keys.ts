import { randomBytes } from 'node:crypto';
import { HDKey, HARDENED_OFFSET, type Versions } from '@scure/bip32';
import type { Chain, Network } from './types.js';

/** BIP32 serialization prefixes: `xpub`/`xprv` (mainnet) and `tpub`/`tprv` (bitcoin testnet). */
const MAINNET_VERSIONS: Versions = { private: 0x0488ade4, public: 0x0488b21e };
const BITCOIN_TESTNET_VERSIONS: Versions = { private: 0x04358394, public: 0x043587cf };

/**
 * Ethereum has no testnet key prefix convention, so only bitcoin testnet uses `tpub`;
 * a prefix mismatch on parse then catches a testnet key configured for mainnet.
 */
export function versionsFor(chain: Chain, network: Network): Versions {
  return chain === 'bitcoin' && network === 'testnet' ? BITCOIN_TESTNET_VERSIONS : MAINNET_VERSIONS;
}

/** Account-level path: BIP84 (native segwit) for bitcoin, BIP44 coin 60 for ethereum on both networks. */
function accountPath(chain: Chain, network: Network): readonly number[] {
  if (chain === 'ethereum') return [44, 60, 0];
  return [84, network === 'mainnet' ? 0 : 1, 0];
}

/**
 * Dev/test helper: creates a throwaway wallet and keeps only its account xpub, so the
 * server can derive deposit addresses but never spend. The seed is discarded, which
 * means funds sent to these addresses are unrecoverable — in production the operator
 * supplies the xpub of a wallet whose seed they hold offline instead.
 */
export function generateWatchOnlyXpub(chain: Chain, network: Network): string {
  const seed = randomBytes(32);
  let node = HDKey.fromMasterSeed(seed, versionsFor(chain, network));
  seed.fill(0);
  for (const level of accountPath(chain, network)) {
    node = node.deriveChild(level + HARDENED_OFFSET);
  }
  const xpub = node.publicExtendedKey;
  node.wipePrivateData();
  return xpub;
}

/**
 * Parses an operator-supplied key; refuses private extended keys so a spending key
 * can never end up in server config by mistake.
 */
export function parseWatchOnlyXpub(xpub: string, chain: Chain, network: Network): HDKey {
  let node: HDKey;
  try {
    node = HDKey.fromExtendedKey(xpub, versionsFor(chain, network));
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new TypeError(`invalid ${network} ${chain} extended public key: ${why}`);
  }
  if (node.privateKey !== null) {
    throw new TypeError('expected an extended PUBLIC key; refusing a private extended key');
  }
  return node;
}

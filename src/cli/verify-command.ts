import { verifyBooks } from '../accounts/index.js';
import { holdExpiryGraceMs } from '../ledger/index.js';
import type { Runtime } from '../runtime.js';
import { isoTimestamp } from '../shared/clock.js';
import { CliError, type CliIo } from './io.js';

/** `verify`: checks the ledger's and the transaction rows' invariants; exits non-zero naming each violation. */
export async function verifyCommand(runtime: Runtime, io: CliIo): Promise<void> {
  const problems = await verifyBooks(runtime.database.db, { now: isoTimestamp(runtime.clock.nowMs()), holdExpiryGraceMs: holdExpiryGraceMs(runtime.config.holdExpiryIntervalMs) });
  if (problems.length > 0) throw new CliError(`ledger verification FAILED (${problems.length}):\n${problems.map((p) => `  - ${p}`).join('\n')}`, 1);
  io.stdout(
    'ledger verified: every journal balances per asset, debits equal credits per asset, stored balances equal their legs, system accounts are registered, no account is overdrawn, holds are consistent and none outlives its deadline, transaction rows match their journals and holds\n',
  );
}

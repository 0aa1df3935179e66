import { verifyLedger } from '../ledger/index.js';
import type { Runtime } from '../runtime.js';
import { CliError, type CliIo } from './io.js';

/** `verify`: checks the ledger's invariants; exits non-zero naming each violation. */
export async function verifyCommand(runtime: Runtime, io: CliIo): Promise<void> {
  const problems = await verifyLedger(runtime.database.db);
  if (problems.length > 0) throw new CliError(`ledger verification FAILED (${problems.length}):\n${problems.map((p) => `  - ${p}`).join('\n')}`, 1);
  io.stdout('ledger verified: every posting balances, debits equal credits per asset, stored balances equal their entries, each pending transaction has at most one outcome\n');
}

// Shared steps of the bank and crash tests: a principal made with the CLI (in-process runCli), and
// the final checks (database against the acknowledged answers, then `ibanera-server verify` spawned).
import { randomBytes } from 'node:crypto';
import type { PrincipalCredentials } from './api-client.js';
import { checkBalances, checkCallbackCount, checkIdempotencyKeys, checkTransactions, type MoneyFigures } from './bank-checks.js';
import type { BankWorkload } from './bank-workload.js';
import { checkCards } from './bank-workload-cards.js';
import { runCliProcess } from './children.js';
import { cliInProcess, openInspector } from './databases.js';

export async function createPrincipal(databaseUrl: string, prefix: string): Promise<PrincipalCredentials> {
  const username = `${prefix}_${randomBytes(4).toString('hex')}`;
  // `--name=value`: a value starting with '-' would otherwise read as an option.
  const password = randomBytes(18).toString('base64url');
  const created = JSON.parse(await cliInProcess(databaseUrl, ['principals', 'create', `--username=${username}`, `--password=${password}`, '--json'])) as {
    customersId: number;
    username: string;
    sharedSecret: string;
  };
  return { customersId: created.customersId, username: created.username, password, sharedSecret: created.sharedSecret };
}

export interface FinalChecks {
  readonly problems: string[];
  readonly money: MoneyFigures[];
  readonly transactionRows: number;
  readonly idempotencyRows: number;
  readonly callbackRows: number;
  readonly verifyExitCode: number | null;
  readonly verifyOutput: string;
}

/** Runs every check on a stopped server's database. */
export async function finalChecks(databaseUrl: string, workload: BankWorkload, principal: PrincipalCredentials, expectCallbacks: boolean): Promise<FinalChecks> {
  const problems = [...workload.model.problems];
  const inspector = await openInspector(databaseUrl);
  let money: MoneyFigures[];
  let transactionRows: number;
  let idempotencyRows: number;
  let callbackRows: number;
  try {
    const db = inspector.database.db;
    money = await checkBalances(db, workload.model, problems);
    transactionRows = await checkTransactions(db, workload.model, problems);
    idempotencyRows = await checkIdempotencyKeys(db, workload.model, principal.customersId, problems);
    await checkCards(db, workload.model, workload.cards, problems);
    callbackRows = await checkCallbackCount(db, expectCallbacks ? workload.model.expectedCallbacks : 0, problems);
  } finally {
    await inspector.close();
  }
  const verify = await runCliProcess(['verify'], { DATABASE_URL: databaseUrl });
  return { problems, money, transactionRows, idempotencyRows, callbackRows, verifyExitCode: verify.code, verifyOutput: (verify.stdout + verify.stderr).trim() };
}

// The ledger's own rules, through its API on a real database (both dialects): journals over several
// assets, the no-overdraft account rule enforced inside the write, and holds (capture in full or in
// part, void, expiry) with what `verify` says about each.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyBooks } from '../src/accounts/index.js';
import { inTransaction } from '../src/db/transaction.js';
import { apiBalances, endHold, lockBalances, openLedgerAccount, placeHolds, readHold, releaseExpiredHolds, systemAccount, writeJournals } from '../src/ledger/index.js';
import { parseDecimal } from '../src/shared/decimal.js';
import { exactBody, startTestServer, type TestServer } from './helpers/test-server.js';
import { apiFor, assertOk, createAccount, numText, payIn, PATHS, type Api } from './helpers/accounts-helpers.js';
import { DomainError } from '../src/shared/domain-error.js';

describe('ledger: journals, the account rule and holds', () => {
  let server: TestServer;
  let api: Api;
  let usd: number;
  const u = (text: string): bigint => {
    const parsed = parseDecimal(text);
    assert.ok(parsed.ok, text);
    return parsed.units;
  };
  const iso = () => new Date(server.clock.nowMs()).toISOString();
  const write = <T>(work: Parameters<typeof inTransaction<T>>[1]) => inTransaction(server.runtime.database, work);
  const dialect = () => server.runtime.database.dialect;
  const balances = async (id: number) => {
    const locked = await write((tx) => lockBalances(tx, dialect(), [id]));
    const b = locked.get(id);
    assert.ok(b !== undefined);
    return { ...apiBalances(b), posted: b.posted, pendingIn: b.pendingIn, pendingOut: b.pendingOut };
  };
  const verify = (grace = 60_000) => verifyBooks(server.runtime.database.db, { now: iso(), holdExpiryGraceMs: grace });
  const rail = () => systemAccount.rail('ACH', 'USD');

  before(async () => {
    server = await startTestServer();
    api = await apiFor(server, await server.createPrincipal());
    usd = await createAccount(api, 'USD', 'holds');
    await payIn(api, usd, '100.00');
  });
  after(() => server.close());

  test('a hold reserves funds at once; a partial capture posts part and releases the rest', async () => {
    const placed = await write((tx) =>
      placeHolds(tx, dialect(), [{ accountsId: usd, systemAccount: systemAccount.cardNetwork('USD'), asset: 'USD', amount: -u('10.00'), deadline: null }], iso()),
    );
    assert.equal(placed.holdIds.length, 1);
    const holdId = placed.holdIds[0] as number;
    let b = await balances(usd);
    assert.equal(b.availableBalance, u('90.00'));
    assert.equal(b.totalBalance, u('90.00'));
    assert.equal(b.pendingOut, -u('10.00'));
    // The API shows the reservation the same way.
    const response = await api.get(`${PATHS.account}?Id=${usd}`);
    assertOk(response);
    const listed = exactBody(response).details as Record<string, unknown>;
    assert.equal(numText(listed.availableBalance), '90.00');

    const journal = await write((tx) => endHold(tx, dialect(), holdId, 'captured', iso(), -u('4.00')));
    assert.ok(journal !== null);
    b = await balances(usd);
    assert.equal(b.posted, u('96.00'));
    assert.equal(b.pendingOut, 0n);
    assert.equal(b.availableBalance, u('96.00'));
    const hold = await readHold(server.runtime.database.db, holdId);
    assert.equal(hold.status, 'captured');
    assert.equal(u(hold.captured_amount), -u('4.00'));
    assert.equal(hold.ended_journals_id, journal);
    // A hold ends once: a second capture or a void finds it ended.
    assert.equal(await write((tx) => endHold(tx, dialect(), holdId, 'voided', iso())), null);
    assert.deepEqual(await verify(), []);
  });

  test('voiding releases everything; capturing beyond the hold is a bug (assertion), not an outcome', async () => {
    const { holdIds } = await write((tx) =>
      placeHolds(tx, dialect(), [{ accountsId: usd, systemAccount: systemAccount.cardNetwork('USD'), asset: 'USD', amount: -u('6.00'), deadline: null }], iso()),
    );
    const holdId = holdIds[0] as number;
    await assert.rejects(
      write((tx) => endHold(tx, dialect(), holdId, 'captured', iso(), -u('6.01'))),
      /at most its hold/,
    );
    await assert.rejects(
      write((tx) => endHold(tx, dialect(), holdId, 'captured', iso(), u('1.00'))),
      /sign of its hold/,
    );
    assert.equal((await readHold(server.runtime.database.db, holdId)).status, 'pending', 'the refused capture wrote nothing');
    assert.ok((await write((tx) => endHold(tx, dialect(), holdId, 'voided', iso()))) !== null);
    const b = await balances(usd);
    assert.equal(b.availableBalance, u('96.00'));
    assert.equal(b.pendingOut, 0n);
    assert.deepEqual(await verify(), []);
  });

  test('the no-overdraft rule is the ledger’s: a hold or journal beyond the available balance is refused and writes nothing', async () => {
    const journalsBefore = await countRows('ledger_journals');
    await assert.rejects(
      write((tx) => placeHolds(tx, dialect(), [{ accountsId: usd, systemAccount: rail(), asset: 'USD', amount: -u('96.01'), deadline: null }], iso())),
      (error: unknown) => error instanceof DomainError && error.errors[0]?.messageCode === 'Insufficient_Funds',
    );
    await assert.rejects(
      write((tx) =>
        writeJournals(
          tx,
          dialect(),
          [
            {
              kind: 'test',
              dateTime: iso(),
              legs: [
                { accountsId: usd, systemAccount: null, asset: 'USD', bucket: 'posted', amount: -u('100') },
                { accountsId: null, systemAccount: rail(), asset: 'USD', bucket: 'posted', amount: u('100') },
              ],
            },
          ],
          { insufficientFundsField: 'Spend' },
        ),
      ),
      (error: unknown) => error instanceof DomainError && error.errors[0]?.messageCode === 'Insufficient_Funds' && error.errors[0].fieldName === 'Spend',
    );
    assert.equal(await countRows('ledger_journals'), journalsBefore);
    // An account opened without the rule may go below zero (a system-like customer account).
    const loose = 900_000_001;
    await write((tx) => openLedgerAccount(tx, { accountsId: loose, asset: 'USD', debitsMustNotExceedCredits: false }));
    await write((tx) =>
      writeJournals(tx, dialect(), [
        {
          kind: 'test',
          dateTime: iso(),
          legs: [
            { accountsId: loose, systemAccount: null, asset: 'USD', bucket: 'posted', amount: -u('5') },
            { accountsId: null, systemAccount: systemAccount.suspense('USD'), asset: 'USD', bucket: 'posted', amount: u('5') },
          ],
        },
      ]),
    );
    assert.equal((await balances(loose)).posted, -u('5'));
  });

  test('one journal may move several assets, each balanced on its own; an unbalanced one is a bug', async () => {
    const eur = await createAccount(api, 'EUR', 'fx');
    const before = await balances(usd);
    // An FX trade as one journal: USD out to the house, EUR in from the house, the commission to revenue.
    await write((tx) =>
      writeJournals(tx, dialect(), [
        {
          kind: 'fx',
          dateTime: iso(),
          legs: [
            { accountsId: usd, systemAccount: null, asset: 'USD', bucket: 'posted', amount: -u('10.00') },
            { accountsId: null, systemAccount: systemAccount.house('USD'), asset: 'USD', bucket: 'posted', amount: u('9.90') },
            { accountsId: null, systemAccount: systemAccount.revenue('USD'), asset: 'USD', bucket: 'posted', amount: u('0.10') },
            { accountsId: null, systemAccount: systemAccount.house('EUR'), asset: 'EUR', bucket: 'posted', amount: -u('9.13') },
            { accountsId: eur, systemAccount: null, asset: 'EUR', bucket: 'posted', amount: u('9.13') },
          ],
        },
      ]),
    );
    assert.equal((await balances(usd)).posted, before.posted - u('10.00'));
    assert.equal((await balances(eur)).posted, u('9.13'));
    await assert.rejects(
      write((tx) =>
        writeJournals(tx, dialect(), [
          {
            kind: 'fx',
            dateTime: iso(),
            legs: [
              { accountsId: usd, systemAccount: null, asset: 'USD', bucket: 'posted', amount: -u('1') },
              { accountsId: eur, systemAccount: null, asset: 'EUR', bucket: 'posted', amount: u('1') },
            ],
          },
        ]),
      ),
      /unbalanced/,
    );
  });

  test('several journals written together are checked together and come back in order', async () => {
    const before = (await balances(usd)).posted;
    const leg = (amount: string, system: string) => [
      { accountsId: usd, systemAccount: null, asset: 'USD', bucket: 'posted' as const, amount: u(amount) },
      { accountsId: null, systemAccount: system, asset: 'USD', bucket: 'posted' as const, amount: -u(amount) },
    ];
    const ids = await write((tx) =>
      writeJournals(tx, dialect(), [
        { kind: 'test-a', dateTime: iso(), legs: leg('3.00', systemAccount.suspense('USD')) },
        { kind: 'test-b', dateTime: iso(), legs: leg('-1.25', systemAccount.suspense('USD')) },
      ]),
    );
    assert.equal(ids.length, 2);
    const kinds = await server.runtime.database.db.selectFrom('ledger_journals').select(['id', 'kind']).where('id', 'in', ids).execute();
    assert.deepEqual(
      ids.map((id) => kinds.find((k) => k.id === id)?.kind),
      ['test-a', 'test-b'],
    );
    assert.equal((await balances(usd)).posted, before + u('1.75'));
    assert.deepEqual(await verify(), []);
  });

  test('an internal transfer is one journal of two legs (the clearing legs cancel and are not written)', async () => {
    const other = await createAccount(api, 'USD', 'other');
    const response = await api.post('/api/v1/customer/transfers/fiat/createinternaltransfer', { SourceAccountId: usd, DestinationAccountId: other, Amount: '1.00' });
    const details = assertOk(response).details as { transactionsId: number; complementaryTransactionId: number };
    const db = server.runtime.database.db;
    const rows = await db
      .selectFrom('transactions')
      .select(['id', 'journals_id', 'holds_id'])
      .where('id', 'in', [details.transactionsId, details.complementaryTransactionId])
      .execute();
    assert.equal(rows.length, 2);
    assert.equal(rows[0]?.journals_id, rows[1]?.journals_id, 'both rows point at one journal');
    const legs = await db
      .selectFrom('ledger_legs')
      .selectAll()
      .where('journals_id', '=', rows[0]?.journals_id as number)
      .execute();
    assert.deepEqual(
      legs.map((l) => [l.accounts_id, l.system_account, u(l.amount)]).sort((a, b) => Number(a[0]) - Number(b[0])),
      [
        [usd, null, -u('1.00')],
        [other, null, u('1.00')],
      ].sort((a, b) => Number(a[0]) - Number(b[0])),
    );
    assert.deepEqual(await verify(), []);
  });

  test('a hold past its deadline is released by the sweep; before the sweep verify names it once the grace has passed', async () => {
    const deadline = new Date(server.clock.nowMs() + 60_000).toISOString();
    const { holdIds } = await write((tx) =>
      placeHolds(tx, dialect(), [{ accountsId: usd, systemAccount: systemAccount.cardNetwork('USD'), asset: 'USD', amount: -u('2.00'), deadline }], iso()),
    );
    const holdId = holdIds[0] as number;
    assert.equal(await releaseExpiredHolds(server.runtime.database, server.clock), 0, 'not yet due');
    server.clock.advance(5 * 60_000);
    assert.match((await verify(60_000)).join('\n'), new RegExp(`hold ${holdId} outlives its deadline`));
    const available = (await balances(usd)).availableBalance;
    assert.equal(await releaseExpiredHolds(server.runtime.database, server.clock), 1);
    const hold = await readHold(server.runtime.database.db, holdId);
    assert.equal(hold.status, 'expired');
    assert.equal((await balances(usd)).availableBalance, available + u('2.00'));
    // Too late to capture: the hold has ended.
    assert.equal(await write((tx) => endHold(tx, dialect(), holdId, 'captured', iso())), null);
    assert.equal(await releaseExpiredHolds(server.runtime.database, server.clock), 0);
    assert.deepEqual(await verify(), []);
  });

  async function countRows(table: 'ledger_journals' | 'ledger_legs'): Promise<number> {
    const row = await server.runtime.database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
});

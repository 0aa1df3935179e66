import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setCallback } from './helpers/callbacks-helpers.js';
import { answer, CallbackReceiver } from './helpers/callbacks-receiver.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

// A hanging receiver must not hold up a shutdown: stop() interrupts the attempt at once, logs it,
// and leaves the callback due immediately for the next process (no backoff).
let server: TestServer;
let receiver: CallbackReceiver;
before(async () => {
  receiver = await CallbackReceiver.start();
  server = await startTestServer({ CALLBACK_TIMEOUT_MS: '20000', CALLBACK_POLL_INTERVAL_MS: '20' });
});
after(async () => {
  await server.close();
  await receiver.close();
});

test('stopping the worker interrupts an attempt to a hanging receiver at once; the callback stays due', async () => {
  const principal = await server.createPrincipal();
  await setCallback(server, principal.username, receiver.url());
  receiver.answerAlways(answer.hang());
  const call = server.as(principal);
  const created = await call('POST', '/api/v2/customer/accounts/create', { CustomersId: principal.customersId, Name: 'USD', Asset: 'USD' });
  const accountId = (JSON.parse(created.body) as { details: { accounts: { id: number }[] } }).details.accounts[0]?.id;
  assert.equal((await call('POST', '/api/v1/customer/simulations/payins', { DestinationAccountId: accountId, TransferType: 'ACH', Amount: 1 })).statusCode, 200);
  server.callbacks.start();
  await receiver.waitFor(1, 10_000);
  assert.equal(receiver.requests.length, 1, 'the attempt reached the receiver');

  // Far below the 20 s attempt timeout, with room for a loaded machine (test files run in parallel).
  const started = Date.now();
  await server.callbacks.stop();
  assert.ok(Date.now() - started < 5000, `stop() took ${Date.now() - started} ms with a 20 s timeout`);

  const row = await server.runtime.database.db.selectFrom('callbacks').selectAll().executeTakeFirstOrThrow();
  assert.equal(row.status, 'pending');
  assert.equal(row.attempts, 1);
  assert.match(row.last_error ?? '', /interrupted/);
  assert.ok(Date.parse(row.next_attempt_at) <= server.clock.nowMs(), 'due again at once');
  const attempts = await server.runtime.database.db.selectFrom('callback_attempts').selectAll().execute();
  assert.equal(attempts.length, 1);
  assert.match(attempts[0]?.error ?? '', /interrupted/);
});

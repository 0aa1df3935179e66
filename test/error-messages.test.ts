// Every error item says why in `message` (ours), beside Ibanera's unchanged errorType, fieldName
// and messageCode: the binder's cases, the services' limits, and the login whose code was used.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ADDRESSES, PATHS, withdraw } from './helpers/accounts-helpers.js';
import { createWorld } from './helpers/world.js';
import { assertError, type ErrorItem } from './helpers/foundation-helpers.js';

type World = Awaited<ReturnType<typeof createWorld<{ accounts: { usd: { asset: 'USD'; payIn: '10' }; usd2: { asset: 'USD' }; btc: { asset: 'BTC'; cryptoDeposit: '1' } } }>>>;

describe('error messages', () => {
  let world: World;
  before(async () => {
    world = await createWorld({ accounts: { usd: { asset: 'USD', payIn: '10' }, usd2: { asset: 'USD' }, btc: { asset: 'BTC', cryptoDeposit: '1' } } });
  });
  after(() => world.server.close());

  function first(body: { errors: unknown[] }): ErrorItem {
    return body.errors[0] as ErrorItem;
  }

  const transfer = (amount: string) =>
    world.api.postRaw(
      '/api/v1/customer/transfers/fiat/createinternaltransfer',
      `{"SourceAccountId":${world.accounts.usd},"DestinationAccountId":${world.accounts.usd2},"Amount":${amount}}`,
    );

  test('too many decimals names the count and the asset precision; the code stays Invalid', async () => {
    const error = first(assertError(await transfer('1.001'), 400, 'Invalid', 'Amount'));
    assert.equal(error.message, 'Amount has 3 decimals; USD allows 2.');
    assert.equal(first(assertError(await transfer('-1'), 400, 'Invalid', 'Amount')).message, 'Amount must be positive.');
    assert.equal(
      first(assertError(await transfer('"ten"'), 400, 'Invalid', 'Amount')).message,
      'Amount must be a decimal number such as 12.50 (a JSON number or a numeric string).',
    );
  });

  test('a page size over the maximum says the range', async () => {
    const error = first(assertError(await world.api.get(`${PATHS.transactions}?AccountsId=${world.accounts.usd}&PageSize=1001`), 400, 'Invalid', 'PageSize'));
    assert.equal(error.message, 'PageSize must be 1–1000.');
    const zero = first(assertError(await world.api.get(`${PATHS.transactions}?AccountsId=${world.accounts.usd}&PageSize=0`), 400, 'Invalid', 'PageSize'));
    assert.equal(zero.message, 'PageSize must be a whole number from 1 to 2147483647.');
  });

  test('an unknown asset, a mainnet address in the sandbox, a bad date, a missing field, an enum, a long string', async () => {
    const asset = first(assertError(await world.api.post(PATHS.create, { CustomersId: world.principal.customersId, Name: 'x', Asset: 'DOGE' }), 400, 'Invalid', 'Asset'));
    assert.equal(asset.message, 'Asset is not an asset this server offers (see docs/assets.md).');
    const mainnet = first(assertError(await withdraw(world.api, world.accounts.btc, '0.1', ADDRESSES.btcMainnet), 400, 'Invalid', 'destinationAddress'));
    assert.equal(mainnet.message, 'destinationAddress is not a bitcoin testnet address (the sandbox uses testnet; mainnet addresses are refused).');
    const checksum = first(assertError(await withdraw(world.api, world.accounts.btc, '0.1', ADDRESSES.btcBadChecksum), 400, 'Invalid', 'destinationAddress'));
    assert.equal(checksum.message, 'destinationAddress has a bad checksum (a typo?).');
    const date = first(assertError(await world.api.get(`${PATHS.transactions}?AccountsId=${world.accounts.usd}&FromDate=yesterday`), 400, 'Invalid', 'FromDate'));
    assert.equal(date.message, 'FromDate must be an ISO 8601 date or date-time, e.g. 2024-05-01 or 2024-05-01T12:00:00Z.');
    const missing = first(assertError(await world.api.post(PATHS.create, { CustomersId: world.principal.customersId, Asset: 'USD' }), 400, 'Required', 'Name'));
    assert.equal(missing.message, 'Name is required (missing, empty or zero).');
    const rail = first(
      assertError(await world.api.post(PATHS.payIns, { DestinationAccountId: world.accounts.usd, TransferType: 'CHEQUE', Amount: '1' }), 400, 'Invalid', 'TransferType'),
    );
    assert.equal(rail.message, 'TransferType must be one of ACH, WIRE, SWIFT (any casing).');
    const long = first(
      assertError(await world.api.post(PATHS.create, { CustomersId: world.principal.customersId, Name: 'n'.repeat(500), Asset: 'USD' }), 400, 'Invalid_Length', 'Name'),
    );
    assert.match(long.message, /^Name must be at most \d+ characters; it has 500\.$/);
  });

  test('a key given twice and malformed JSON say so', async () => {
    const twice = await world.api.postRaw(PATHS.create, `{"CustomersId":${world.principal.customersId},"Name":"a","name":"b","Asset":"USD"}`);
    assert.equal(first(assertError(twice, 400, 'Invalid', 'Name')).message, 'Name is given more than once (keys match in any casing).');
    const malformed = first(assertError(await world.api.postRaw(PATHS.create, '{"Name":'), 400, 'Malformed_Json', 'body'));
    assert.match(malformed.message, /^The body is not valid JSON: .+ at position \d+\.$/);
  });

  test('a second login with the same code says the code was used, not just "incorrect"', async () => {
    const { server, principal } = world;
    server.clock.advance(30_000);
    const body = { username: principal.username, password: principal.password, otp: server.otp(principal) };
    assert.equal((await server.call('POST', '/api/v1/public/auth/login', { body })).statusCode, 200);
    const again = first(assertError(await server.call('POST', '/api/v1/public/auth/login', { body }), 401, 'Username_Or_Password_Incorrect', ''));
    assert.match(again.message, /already been used to log in; wait for the next one/);
    const wrong = first(
      assertError(await server.call('POST', '/api/v1/public/auth/login', { body: { ...body, password: 'wrong-password-here' } }), 401, 'Username_Or_Password_Incorrect', ''),
    );
    assert.equal(wrong.message, 'Login failed: unknown username, wrong password or wrong one-time password.');
  });
});

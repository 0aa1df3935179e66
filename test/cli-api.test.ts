// The CLI as an API client: `login` (by flags, by environment, --demo) keeps a 0600 session file,
// `call` prints the envelope exactly and exits 1 on status "0"; --version, --help for every command
// without starting anything, "none" for empty lists, usage and exit 2 for bad input.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDemoPrincipal } from '../src/cli/demo-principal.js';
import { indentJson } from '../src/cli/call-command.js';
import { runCliInProcess, spawnCli } from './helpers/foundation-helpers.js';
import { startTestServer, type TestPrincipal, type TestServer } from './helpers/test-server.js';

describe('CLI: login and call', () => {
  let server: TestServer;
  let baseUrl: string;
  let dir: string;
  let principal: TestPrincipal;
  let demoPassword: string;

  before(async () => {
    server = await startTestServer();
    // First, on the empty database, what `serve` creates in the sandbox.
    demoPassword = (await ensureDemoPrincipal(server.runtime))?.password ?? '';
    principal = await server.createPrincipal();
    baseUrl = await server.app.listen({ port: 0, host: '127.0.0.1' });
    dir = mkdtempSync(join(tmpdir(), 'ibanera-cli-'));
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await server.close();
  });

  test('login then call, as spawned processes: a 0600 session, the envelope on stdout, exit codes', async () => {
    const env = { IBANERA_SESSION_FILE: join(dir, 'spawned', 'session.json'), DATABASE_URL: server.database.url };
    const login = await spawnCli(['login', '--username', principal.username, '--password', principal.password, '--secret', principal.sharedSecret, '--url', baseUrl], env);
    assert.equal(login.code, 0, login.stderr);
    assert.match(login.stdout, new RegExp(`logged in as ${principal.username} at ${baseUrl.replace(/[.]/g, '\\.')}`));
    assert.equal(statSync(env.IBANERA_SESSION_FILE).mode & 0o777, 0o600);
    assert.equal(readFileSync(env.IBANERA_SESSION_FILE, 'utf8').includes(principal.password), false, 'the password is not kept');
    const balances = await spawnCli(['call', 'GET', '/api/v1/customer/accounts/balances'], env);
    assert.equal(balances.code, 0, balances.stderr);
    assert.deepEqual(JSON.parse(balances.stdout), { id: 0, details: [], pageSize: 0, pageNumber: 1, numberOfPages: 1, status: '1', errors: [] });
    const refused = await spawnCli(['call', 'GET', '/api/v1/customer/accounts/transactions?PageSize=5000'], env);
    assert.equal(refused.code, 1);
    assert.equal((JSON.parse(refused.stdout) as { errors: { message: string }[] }).errors[0]?.message, 'PageSize must be 1–1000.');
  });

  test('call sends the body verbatim (exact amounts) with an IdempotencyKey, and prints amounts as received', async () => {
    const env = {
      IBANERA_SESSION_FILE: join(dir, 'inproc', 'session.json'),
      IBANERA_URL: baseUrl,
      IBANERA_USERNAME: principal.username,
      IBANERA_PASSWORD: principal.password,
      IBANERA_SECRET: principal.sharedSecret,
    };
    assert.equal((await runCliInProcess(['login'], env)).code, 0, 'credentials from the environment');
    const create = await runCliInProcess(
      ['call', 'POST', '/api/v2/customer/accounts/create', '--data', `{"CustomersId":${principal.customersId},"Name":"Main","Asset":"USD"}`],
      env,
    );
    assert.equal(create.code, 0, create.stdout + create.stderr);
    const id = (JSON.parse(create.stdout) as { details: { accounts: { id: number }[] } }).details.accounts[0]?.id;
    const payIn = await runCliInProcess(
      ['call', 'POST', '/api/v1/customer/simulations/payins', '--data', `{"DestinationAccountId":${id},"TransferType":"ACH","Amount":90071992547409.93}`],
      env,
    );
    assert.equal(payIn.code, 0, payIn.stdout);
    const account = await runCliInProcess(['call', 'GET', `/api/v1/customer/accounts/account?Id=${id}`], env);
    assert.match(account.stdout, /"availableBalance": 90071992547409\.93,/);
  });

  test('login --demo reads the sandbox demo principal from the database', async () => {
    const env = { IBANERA_SESSION_FILE: join(dir, 'demo', 'session.json'), DATABASE_URL: server.database.url, IBANERA_URL: baseUrl };
    assert.ok(demoPassword !== '');
    const login = await runCliInProcess(['login', '--demo'], env);
    assert.equal(login.code, 0, login.stderr);
    assert.match(login.stdout, /^logged in as demo at /);
    assert.equal((await runCliInProcess(['call', 'GET', '/api/v1/customer/accounts/balances'], env)).code, 0);
  });

  test('bad input: usage and exit 2; not logged in and unreachable servers say so', async () => {
    const env = { IBANERA_SESSION_FILE: join(dir, 'nobody', 'session.json'), IBANERA_URL: 'http://127.0.0.1:9' };
    const notLoggedIn = await runCliInProcess(['call', 'GET', '/api/v1/customer/accounts/balances'], env);
    assert.equal(notLoggedIn.code, 1);
    assert.match(notLoggedIn.stderr, /^not logged in \(no session in .*\): run `ibanera-server login --demo`/);
    for (const args of [
      ['call'],
      ['call', 'FETCH', '/x'],
      ['call', 'GET', 'no-slash'],
      ['call', 'GET', '/x', '--data', '{oops'],
      ['call', 'GET', '/x', '--frobnicate'],
      ['login', '--username', 'u'],
      ['login', '--bogus'],
    ]) {
      const result = await runCliInProcess(args, env);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, /usage: ibanera-server (call|login)/, args.join(' '));
    }
    const unreachable = await runCliInProcess(['login', '--username', 'u', '--password', 'p', '--secret', 'JBSWY3DPEHPK3PXP'], env);
    assert.equal(unreachable.code, 1);
    assert.match(unreachable.stderr, /cannot reach http:\/\/127\.0\.0\.1:9 .* \(is the server running\? `npm start`\)/);
  });
});

describe('CLI: --version, --help, none', () => {
  test('--version prints the package version; every command has --help that runs nothing', async () => {
    const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
    const printed = await runCliInProcess(['--version'], {});
    assert.deepEqual([printed.code, printed.stdout], [0, `ibanera-server ${version}\n`]);
    // No DATABASE_URL that could be opened, no free port: help must not try either.
    const env = { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', PORT: '1' };
    for (const command of [
      'serve',
      'migrate',
      'principals',
      'verify',
      'screening',
      'callbacks',
      'idempotency',
      'totp',
      'login',
      'call',
      'exchanges',
      'managees',
      'pairs',
      'prices',
      'house',
      'rfis',
      'business',
      'cards',
      'quickbuy',
    ]) {
      const help = await runCliInProcess([command, '--help'], env);
      assert.equal(help.code, 0, `${command}: ${help.stderr}`);
      assert.match(help.stdout, new RegExp(`ibanera-server ${command}`), command);
    }
    assert.match((await runCliInProcess(['help', 'call'], env)).stdout, /^usage: ibanera-server call METHOD PATH/);
    const spawned = await spawnCli(['serve', '--help'], env);
    assert.equal(spawned.code, 0, spawned.stderr);
    assert.match(spawned.stdout, /^usage: ibanera-server serve/);
  });

  test('empty lists print "none"', async () => {
    const server = await startTestServer();
    try {
      for (const args of [
        ['principals', 'list'],
        ['screening', 'list'],
        ['callbacks', 'list'],
      ]) {
        const result = await server.cli(args);
        assert.deepEqual([result.exitCode, result.stdout], [0, 'none\n'], args.join(' '));
      }
    } finally {
      await server.close();
    }
  });

  test('indentJson keeps every literal exactly as received', () => {
    assert.equal(indentJson('{"a":[1.10,{"b":"x,\\"y:"}],"c":{},"d":[]}'), '{\n  "a": [\n    1.10,\n    {\n      "b": "x,\\"y:"\n    }\n  ],\n  "c": {},\n  "d": []\n}');
  });
});

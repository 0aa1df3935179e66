// Configuration: defaults, validation of every variable, and the CLI's answer to a bad value.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../src/config/config.js';
import { spawnCli } from './helpers/foundation-helpers.js';

function assertConfigError(env: Record<string, string>, variable: string): void {
  assert.throws(
    () => loadConfig(env),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError, `expected ConfigError for ${JSON.stringify(env)}, got ${String(error)}`);
      assert.equal(error.variable, variable);
      assert.ok(error.message.includes(variable), error.message);
      return true;
    },
    `${JSON.stringify(env)} should be rejected`,
  );
}

void describe('loadConfig', () => {
  void test('CARD_DATA_KEY: required in production, 32 bytes of base64 when given, generated in sandbox', () => {
    assertConfigError({ MODE: 'production' }, 'CARD_DATA_KEY');
    assertConfigError({ CARD_DATA_KEY: 'short' }, 'CARD_DATA_KEY');
    assertConfigError({ CARD_DATA_KEY: Buffer.alloc(31).toString('base64') }, 'CARD_DATA_KEY');
    const key = Buffer.alloc(32, 1).toString('base64');
    assert.equal(loadConfig({ MODE: 'production', CARD_DATA_KEY: key }).cardDataKey, key);
    assert.equal(loadConfig({}).cardDataKey, null);
  });
  void test('multipart limits are bounded', () => {
    assertConfigError({ MULTIPART_FILES_MAX: '0' }, 'MULTIPART_FILES_MAX');
    assertConfigError({ MULTIPART_BODY_SIZE_MAX_BYTES: '10' }, 'MULTIPART_BODY_SIZE_MAX_BYTES');
    assert.equal(loadConfig({}).multipartFilesMax, 10);
  });
  void test('defaults', () => {
    const config = loadConfig({});
    assert.equal(config.port, 8080);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.databaseUrl, 'sqlite:./data/ibanera.sqlite');
    assert.equal(config.mode, 'sandbox');
    assert.equal(config.logLevel, 'info');
    assert.equal(config.jwtSecret, null);
    assert.equal(config.tokenLifetimeSeconds, 3600);
    assert.equal(config.bodySizeMaxBytes, 1_048_576);
    assert.equal(config.bodyDepthMax, 32);
    assert.equal(config.loginFailuresMax, 10);
    assert.equal(config.lockoutDurationSeconds, 600);
    assert.equal(config.otpDriftSteps, 1);
    assert.equal(config.demoPrincipal, true);
    assert.equal(config.idempotencyKeyTtlHours, 48);
    assert.equal(config.idempotencyCleanupIntervalMs, 600_000);
    assert.equal(config.idempotencyCleanupBatchSize, 1000);
    assert.equal(config.workers, 1);
    assert.equal(config.transferBatchSizeMax, 64);
    assert.equal(config.transferBatchesInFlightMax, 1);
    assert.ok(Object.isFrozen(config));
  });

  void test('empty strings mean the default', () => {
    const empty = Object.fromEntries(Object.keys(CONFIG_VARIABLES).map((name) => [name, '']));
    assert.deepEqual(loadConfig(empty), loadConfig({}));
  });

  void test('valid values are taken', () => {
    const config = loadConfig({
      PORT: '0',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u:p@db:5432/ibanera',
      MODE: 'production',
      CARD_DATA_KEY: Buffer.alloc(32, 3).toString('base64'),
      LOG_LEVEL: 'silent',
      JWT_SECRET: 'k'.repeat(32),
      TOKEN_LIFETIME_SECONDS: '60',
      BODY_SIZE_MAX_BYTES: '2048',
      BODY_DEPTH_MAX: '2',
      LOGIN_FAILURES_MAX: '1',
      LOCKOUT_DURATION_SECONDS: '1',
      OTP_DRIFT_STEPS: '0',
      DEMO_PRINCIPAL: 'false',
      IDEMPOTENCY_KEY_TTL_HOURS: '24',
      IDEMPOTENCY_CLEANUP_INTERVAL_MS: '1000',
      IDEMPOTENCY_CLEANUP_BATCH_SIZE: '1',
      WORKERS: '64',
      TRANSFER_BATCH_SIZE_MAX: '200',
      TRANSFER_BATCHES_IN_FLIGHT_MAX: '10',
    });
    assert.equal(config.port, 0);
    assert.equal(config.host, '0.0.0.0');
    assert.equal(config.databaseUrl, 'postgres://u:p@db:5432/ibanera');
    assert.equal(config.mode, 'production');
    assert.equal(config.logLevel, 'silent');
    assert.equal(config.jwtSecret, 'k'.repeat(32));
    assert.equal(config.tokenLifetimeSeconds, 60);
    assert.equal(config.bodySizeMaxBytes, 2048);
    assert.equal(config.bodyDepthMax, 2);
    assert.equal(config.loginFailuresMax, 1);
    assert.equal(config.lockoutDurationSeconds, 1);
    assert.equal(config.otpDriftSteps, 0);
    assert.equal(config.demoPrincipal, false);
    assert.equal(config.idempotencyKeyTtlHours, 24);
    assert.equal(config.idempotencyCleanupIntervalMs, 1000);
    assert.equal(config.idempotencyCleanupBatchSize, 1);
    assert.equal(config.workers, 64);
    assert.equal(config.transferBatchSizeMax, 200);
    assert.equal(config.transferBatchesInFlightMax, 10);
    assert.equal(loadConfig({ DATABASE_URL: 'postgresql://localhost/x' }).databaseUrl, 'postgresql://localhost/x');
    assert.equal(loadConfig({ DATABASE_URL: 'sqlite::memory:' }).databaseUrl, 'sqlite::memory:');
    assert.equal(loadConfig({ DEMO_PRINCIPAL: '0' }).demoPrincipal, false);
    assert.equal(loadConfig({ DEMO_PRINCIPAL: 'TRUE' }).demoPrincipal, true);
  });

  void test('each invalid value throws a ConfigError naming its variable', () => {
    const cases: Array<[string, string]> = [
      ['PORT', 'abc'],
      ['PORT', '65536'],
      ['PORT', '-1'],
      ['PORT', '80.5'],
      ['PORT', ' 80'],
      ['DATABASE_URL', 'mysql://localhost/x'],
      ['DATABASE_URL', 'sqlite:'],
      ['DATABASE_URL', './data/file.sqlite'],
      ['MODE', 'live'],
      ['MODE', 'Sandbox'],
      ['LOG_LEVEL', 'loud'],
      ['JWT_SECRET', 'too-short'],
      ['TOKEN_LIFETIME_SECONDS', '59'],
      ['TOKEN_LIFETIME_SECONDS', '86401'],
      ['TOKEN_LIFETIME_SECONDS', '1h'],
      ['BODY_SIZE_MAX_BYTES', '1023'],
      ['BODY_SIZE_MAX_BYTES', '1e6'],
      ['BODY_DEPTH_MAX', '1'],
      ['PASSWORD_HASH_COST', '9'],
      ['PASSWORD_HASH_COST', '21'],
      ['HOLD_EXPIRY_INTERVAL_MS', '9'],
      ['BODY_DEPTH_MAX', '257'],
      ['PAGE_SIZE_MAX', '0'],
      ['LOGIN_FAILURES_MAX', '0'],
      ['LOCKOUT_DURATION_SECONDS', '0'],
      ['OTP_DRIFT_STEPS', '11'],
      ['ACCOUNTS_PER_CUSTOMER_MAX', '0'],
      ['SHUTDOWN_TIMEOUT_MS', '99'],
      ['DEMO_PRINCIPAL', 'maybe'],
      ['IDEMPOTENCY_KEY_TTL_HOURS', '23'],
      ['IDEMPOTENCY_KEY_TTL_HOURS', '8761'],
      ['IDEMPOTENCY_KEY_TTL_HOURS', '1.5'],
      ['IDEMPOTENCY_CLEANUP_INTERVAL_MS', '999'],
      ['IDEMPOTENCY_CLEANUP_BATCH_SIZE', '0'],
      ['IDEMPOTENCY_CLEANUP_BATCH_SIZE', '100001'],
      ['WORKERS', '0'],
      ['WORKERS', '65'],
      ['WORKERS', 'two'],
      ['TRANSFER_BATCH_SIZE_MAX', '0'],
      ['TRANSFER_BATCH_SIZE_MAX', '201'],
      ['TRANSFER_BATCHES_IN_FLIGHT_MAX', '0'],
      ['TRANSFER_BATCHES_IN_FLIGHT_MAX', '11'],
    ];
    for (const [variable, value] of cases) assertConfigError({ [variable]: value }, variable);
  });

  void test('the first invalid variable is reported even when others are valid', () => {
    assertConfigError({ PORT: '8081', MODE: 'nope', LOG_LEVEL: 'debug' }, 'MODE');
  });
});

void test('the CLI refuses a bad PORT with a non-zero exit naming PORT', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ibanera-config-'));
  try {
    const result = await spawnCli(['serve'], { PORT: 'abc', DATABASE_URL: `sqlite:${join(dir, 'never.sqlite')}` });
    assert.notEqual(result.code, 0, result.stderr);
    assert.equal(result.code, 2, result.stderr);
    assert.match(result.stderr, /PORT/);
    assert.match(result.stderr, /abc/);
    assert.equal(result.stdout.includes('listening'), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// SHORT (default, for CI: each test tens of seconds) or LONG (RELIABILITY_LONG=1: minutes) figures.

export const LONG = process.env.RELIABILITY_LONG === '1';

export const PROFILE = LONG
  ? {
      name: 'LONG',
      bankClients: 16,
      bankDurationMs: 90_000,
      bankOpsMax: 200_000,
      crashClients: 8,
      crashKills: 50,
      crashUptimeMs: [500, 4_000] as const,
      fuzzInputs: 30_000,
      fuzzDurationMs: 360_000,
    }
  : {
      name: 'SHORT',
      bankClients: 8,
      bankDurationMs: 10_000,
      bankOpsMax: 20_000,
      crashClients: 6,
      crashKills: 5,
      crashUptimeMs: [700, 2_500] as const,
      fuzzInputs: 2_500,
      fuzzDurationMs: 45_000,
    };

/** Where PostgreSQL is expected; each test makes (and drops) a fresh database on it. */
export const POSTGRES_BASE_URL = process.env.RELIABILITY_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A per-test time limit for node:test, so nothing can hang CI: generous against the figures above. */
export const TEST_TIMEOUT_MS = LONG ? 60 * 60_000 : 5 * 60_000;

/**
 * `npm run docs:examples`: refreshes docs/api-examples.json, the API reference's examples, from
 * answers the test suite checks. Runs the suite (SQLite) with RECORD_API_EXAMPLES set, so every test
 * server records its answers (test/helpers/api-example-recorder.ts), then keeps for each operation the
 * first success (and the first answer per 4xx status) that passes the route's current schemas,
 * taking test files in name order. `--from <dir>` merges an earlier recording instead of running
 * the suite; `--keep-going` merges even when some tests failed (a test that needs a missing browser,
 * say; every example is still checked against the schemas). Then it runs scripts/generate-docs.ts,
 * which puts them in docs/openapi.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_EXAMPLES_FILE, type ApiExample, type OperationExamples } from '../src/http/openapi-examples.js';
import { parseExactJson } from '../src/shared/exact-json.js';
import { isRich, type RecordedCall, type Recording } from '../test/helpers/api-example-recorder.js';
import { errorProblems, routeOf, successProblems } from '../test/helpers/api-example-schemas.js';
import { formatExactJson } from '../test/helpers/exact-json-text.js';
import { renderOpenApiDocument } from '../test/helpers/openapi-document.js';
import { startTestServer } from '../test/helpers/test-server.js';

/** An answer longer than this (request and response, as JSON) is used only when no shorter one fits. */
const EXAMPLE_PREFERRED_LENGTH_MAX_CHARS = 6_000;
const EXACT_LIMITS = { depthMax: 64, stringLengthMax: 10_000_000, keysMax: 1_000_000 };

/** The checks of this script's output: they judge the examples, they do not produce any. */
const DOCS_CHECKS = new Set(['test/docs-examples.test.ts', 'test/docs-drift.test.ts']);

function runSuite(dir: string, keepGoing: boolean): void {
  const files = ['test', 'sdk/test'].flatMap((folder) =>
    readdirSync(folder)
      .filter((name) => name.endsWith('.test.ts') && !DOCS_CHECKS.has(`${folder}/${name}`))
      .map((name) => `${folder}/${name}`),
  );
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=dot', ...files], {
    stdio: 'inherit',
    env: { ...process.env, RECORD_API_EXAMPLES: dir, TEST_DATABASE_URL: '' },
  });
  if (run.status === 0) return;
  if (!keepGoing) throw new Error('the suite failed: examples are recorded from a passing run (or pass --keep-going)');
  console.warn('some tests failed; merging what the others recorded (--keep-going)');
}

function readRecordings(dir: string): Recording[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => parseExactJson(readFileSync(join(dir, name), 'utf8'), EXACT_LIMITS) as Recording)
    .sort((a, b) => (a.testFile < b.testFile ? -1 : a.testFile > b.testFile ? 1 : 0));
}

type Candidate = { readonly source: string; readonly call: RecordedCall };

/** The first candidate that passes, preferring one that shows something and is not too long. */
function pick(candidates: readonly Candidate[], passes: (example: ApiExample) => boolean, rich: boolean): ApiExample | undefined {
  const examples = candidates.map(({ source, call }) => ({ source, ...call }));
  const fitting = examples.filter(passes);
  const short = (e: ApiExample) => formatExactJson([e.body ?? null, e.query ?? null, e.response]).length <= EXAMPLE_PREFERRED_LENGTH_MAX_CHARS;
  const preferences = [(e: ApiExample) => (!rich || isRich(e)) && short(e), (e: ApiExample) => !rich || isRich(e), short, () => true];
  for (const preferred of preferences) {
    const found = fitting.find(preferred);
    if (found !== undefined) return found;
  }
  return undefined;
}

async function merge(recordings: readonly Recording[]): Promise<Record<string, OperationExamples>> {
  const document = (await renderOpenApiDocument()) as { paths: Record<string, Record<string, unknown>> };
  const server = await startTestServer({ MODE: 'sandbox', LOG_LEVEL: 'silent' });
  const merged: Record<string, OperationExamples> = {};
  const missing: string[] = [];
  try {
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const method of Object.keys(operations)) {
        const operation = `${method.toUpperCase()} ${path}`;
        const route = routeOf(server.app.routeTable, operation);
        if (route === undefined) throw new Error(`no route serves ${operation}`);
        const recorded = recordings.flatMap((r) => (r.routes[operation] === undefined ? [] : [{ source: r.testFile, route: r.routes[operation] }]));
        const successes = recorded.flatMap(({ source, route: r }) => r.successes.map((call) => ({ source, call })));
        const success = pick(successes, (e) => successProblems(route, e).length === 0, true);
        const statuses = [...new Set(recorded.flatMap(({ route: r }) => Object.keys(r.errors)))].sort();
        const errors: Record<string, ApiExample> = {};
        for (const status of statuses) {
          const calls = recorded.flatMap(({ source, route: r }) => (r.errors[status] ?? []).map((call) => ({ source, call: { status: call.status, response: call.response } })));
          const error = pick(calls, (e) => errorProblems(route, status, e).length === 0, false);
          if (error !== undefined) errors[status] = error;
        }
        if (success === undefined) missing.push(`${operation} (${successes.length} recorded, none fits the schemas)`);
        merged[operation] = { ...(success === undefined ? {} : { success }), errors };
      }
    }
  } finally {
    await server.close();
  }
  if (missing.length > 0) console.log(`operations without a success example:\n  ${missing.join('\n  ')}`);
  return merged;
}

const fromIndex = process.argv.indexOf('--from');
const dir = fromIndex >= 0 ? (process.argv[fromIndex + 1] as string) : mkdtempSync(join(tmpdir(), 'ibanera-examples-'));
try {
  if (fromIndex < 0) runSuite(dir, process.argv.includes('--keep-going'));
  const merged = await merge(readRecordings(dir));
  writeFileSync(API_EXAMPLES_FILE, `${formatExactJson(merged)}\n`);
  console.log(`wrote docs/api-examples.json (${Object.keys(merged).length} operations)`);
  // generate-docs.ts is a script (it writes when imported): run it as one.
  const generated = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/generate-docs.ts'], { stdio: 'inherit' });
  if (generated.status !== 0) throw new Error('npm run docs:generate failed');
} finally {
  if (fromIndex < 0) rmSync(dir, { recursive: true, force: true });
}

import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { MODULES } from '../src/modules.js';

/** The layout and dependency rules of shared/STYLE.md and docs/architecture.md, checked on every run. */
const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src');
/** The edge: what composes modules or speaks HTTP. Modules and infrastructure import none of it. */
const EDGE = ['http', 'cli', 'app.ts', 'main.ts', 'runtime.ts', 'modules.ts'];
/** Tables the infrastructure owns (not a module): signing keys and xpubs, idempotency records. */
const INFRASTRUCTURE_TABLES: Readonly<Record<string, readonly string[]>> = { db: ['settings', 'idempotency_keys'] };
const MODULE_NAMES = MODULES.map((m) => m.name);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

interface Import {
  readonly from: string;
  readonly to: string;
  /** The specifier as written (a package name for non-relative imports). */
  readonly specifier: string;
  readonly typeOnly: boolean;
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const found: Import[] = [];
  for (const match of text.matchAll(/^(?:import|export)\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm)) {
    const specifier = match[2] ?? '';
    const to = specifier.startsWith('.') ? relative(SRC, resolve(dirname(file), specifier.replace(/\.js$/, '.ts'))) : specifier;
    found.push({ from: relative(SRC, file), to, specifier, typeOnly: match[1] !== undefined });
  }
  return found;
}

const topOf = (path: string) => path.split('/')[0] ?? path;
const isModuleFile = (path: string) => MODULE_NAMES.includes(topOf(path)) && path.includes('/');
const files = sourceFiles(SRC);
const imports = files.flatMap(importsOf);
const local = imports.filter((i) => i.specifier.startsWith('.'));

test('shared/ imports nothing outside shared/', () => {
  assert.deepEqual(
    local.filter((i) => topOf(i.from) === 'shared' && topOf(i.to) !== 'shared'),
    [],
  );
});

test('the ledger imports only shared/ and db/ (it knows account ids and amounts, no module)', () => {
  assert.deepEqual(
    local.filter((i) => topOf(i.from) === 'ledger' && !['ledger', 'shared', 'db', 'api-module.ts'].includes(topOf(i.to))),
    [],
  );
});

test("only a module's routes.ts imports http/", () => {
  const bad = local.filter((i) => isModuleFile(i.from) && topOf(i.to) === 'http' && !i.from.endsWith('/routes.ts'));
  assert.deepEqual(bad, []);
});

test('a contract.ts imports only shared/ and TypeBox (an SDK or a portal can import it)', () => {
  const bad = imports.filter(
    (i) =>
      i.from.endsWith('/contract.ts') && (i.specifier.startsWith('.') ? topOf(i.to) !== 'shared' && i.to !== i.from.replace(/[^/]+$/, '') : i.specifier !== '@sinclair/typebox'),
  );
  assert.deepEqual(bad, []);
});

test('no module or infrastructure imports the edge (http/ aside from routes.ts, cli/, app.ts, main.ts, runtime.ts, modules.ts)', () => {
  const bad = local.filter((i) => {
    const from = topOf(i.from);
    if (EDGE.includes(from)) return false;
    if (i.from.endsWith('/routes.ts') && topOf(i.to) === 'http') return false;
    if (from === 'api-module.ts' && i.typeOnly && topOf(i.to) === 'http') return false;
    return EDGE.includes(topOf(i.to));
  });
  assert.deepEqual(bad, []);
});

test('modules use each other only through their index.ts; module.ts files only through the manifest', () => {
  const bad = local.filter((i) => {
    const [from, to] = [topOf(i.from), topOf(i.to)];
    if (i.to.endsWith('/module.ts') && i.from !== 'modules.ts' && from !== to) return true;
    if (from === to || !MODULE_NAMES.includes(to) || EDGE.includes(from)) return false;
    return !/^[^/]+\/index\.ts$/.test(i.to);
  });
  assert.deepEqual(bad, []);
});

test('only config/ and main.ts read process.env', () => {
  const readers = files.filter((f) => /process\.env/.test(readFileSync(f, 'utf8'))).map((f) => relative(SRC, f));
  assert.deepEqual(
    readers.filter((f) => f !== 'main.ts' && topOf(f) !== 'config'),
    [],
  );
});

test('no import cycles between files (type-only imports are erased and do not count)', () => {
  const graph = new Map<string, string[]>();
  for (const i of local) if (!i.typeOnly) graph.set(i.from, [...(graph.get(i.from) ?? []), i.to]);
  const state = new Map<string, 'visiting' | 'done'>();
  const cycles: string[] = [];
  const visit = (node: string, path: string[]) => {
    if (state.get(node) === 'done') return;
    if (state.get(node) === 'visiting') {
      cycles.push([...path.slice(path.indexOf(node)), node].join(' -> '));
      return;
    }
    state.set(node, 'visiting');
    for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
    state.set(node, 'done');
  };
  for (const node of graph.keys()) visit(node, []);
  assert.deepEqual(cycles, []);
});

/** The tables of the Database interface in src/db/schema.ts. */
function schemaTables(): string[] {
  const schema = readFileSync(join(SRC, 'db/schema.ts'), 'utf8');
  const body = /export interface Database \{([^}]*)\}/.exec(schema)?.[1] ?? '';
  return [...body.matchAll(/^\s*([a-z_]+):/gm)].map((m) => m[1] as string);
}

test('each table has exactly one owner, declared in the manifest (or by db/ for infrastructure tables)', () => {
  const owners = new Map<string, string[]>();
  const own = (table: string, owner: string) => owners.set(table, [...(owners.get(table) ?? []), owner]);
  for (const m of MODULES) for (const table of m.tables) own(table, m.name);
  for (const [owner, tables] of Object.entries(INFRASTRUCTURE_TABLES)) for (const table of tables) own(table, owner);
  const tables = schemaTables();
  assert.ok(tables.length > 15, `tables found: ${tables.length}`);
  assert.deepEqual(
    tables.filter((t) => owners.get(t)?.length !== 1).map((t) => `${t}: ${owners.get(t)?.join(', ') ?? 'no owner'}`),
    [],
  );
  assert.deepEqual(
    [...owners.keys()].filter((t) => !tables.includes(t)),
    [],
    'every declared table exists',
  );
});

test('only the owning module writes a table (migrations aside)', () => {
  const ownerOf = new Map<string, string>();
  for (const m of MODULES) for (const table of m.tables) ownerOf.set(table, m.name);
  for (const [owner, tables] of Object.entries(INFRASTRUCTURE_TABLES)) for (const table of tables) ownerOf.set(table, owner);
  const writes = /(?:insertInto|updateTable|deleteFrom)\('([a-z_]+)'|\b(?:insert into|update|delete from) ([a-z_]+)\b/g;
  const bad: string[] = [];
  for (const file of files) {
    const path = relative(SRC, file);
    if (path.includes('/migrations/')) continue;
    for (const match of readFileSync(file, 'utf8').matchAll(writes)) {
      const table = match[1] ?? match[2] ?? '';
      const owner = ownerOf.get(table);
      if (owner !== undefined && owner !== topOf(path)) bad.push(`${path} writes ${table} (owned by ${owner})`);
    }
  }
  assert.deepEqual(bad, []);
});

test('every module folder is in the manifest, and every manifest entry is a folder with a module.ts', () => {
  const folders = readdirSync(SRC).filter((name) => statSync(join(SRC, name)).isDirectory() && readdirSync(join(SRC, name)).includes('module.ts'));
  assert.deepEqual([...folders].sort(), [...MODULE_NAMES].sort());
});

test('the scan sees the code (so the rules above cannot pass vacuously)', () => {
  assert.ok(files.length > 30, `files: ${files.length}`);
  assert.ok(
    local.some((i) => i.from.startsWith('accounts/') && i.to === 'ledger/index.ts'),
    'accounts -> ledger/index.ts is seen',
  );
  assert.ok(
    local.some((i) => i.from === 'accounts/routes.ts' && topOf(i.to) === 'http'),
    'a routes.ts -> http/ import is seen',
  );
  assert.ok(
    imports.some((i) => i.from === 'accounts/contract.ts' && i.specifier === '@sinclair/typebox'),
    'a contract.ts -> TypeBox import is seen',
  );
});

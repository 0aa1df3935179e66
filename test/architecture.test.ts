import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

/** The layout and dependency rules of shared/STYLE.md, checked on every run. */
const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../src');
const EDGE = ['http', 'cli', 'app.ts', 'main.ts', 'runtime.ts'];
const INFRASTRUCTURE = ['db', 'shared', 'config'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

interface Import {
  readonly from: string;
  readonly to: string;
  readonly typeOnly: boolean;
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const found: Import[] = [];
  for (const match of text.matchAll(/^(?:import|export)\s+(type\s+)?[^'"]*?from\s+'(\.[^']+)'/gm)) {
    const target = resolve(dirname(file), (match[2] ?? '').replace(/\.js$/, '.ts'));
    found.push({ from: relative(SRC, file), to: relative(SRC, target), typeOnly: match[1] !== undefined });
  }
  return found;
}

const topOf = (path: string) => path.split('/')[0] ?? path;
const files = sourceFiles(SRC);
const imports = files.flatMap(importsOf);

test('shared/ imports nothing outside shared/', () => {
  const bad = imports.filter((i) => topOf(i.from) === 'shared' && topOf(i.to) !== 'shared');
  assert.deepEqual(bad, []);
});

test('no module imports the edge (http/, cli/, app.ts, main.ts, runtime.ts)', () => {
  const bad = imports.filter((i) => !EDGE.includes(topOf(i.from)) && EDGE.includes(topOf(i.to)));
  assert.deepEqual(bad, []);
});

test('modules use each other only through their index.ts', () => {
  const bad = imports.filter((i) => {
    const [from, to] = [topOf(i.from), topOf(i.to)];
    if (from === to || INFRASTRUCTURE.includes(to) || EDGE.includes(to)) return false;
    return !/^[^/]+\/index\.ts$/.test(i.to);
  });
  assert.deepEqual(bad, []);
});

test('only config/ and main.ts read process.env', () => {
  const readers = files.filter((f) => /process\.env/.test(readFileSync(f, 'utf8'))).map((f) => relative(SRC, f));
  assert.deepEqual(readers.filter((f) => f !== 'main.ts' && topOf(f) !== 'config'), []);
});

test('no import cycles between files', () => {
  const graph = new Map<string, string[]>();
  for (const i of imports) graph.set(i.from, [...(graph.get(i.from) ?? []), i.to]);
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

test('the scan sees the code (so the rules above cannot pass vacuously)', () => {
  assert.ok(files.length > 30, `files: ${files.length}`);
  assert.ok(imports.some((i) => i.from.startsWith('accounts/') && i.to === 'ledger/index.ts'), 'accounts -> ledger/index.ts is seen');
});

// What a newcomer meets first: a LICENSE that matches package.json, an .env.example naming every
// variable the server reads, and no dependency whose engines exclude the Node version we support
// (npm warned about `cookie` through light-my-request, which asked for Node 22).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CONFIG_VARIABLES } from '../src/config/config.js';
import { readReadme, renderEnvExample } from '../scripts/env-example.js';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

test('LICENSE is the MIT licence package.json names, for the server and the SDK', () => {
  for (const prefix of ['', 'sdk/']) {
    assert.equal((JSON.parse(read(`${prefix}package.json`)) as { license: string }).license, 'MIT');
    assert.match(read(`${prefix}LICENSE`), /^MIT License\n/);
  }
});

test('.env.example lists every configuration variable', () => {
  const listed = new Set([...read('.env.example').matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]));
  assert.deepEqual(
    Object.keys(CONFIG_VARIABLES).filter((name) => !listed.has(name)),
    [],
    'run npm run docs:generate',
  );
  assert.equal(read('.env.example'), renderEnvExample(readReadme()), 'run npm run docs:generate');
});

/** Whether a version satisfies an npm engines range of the simple forms the lock file holds. */
export function satisfies(version: string, range: string): boolean {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map(Number);
  const at = (text: string) =>
    text
      .replace(/\.(x|\*)/g, '')
      .split('.')
      .map(Number);
  const compare = (other: number[]) => (major - (other[0] ?? 0)) * 1e8 + (minor - (other[1] ?? 0)) * 1e4 + (patch - (other[2] ?? 0));
  return range.split('||').some((clause) =>
    clause
      .trim()
      .replace(/(>=|<=|>|<|\^|~)\s+/g, '$1')
      .split(/\s+/)
      .every((part) => {
        if (part === '*' || part === '') return true;
        const op = /^(>=|<=|>|<|\^|~)?(.*)$/.exec(part) as RegExpExecArray;
        const other = at(op[2] ?? '');
        if (op[1] === '>=') return compare(other) >= 0;
        if (op[1] === '>') return compare(other) > 0;
        if (op[1] === '<') return compare(other) < 0;
        if (op[1] === '<=') return compare(other) <= 0;
        if (op[1] === '^' || op[1] === '~') return major === other[0] && compare(other) >= 0;
        return other.every((n, i) => [major, minor, patch][i] === n);
      }),
  );
}

test('every installed package accepts Node 20 (the lowest version package.json supports)', () => {
  assert.equal(satisfies('20.0.0', '>=22'), false, 'the check can fail');
  assert.equal(satisfies('20.19.0', '^20.19.0 || ^22.13.0 || >=24'), true);
  const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { engines?: { node?: string } }> };
  const refusing = Object.entries(lock.packages)
    .filter(([, entry]) => typeof entry.engines?.node === 'string' && !satisfies('20.19.0', entry.engines.node))
    .map(([name, entry]) => `${name}: ${entry.engines?.node}`);
  assert.deepEqual(refusing, []);
});

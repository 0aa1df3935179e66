import { isAbsolute, resolve } from 'node:path';

export type DatabaseTarget = { readonly kind: 'sqlite'; readonly path: string } | { readonly kind: 'postgres'; readonly url: string };

/** `sqlite:PATH` (relative paths resolve against `cwd`) or `postgres://…`. */
export function parseDatabaseUrl(url: string, cwd: string): DatabaseTarget {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (path === ':memory:') return { kind: 'sqlite', path };
    return { kind: 'sqlite', path: isAbsolute(path) ? path : resolve(cwd, path) };
  }
  return { kind: 'postgres', url };
}

import { readFileSync } from 'node:fs';

/** The package version, read from package.json one level above src/ or dist/. */
export function readPackageVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

// Helpers for the portal tests: sign in over HTTP (inject) with a real TOTP code, post forms with
// the session's cookie and CSRF token, and start a real headless Chromium (Debian's, never a
// downloaded one) against a real listening server.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import type { TestPrincipal, TestServer } from './test-server.js';

export const FORM = 'application/x-www-form-urlencoded';

export interface PortalClient {
  readonly cookie: string;
  readonly setCookie: string;
  get(url: string): Promise<LightMyRequestResponse>;
  /** Posts a form with the session's CSRF token (read from the page at `csrfFrom`, /portal by default). */
  post(url: string, fields: Record<string, string>, options?: { csrf?: string | null }): Promise<LightMyRequestResponse>;
  csrf(): Promise<string>;
}

export function hiddenValue(body: string, name: string): string {
  const found = new RegExp(`name="${name}" value="([^"]*)"`).exec(body)?.[1];
  assert.ok(found !== undefined, `no hidden field ${name}`);
  return found;
}

/** Signs in through the portal's form; moves the test clock to a fresh TOTP step first. */
export async function portalSignIn(server: TestServer, principal: TestPrincipal, otp?: string): Promise<LightMyRequestResponse & { preCookie: string }> {
  const form = await server.app.inject({ method: 'GET', url: '/portal/sign-in' });
  const pre = hiddenValue(form.body, '_pre');
  server.clock.advance(30_000);
  const response = await server.app.inject({
    method: 'POST',
    url: '/portal/sign-in',
    headers: { cookie: `portal_pre=${pre}`, 'content-type': FORM },
    payload: new URLSearchParams({ _pre: pre, next: '/portal', username: principal.username, password: principal.password, otp: otp ?? server.otp(principal) }).toString(),
  });
  return Object.assign(response, { preCookie: pre });
}

export async function portalClient(server: TestServer, principal: TestPrincipal): Promise<PortalClient> {
  const signedIn = await portalSignIn(server, principal);
  assert.equal(signedIn.statusCode, 303, signedIn.body);
  const setCookie = ([] as string[]).concat(signedIn.headers['set-cookie'] ?? [])[0] ?? '';
  const cookie = setCookie.split(';')[0] ?? '';
  const client: PortalClient = {
    cookie,
    setCookie,
    get: (url) => server.app.inject({ method: 'GET', url, headers: { cookie } }),
    async csrf() {
      return hiddenValue((await client.get('/portal')).body, '_csrf');
    },
    async post(url, fields, options = {}) {
      const csrf = options.csrf === undefined ? await client.csrf() : options.csrf;
      const payload = new URLSearchParams({ ...(csrf === null ? {} : { _csrf: csrf }), ...fields }).toString();
      return server.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': FORM }, payload });
    },
  };
  return client;
}

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Headless Debian Chromium with a fresh profile; nothing reaches the network but the test server. */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'portal-chromium-'));
  // A fresh --user-data-dir: Playwright takes it as the persistent context's folder.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

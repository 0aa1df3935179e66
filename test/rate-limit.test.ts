import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServer } from './helpers/test-server.js';

let server: TestServer;
before(async () => {
  server = await startTestServer({ LOGIN_RATE_PER_MINUTE: '5' });
});
after(async () => server.close());

const attempt = () => server.call('POST', '/api/v1/public/auth/login', { body: { username: 'nobody', password: 'wrong-password', otp: '000000' } });

test('login attempts above LOGIN_RATE_PER_MINUTE get 429 with Retry-After, until the minute passes', async () => {
  for (let i = 0; i < 5; i++) assert.equal((await attempt()).statusCode, 401);
  const limited = await attempt();
  assert.equal(limited.statusCode, 429);
  assert.ok(Number(limited.headers['retry-after']) >= 1);
  assert.deepEqual(JSON.parse(limited.body), {
    id: 0,
    details: null,
    status: '0',
    errors: [{ errorType: 'TooManyRequests', fieldName: '', messageCode: 'Too_Many_Requests', message: 'Rate limit reached; retry later.' }],
  });
  server.clock.advance(61_000);
  assert.equal((await attempt()).statusCode, 401);
});

test('the limit applies to the login only, not to other routes', async () => {
  for (let i = 0; i < 10; i++) assert.equal((await server.call('GET', '/health')).statusCode, 200);
});

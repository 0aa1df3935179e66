/**
 * The market-buy figure (issue #12): crypto buys per second over HTTP (`POST
 * /api/v1/customer/crypto-exchanges/buy`, BTC/USD at the seeded price, each one journal against the
 * house plus a fee transaction and an exchange row) beside internal transfers on the same server
 * in the same run, with p50 and p99. SQLite, a fresh database, the server's own sandbox seed.
 */
import { ApiSession, createPrincipal, fundedPairs, TRANSFER_PATH, transferBody } from './api.js';
import type { LoadFigures } from './load.js';

export const BUY_PATH = '/api/v1/customer/crypto-exchanges/buy';
/** 0.0001 BTC at the seeded 64,000 USD: 6.40 USD + 0.04 commission per buy. */
export const BUY_BODY = '{"AssetPair":"BTC/USD","QuantityType":"Amount","Amount":0.0001}';
const FUNDING = '1000000.00';

export interface ExchangePhase {
  readonly transfer: LoadFigures;
  readonly buy: LoadFigures;
  readonly verify: string;
}

interface Running {
  readonly baseUrl: string;
  readonly child: { stop(): Promise<unknown> };
}

/** What run.ts lends the phase (its server start, measuring and verifying, with their settings). */
export interface ExchangePhaseDeps {
  readonly databaseUrl: string;
  readonly connections: number;
  readonly seconds: number;
  startServer(name: string, databaseUrl: string): Promise<Running>;
  measure(label: string, target: Running, session: ApiSession, method: 'POST', path: string, seconds: number, options: { bodies: readonly string[] }): Promise<LoadFigures>;
  verify(databaseUrl: string): Promise<string>;
}

export async function exchangePhase(d: ExchangePhaseDeps): Promise<ExchangePhase> {
  const principal = await createPrincipal(d.databaseUrl, 'trader');
  const running = await d.startServer('server (SQLite, exchanges)', d.databaseUrl);
  const session = await ApiSession.login(running.baseUrl, principal);
  const pairs = await fundedPairs(session, 'Trader', d.connections, FUNDING);
  // The buys pay from the customer's oldest USD account: the first pair's source.
  const transfer = await d.measure('SQLite transfers (exchange run)', running, session, 'POST', TRANSFER_PATH, d.seconds, { bodies: pairs.map(([s, t]) => transferBody(s, t)) });
  const buy = await d.measure('SQLite market buys', running, session, 'POST', BUY_PATH, d.seconds, { bodies: [BUY_BODY] });
  await running.child.stop();
  return { transfer, buy, verify: await d.verify(d.databaseUrl) };
}

const fixed = (n: number) => (Number.isFinite(n) ? n.toFixed(n < 10 ? 2 : 1) : 'n/a');

/** The report's section. */
export function exchangeSection(p: ExchangePhase): string {
  const row = (label: string, f: LoadFigures) =>
    `| ${label} | ${Math.round(f.perSecond).toLocaleString('en-US')} | ${fixed(f.latency.p50Ms)} | ${fixed(f.latency.p99Ms)} | ${f.ok}${f.failed > 0 ? ` (${f.failed} failed)` : ''} |`;
  return `## 5. Market buys (crypto exchanges), SQLite

One server, one run: internal transfers first (the baseline), then market buys of 0.0001 BTC at the
seeded BTC/USD price (one journal of three legs pairs against the house and revenue, an exchange row,
a used quote, three transaction rows). Buys all pay from one USD account.

| run | req/s | p50 ms | p99 ms | requests |
|---|---|---|---|---|
${row('internal transfer', p.transfer)}
${row('market buy', p.buy)}

Market buys run at ${(p.buy.perSecond / p.transfer.perSecond).toFixed(2)}× the internal transfer's rate. \`verify\` afterwards: ${p.verify}.
`;
}

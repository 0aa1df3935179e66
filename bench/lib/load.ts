import autocannon, { type Client, type Result } from 'autocannon';
import { LatencyRecorder, type RunFigures } from './stats.js';

export interface LoadOptions {
  readonly baseUrl: string;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly headers: Record<string, string>;
  /** One body per connection (connection i sends bodies[i % length]); none for GET. */
  readonly bodies?: readonly string[];
  readonly connections: number;
  readonly seconds: number;
}

export interface LoadFigures extends RunFigures {
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
}

/** Longest single autocannon run: the `otp` header is computed once per run and stays valid ≥ 30 s. */
export const LOAD_SECONDS_MAX = 25;

/**
 * Drives `connections` keep-alive connections from this process (autocannon) for `seconds` and
 * records every 2xx latency at µs resolution (autocannon's own histogram rounds to whole ms).
 */
export function runLoad(options: LoadOptions): Promise<LoadFigures> {
  if (options.seconds > LOAD_SECONDS_MAX) throw new Error(`a load run lasts at most ${LOAD_SECONDS_MAX} s`);
  const url = new URL(options.path, options.baseUrl);
  if (url.hostname !== '127.0.0.1') throw new Error(`load only on 127.0.0.1, not ${url.hostname}`);
  const recorder = new LatencyRecorder();
  let next = 0;
  const bodies = options.bodies;
  const setupClient =
    bodies === undefined || bodies.length === 0
      ? undefined
      : (client: Client) => {
          client.setBody(bodies[next++ % bodies.length] ?? '');
        };
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: url.toString(),
        method: options.method,
        headers: { ...options.headers, ...(bodies === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(bodies?.[0] === undefined ? {} : { body: bodies[0] }),
        connections: options.connections,
        pipelining: 1,
        duration: options.seconds,
        timeout: 30,
        ...(setupClient === undefined ? {} : { setupClient }),
      },
      (error: Error | null, result: Result) => {
        if (error !== null) {
          reject(error);
          return;
        }
        const ok = result['2xx'];
        resolve({
          ok,
          failed: result.non2xx + result.errors + result.timeouts,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          seconds: result.duration,
          perSecond: ok / result.duration,
          latency: recorder.summary(),
        });
      },
    );
    instance.on('response', (_client: Client, statusCode: number, _bytes: number, responseTime: number) => {
      if (statusCode >= 200 && statusCode < 300) recorder.record(responseTime);
    });
  });
}

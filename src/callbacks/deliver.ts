import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface DeliveryResult {
  readonly httpStatus: number | null;
  readonly latencyMs: number;
  readonly error: string | null;
}

export interface DeliveryOptions {
  readonly timeoutMs: number;
  /** Connect to this address instead of resolving the host again (the one the URL check approved). */
  readonly pinnedAddress?: string | null;
  /** Aborts the attempt (the server is stopping). */
  readonly signal?: AbortSignal;
}

function pinnedLookup(address: string): LookupFunction {
  const family = isIP(address);
  return (_hostname, options, callback) => {
    if (options.all === true) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

/**
 * One POST of a callback body. Redirects are not followed (a 3xx is a failure), the receiver's
 * answer body is never read (a huge or endless body costs nothing), and the whole exchange is
 * bounded by `timeoutMs`. Never throws.
 */
export function deliverOnce(url: URL, body: string, headers: Record<string, string>, options: DeliveryOptions): Promise<DeliveryResult> {
  const timeoutMs = options.timeoutMs;
  const started = performance.now();
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (httpStatus: number | null, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      resolve({ httpStatus, latencyMs: Math.round(performance.now() - started), error });
    };
    const req = send(url, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'ibanera-server-callbacks', ...headers },
      ...(options.pinnedAddress ? { lookup: pinnedLookup(options.pinnedAddress) } : {}),
    });
    const timer = setTimeout(() => {
      req.destroy();
      finish(null, `timeout after ${timeoutMs} ms`);
    }, timeoutMs);
    const onAbort = () => {
      req.destroy();
      finish(null, 'interrupted: the server is stopping');
    };
    if (options.signal?.aborted === true) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      res.destroy();
      finish(status, status >= 200 && status < 300 ? null : `HTTP ${status}`);
    });
    req.on('error', (error) => finish(null, error.message.slice(0, 200)));
    req.end(body);
  });
}

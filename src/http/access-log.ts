import type { FastifyInstance } from 'fastify';

/**
 * Query parameters whose values never reach the log (the QuickBuy widget's `key` and signature
 * `token` travel in its frame's URL; anything named like a credential is treated the same).
 */
const SECRET_QUERY_NAME = /key|token|secret|passw|otp|sig|pin|cvc|cvv|cardnumber/i;
const REDACTED = '[redacted]';

/** The URL as logged: the path as sent, and the query with every secret-looking value replaced. */
export function loggableUrl(url: string): string {
  const queryAt = url.indexOf('?');
  if (queryAt === -1) return url;
  const query = url
    .slice(queryAt + 1)
    .split('&')
    .map((pair) => {
      const equalsAt = pair.indexOf('=');
      if (equalsAt === -1) return pair;
      let name = pair.slice(0, equalsAt);
      try {
        name = decodeURIComponent(name);
      } catch {
        // A malformed name is judged as sent.
      }
      return SECRET_QUERY_NAME.test(name) ? `${pair.slice(0, equalsAt)}=${REDACTED}` : pair;
    })
    .join('&');
  return `${url.slice(0, queryAt)}?${query}`;
}

/**
 * The access log: one line per request, at `info`, when the answer has been sent: method, URL
 * (secrets out), client address, status and `responseTime` in ms. The request's logger adds its
 * `reqId`, which an error line of the same request carries too.
 */
export function installAccessLog(app: FastifyInstance): void {
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      { method: request.method, url: loggableUrl(request.url), client: request.socket.remoteAddress, status: reply.statusCode, responseTime: reply.elapsedTime },
      'request completed',
    );
    done();
  });
}

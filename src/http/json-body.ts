import type { FastifyInstance } from 'fastify';
import { parseExactJson } from '../shared/exact-json.js';

export interface JsonBodyLimits {
  readonly bodySizeMaxBytes: number;
  readonly bodyDepthMax: number;
}

/** Content types we accept: plain JSON and ASP.NET's default `application/json-patch+json`. */
/** Most members one JSON object may have (no endpoint takes more than a few dozen). */
export const JSON_KEYS_MAX = 1000;

export const JSON_CONTENT_TYPES = ['application/json', 'application/json-patch+json'] as const;

/**
 * Replaces Fastify's JSON parser with the exact one: number literals keep every digit (as
 * JsonNumber) and nesting, string length and key counts are bounded before any work is done.
 */
export function installJsonBodyParser(app: FastifyInstance, limits: JsonBodyLimits): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser([...JSON_CONTENT_TYPES], { parseAs: 'string', bodyLimit: limits.bodySizeMaxBytes }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    try {
      // A route may allow a larger body (documents); a string may then be as long as that body.
      const stringLengthMax = request.routeOptions.bodyLimit ?? limits.bodySizeMaxBytes;
      done(null, parseExactJson(text, { depthMax: limits.bodyDepthMax, stringLengthMax, keysMax: JSON_KEYS_MAX }));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

import type { FastifyInstance } from 'fastify';
import { JsonParseError, parseExactJson } from '../shared/exact-json.js';

export interface JsonBodyLimits {
  readonly bodySizeMaxBytes: number;
  readonly bodyDepthMax: number;
}

/** Content types we accept: plain JSON and ASP.NET's default `application/json-patch+json`. */
/** Most members one JSON object may have (no endpoint takes more than a few dozen). */
export const JSON_KEYS_MAX = 1000;

export const JSON_CONTENT_TYPES = ['application/json', 'application/json-patch+json'] as const;

/**
 * Decodes strictly: a replacing decoder (Fastify's `toString('utf8')`) would store U+FFFD in place
 * of invalid bytes (overlong forms, encoded surrogates, truncated sequences) and the client would
 * never learn that its text was changed. A byte-order mark is kept, so it stays malformed JSON.
 */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeUtf8(body: Buffer): string {
  try {
    return UTF8.decode(body);
  } catch {
    // TextDecoder does not say where; the position is only for logs (clients see Malformed_Json).
    throw new JsonParseError('invalid UTF-8', 0, 'syntax');
  }
}

/**
 * Replaces Fastify's JSON parser with the exact one: number literals keep every digit (as
 * JsonNumber) and nesting, string length and key counts are bounded before any work is done.
 */
export function installJsonBodyParser(app: FastifyInstance, limits: JsonBodyLimits): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser([...JSON_CONTENT_TYPES], { parseAs: 'buffer', bodyLimit: limits.bodySizeMaxBytes }, (request, body, done) => {
    try {
      const text = typeof body === 'string' ? body : decodeUtf8(body);
      if (text.trim() === '') {
        done(null, undefined);
        return;
      }
      // A route may allow a larger body (documents); a string may then be as long as that body.
      const stringLengthMax = request.routeOptions.bodyLimit ?? limits.bodySizeMaxBytes;
      done(null, parseExactJson(text, { depthMax: limits.bodyDepthMax, stringLengthMax, keysMax: JSON_KEYS_MAX }));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

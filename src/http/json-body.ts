import type { FastifyInstance } from 'fastify';
import { parseExactJson } from '../shared/exact-json.js';

export interface JsonBodyLimits {
  readonly bodySizeMaxBytes: number;
  readonly bodyDepthMax: number;
}

/** Content types we accept: plain JSON and ASP.NET's default `application/json-patch+json`. */
export const JSON_CONTENT_TYPES = ['application/json', 'application/json-patch+json'] as const;

/**
 * Replaces Fastify's JSON parser with the exact one: number literals keep every digit (as
 * JsonNumber) and nesting, string length and key counts are bounded before any work is done.
 */
export function installJsonBodyParser(app: FastifyInstance, limits: JsonBodyLimits): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser([...JSON_CONTENT_TYPES], { parseAs: 'string', bodyLimit: limits.bodySizeMaxBytes }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    try {
      done(null, parseExactJson(text, { depthMax: limits.bodyDepthMax, stringLengthMax: limits.bodySizeMaxBytes, keysMax: 1000 }));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

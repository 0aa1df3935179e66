import type { FastifyInstance } from 'fastify';

/**
 * A `fetch` that hands each request to the app in process (`inject`): the SDK's requests, headers
 * and bodies (JSON or multipart) exactly as it would send them over a socket, without one.
 */
export function injectFetch(app: FastifyInstance): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name] = value));
    const payload = request.body === null ? undefined : Buffer.from(await request.arrayBuffer());
    const response = await app.inject({ method: request.method as 'GET', url: `${url.pathname}${url.search}`, headers, ...(payload === undefined ? {} : { payload }) });
    const answerHeaders = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value]) answerHeaders.append(name, String(one));
    }
    const withoutBody = [204, 205, 304].includes(response.statusCode);
    return new Response(withoutBody ? null : new Uint8Array(response.rawPayload), { status: response.statusCode, headers: answerHeaders });
  };
}

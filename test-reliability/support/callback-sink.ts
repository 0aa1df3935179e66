// A callback receiver on 127.0.0.1: records the Id of every callback that arrives, checks
// Ibanera's signature (base64(sha256(body + hashSecret))), and answers 200 — or, with a seeded
// probability, 503, so that the server's retries are exercised too.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Prng } from './prng.js';

export class CallbackSink {
  /** Id → how many times it arrived. */
  readonly seen = new Map<string, number>();
  requests = 0;
  refused = 0;
  badSignatures = 0;
  malformed = 0;
  hashSecret = '';

  private constructor(
    private readonly server: ReturnType<typeof createServer>,
    readonly port: number,
  ) {}

  static async start(rng: Prng, refuseProbability: number): Promise<CallbackSink> {
    let sink: CallbackSink | null = null;
    const server = createServer((req, res) => sink?.handle(req, res, rng, refuseProbability));
    server.on('clientError', (_error, socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    sink = new CallbackSink(server, (server.address() as AddressInfo).port);
    return sink;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/ibanera-hook`;
  }

  get duplicates(): number {
    let extra = 0;
    for (const n of this.seen.values()) extra += n - 1;
    return extra;
  }

  private handle(req: IncomingMessage, res: ServerResponse, rng: Prng, refuseProbability: number): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => undefined);
    req.on('end', () => {
      this.requests++;
      if (rng.chance(refuseProbability)) {
        this.refused++;
        res.writeHead(503).end();
        return;
      }
      const raw = Buffer.concat(chunks).toString('utf8');
      const expected = createHash('sha256')
        .update(raw + this.hashSecret)
        .digest('base64');
      if (req.headers['webhook-signature'] !== expected) this.badSignatures++;
      try {
        const id = (JSON.parse(raw) as { Id?: unknown }).Id;
        if (typeof id !== 'string') throw new Error('no Id');
        this.seen.set(id, (this.seen.get(id) ?? 0) + 1);
      } catch {
        this.malformed++;
      }
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

// A real HTTP receiver on 127.0.0.1 for the callback tests: records every request (method, path,
// headers, raw body) and answers from a programmable sequence (status, delay, hang, closed
// connection, huge or endless body, redirect), then a default answer once the sequence is used up.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type ReceiverAnswer =
  | { readonly kind: 'status'; readonly status: number; readonly delayMs?: number; readonly body?: string }
  /** Reads the request, then never answers (the socket stays open until the receiver closes). */
  | { readonly kind: 'hang' }
  /** Reads the request, then destroys the connection without a response. */
  | { readonly kind: 'close' }
  /** Answers `status` and streams `bytes` of body in 64 KiB chunks; `endless` leaves the body unfinished. */
  | { readonly kind: 'huge'; readonly status: number; readonly bytes: number; readonly endless?: boolean }
  | { readonly kind: 'redirect'; readonly status: number; readonly location: string };

export const answer = {
  status: (status: number, delayMs = 0): ReceiverAnswer => ({ kind: 'status', status, delayMs }),
  hang: (): ReceiverAnswer => ({ kind: 'hang' }),
  close: (): ReceiverAnswer => ({ kind: 'close' }),
  huge: (status: number, bytes: number, endless = false): ReceiverAnswer => ({ kind: 'huge', status, bytes, endless }),
  redirect: (location: string, status = 302): ReceiverAnswer => ({ kind: 'redirect', status, location }),
};

export interface ReceivedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The body exactly as it arrived (UTF-8). */
  readonly rawBody: string;
  readonly receivedAtMs: number;
  /** How the receiver answered it. */
  readonly answer: ReceiverAnswer;
}

const CHUNK = Buffer.alloc(64 * 1024, 'x');

export class CallbackReceiver {
  /** Requests whose body has fully arrived, in order of arrival. */
  readonly requests: ReceivedRequest[] = [];
  /** Requests that reached the receiver (headers seen), counted before the body is read. */
  started = 0;
  /** Per huge answer, in order: bytes handed to the socket before the client went away. */
  readonly hugeBytesWritten: number[] = [];
  private readonly queue: ReceiverAnswer[] = [];
  private fallback: ReceiverAnswer = answer.status(200);
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(): Promise<CallbackReceiver> {
    let receiver: CallbackReceiver | null = null;
    const server = createServer((req, res) => receiver?.handle(req, res));
    server.on('connection', (socket) => {
      socket.on('error', () => undefined);
      receiver?.sockets.add(socket);
      socket.on('close', () => receiver?.sockets.delete(socket));
    });
    server.on('clientError', (_error, socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    receiver = new CallbackReceiver(server, (server.address() as AddressInfo).port);
    return receiver;
  }

  url(path = '/hook'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** Answers these next, in order; afterwards the default answer. */
  enqueue(...answers: ReceiverAnswer[]): void {
    this.queue.push(...answers);
  }

  /** The answer once the queue is empty (initially 200); clears the queue. */
  answerAlways(fallback: ReceiverAnswer): void {
    this.queue.length = 0;
    this.fallback = fallback;
  }

  /** Callback `Id`s of the requests received so far (bodies that are not JSON count as null). */
  ids(): (string | null)[] {
    return this.requests.map((r) => {
      try {
        return (JSON.parse(r.rawBody) as { Id?: string }).Id ?? null;
      } catch {
        return null;
      }
    });
  }

  async waitFor(count: number, timeoutMs = 5000, what: 'requests' | 'started' = 'requests'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const have = () => (what === 'requests' ? this.requests.length : this.started);
    while (have() < count) {
      if (Date.now() > deadline) throw new Error(`receiver on ${this.port}: expected ${count} ${what}, got ${have()}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    for (const socket of this.sockets) socket.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    this.started += 1;
    res.on('error', () => undefined);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => undefined);
    req.on('end', () => {
      const planned = this.queue.shift() ?? this.fallback;
      this.requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        rawBody: Buffer.concat(chunks).toString('utf8'),
        receivedAtMs: Date.now(),
        answer: planned,
      });
      this.respond(planned, req, res);
    });
  }

  private respond(planned: ReceiverAnswer, req: IncomingMessage, res: ServerResponse): void {
    switch (planned.kind) {
      case 'status': {
        const send = () => void res.writeHead(planned.status, { 'content-type': 'text/plain' }).end(planned.body ?? 'ok');
        if ((planned.delayMs ?? 0) <= 0) return send();
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          send();
        }, planned.delayMs);
        this.timers.add(timer);
        return;
      }
      case 'hang':
        return;
      case 'close':
        req.socket.destroy();
        return;
      case 'redirect':
        res.writeHead(planned.status, { location: planned.location }).end();
        return;
      case 'huge': {
        res.writeHead(planned.status, { 'content-type': 'application/octet-stream', ...(planned.endless === true ? {} : { 'content-length': String(planned.bytes) }) });
        let left = planned.bytes;
        const index = this.hugeBytesWritten.push(0) - 1;
        const pump = () => {
          while (left > 0 && !res.destroyed) {
            const piece = left >= CHUNK.length ? CHUNK : CHUNK.subarray(0, left);
            left -= piece.length;
            this.hugeBytesWritten[index] = (this.hugeBytesWritten[index] ?? 0) + piece.length;
            if (!res.write(piece)) return void res.once('drain', pump);
          }
          if (left === 0 && planned.endless !== true && !res.destroyed) res.end();
        };
        pump();
        return;
      }
    }
  }
}

import autocannon, { type Client, type Request, type Result } from 'autocannon';
import { LOAD_SECONDS_MAX } from './load.js';
import { LatencyRecorder, type LatencySummary } from './stats.js';

/** One kind of request in the mix: reads or transfers. */
export interface MixedKindFigures {
  readonly ok: number;
  readonly failed: number;
  readonly perSecond: number;
  readonly latency: LatencySummary;
}

export interface MixedFigures {
  readonly seconds: number;
  /** All 2xx answers per second, both kinds. */
  readonly perSecond: number;
  readonly ok: number;
  readonly failed: number;
  readonly reads: MixedKindFigures;
  readonly transfers: MixedKindFigures;
}

export interface MixedOptions {
  readonly baseUrl: string;
  readonly readPath: string;
  readonly writePath: string;
  /** The reads' and the transfers' headers (each principal reads or moves its own accounts). */
  readonly readHeaders: Record<string, string>;
  readonly writeHeaders: Record<string, string>;
  /** One transfer body per connection (each on its own account pair, so no two lock the same rows). */
  readonly writeBodies: readonly string[];
  /** Reads per transfer in each connection's cycle: 4 gives 80 % reads, 20 % transfers. */
  readonly readsPerWrite: number;
  readonly connections: number;
  readonly seconds: number;
}

type Kind = 'read' | 'write';

/**
 * The mixed workload: `connections` keep-alive connections (one autocannon run), each cycling
 * through `readsPerWrite` GETs of `readPath` and one POST of its own transfer body, so the request
 * count is exactly readsPerWrite : 1. Connection i starts its cycle i steps in, so the transfers of
 * the connections do not arrive in step. Latency is recorded per kind at µs resolution: each
 * request's `onResponse` names its kind just before autocannon emits the response.
 */
export function runMixedLoad(options: MixedOptions): Promise<MixedFigures> {
  if (options.seconds > LOAD_SECONDS_MAX) throw new Error(`a load run lasts at most ${LOAD_SECONDS_MAX} s`);
  const url = new URL(options.readPath, options.baseUrl);
  if (url.hostname !== '127.0.0.1') throw new Error(`load only on 127.0.0.1, not ${url.hostname}`);
  const recorders = { read: new LatencyRecorder(), write: new LatencyRecorder() };
  const counts = { read: { ok: 0, failed: 0 }, write: { ok: 0, failed: 0 } };
  let answered: Kind = 'read';
  const tag = (kind: Kind) => () => {
    answered = kind;
  };
  const read: Request = { method: 'GET', path: options.readPath, headers: options.readHeaders, onResponse: tag('read') };
  const cycleFor = (connection: number): Request[] => {
    const write: Request = {
      method: 'POST',
      path: options.writePath,
      headers: { ...options.writeHeaders, 'content-type': 'application/json' },
      body: options.writeBodies[connection % options.writeBodies.length] ?? '',
      onResponse: tag('write'),
    };
    const cycle = [...Array.from({ length: options.readsPerWrite }, () => read), write];
    const shift = connection % cycle.length;
    return [...cycle.slice(shift), ...cycle.slice(0, shift)];
  };
  let next = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: url.toString(),
        connections: options.connections,
        pipelining: 1,
        duration: options.seconds,
        timeout: 30,
        requests: cycleFor(0),
        setupClient: (client: Client) => client.setRequests(cycleFor(next++)),
      },
      (error: Error | null, result: Result) => {
        if (error !== null) {
          reject(error);
          return;
        }
        const kind = (k: Kind): MixedKindFigures => ({ ...counts[k], perSecond: counts[k].ok / result.duration, latency: recorders[k].summary() });
        const ok = counts.read.ok + counts.write.ok;
        resolve({
          seconds: result.duration,
          perSecond: ok / result.duration,
          ok,
          failed: result.non2xx + result.errors + result.timeouts,
          reads: kind('read'),
          transfers: kind('write'),
        });
      },
    );
    instance.on('response', (_client: Client, statusCode: number, _bytes: number, responseTime: number) => {
      if (statusCode >= 200 && statusCode < 300) {
        counts[answered].ok++;
        recorders[answered].record(responseTime);
      } else {
        counts[answered].failed++;
      }
    });
  });
}

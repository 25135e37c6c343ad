import type { Summary } from '../lib/stats.js';

/** Which server a capacity run measures. */
export type ServerKind = 'bare-ws' | 'ringkit';

/** LiveKit credentials the ringkit server mints tokens with (and deletes rooms on). */
export interface BenchLiveKit {
  url: string;
  apiKey: string;
  apiSecret: string;
}

/** A Redis the ringkit server shares with other processes, and the key prefix of one run. */
export interface BenchRedis {
  url: string;
  prefix: string;
}

/** Requests the capacity server worker serves (`redis`: the ringkit server runs on Redis, not the memory store). */
export type ServerRequest =
  | { cmd: 'start'; kind: ServerKind; livekit?: BenchLiveKit; redis?: BenchRedis }
  | { cmd: 'memory' };

/** The server worker's answer to `start`. */
export interface StartedServer {
  /** Where clients connect, without the user query. */
  url: string;
  /** Whether clients must say `hello` (the ringkit protocol) or just connect. */
  protocol: boolean;
}

/** Settled memory of the server worker and the connections it holds. */
export interface ServerMemory {
  rss: number;
  heapUsed: number;
  external: number;
  connections: number;
}

/** Requests the capacity client worker serves. */
export type ClientRequest =
  | {
      cmd: 'idle';
      /** The connections are spread over these servers in turn. */
      servers: StartedServer[];
      count: number;
      concurrency: number;
    }
  | { cmd: 'close' }
  | {
      cmd: 'load';
      server: StartedServer;
      /** Where the callees connect (default: `server`); another process makes every call cross processes. */
      calleeServer?: StartedServer;
      pairs: number;
      warmupMs: number;
      measureMs: number;
      /** Each pair starts a call every `periodMs` (an offered load of pairs / period); none: back to back. */
      periodMs?: number;
    };

/** Result of opening idle connections. */
export interface IdleResult {
  connected: number;
  failed: number;
  ms: number;
}

/** Result of the call-cycle load. */
export interface LoadResult {
  pairs: number;
  /** Calls a pair starts per period, or none for back to back. */
  periodMs?: number;
  measureMs: number;
  /** Full cycles (invite, ack, accept, hangup) completed inside the measuring window. */
  cycles: number;
  cyclesPerSecond: number;
  /** Cycles that failed (a timeout or an error reply), with the first few reasons. */
  failures: number;
  failureSamples: string[];
  /** invite sent -> callee `incoming`, and -> caller `ringing`, inside the window. */
  incoming: Summary;
  ringing: Summary;
  /** invite sent -> both sides `ended` after the hangup: one whole cycle. */
  cycle: Summary;
}

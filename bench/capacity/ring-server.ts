/** A ringkit signaling server started for a benchmark. */
export interface BenchRingServer {
  /** Where clients connect (add `?user=`). */
  url: string;
  /** Open connections. */
  connections(): number;
  /** Waits as long as the server's rate limit needs between two calls of one client. */
  pace(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the ringkit signaling server for the benchmarks (filled in once `createRingServer` lands). */
export async function startRingServerForBench(): Promise<BenchRingServer> {
  throw new Error('ringkit/server has no createRingServer yet');
}

/**
 * Call statistics from WebRTC stats reports: round-trip time, send and
 * receive bitrates, incoming packet loss and the remote video resolution.
 *
 * @packageDocumentation
 */
import type { CallStats } from '../types.js';

/** One entry of an `RTCStatsReport`. */
export interface StatEntry {
  id: string;
  type: string;
  [field: string]: unknown;
}

/** Byte and packet counters of one sample, kept to compute the next sample's rates. */
export interface StatsTotals {
  at: number;
  bytesSent: number;
  bytesReceived: number;
  packetsReceived: number;
  packetsLost: number;
}

function numberField(entry: StatEntry, field: string): number | undefined {
  const value = entry[field];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function rate(bytes: number, previousBytes: number, ms: number): number | undefined {
  const delta = bytes - previousBytes;
  return ms > 0 && delta >= 0 ? Math.round((delta * 8 * 1000) / ms) : undefined;
}

/**
 * Compute one {@link CallStats} sample from the entries of the publisher and
 * subscriber stats reports, and the counters of the previous sample (rates
 * need two samples; the first one has only RTT, loss and resolution).
 *
 * @example
 * ```ts
 * const entries = [...(await pc.getStats()).values()];
 * const { stats, totals } = computeCallStats(entries, previousTotals, Date.now());
 * ```
 */
export function computeCallStats(
  entries: Iterable<StatEntry>,
  previous: StatsTotals | undefined,
  now: number,
): { stats: CallStats; totals: StatsTotals } {
  const totals: StatsTotals = { at: now, bytesSent: 0, bytesReceived: 0, packetsReceived: 0, packetsLost: 0 };
  const rtts: number[] = [];
  const remoteRtts: number[] = [];
  let resolution: CallStats['resolution'];
  for (const entry of entries) {
    if (entry.type === 'outbound-rtp') {
      totals.bytesSent += numberField(entry, 'bytesSent') ?? 0;
    } else if (entry.type === 'inbound-rtp') {
      totals.bytesReceived += numberField(entry, 'bytesReceived') ?? 0;
      totals.packetsReceived += numberField(entry, 'packetsReceived') ?? 0;
      totals.packetsLost += Math.max(0, numberField(entry, 'packetsLost') ?? 0);
      const width = numberField(entry, 'frameWidth');
      const height = numberField(entry, 'frameHeight');
      if (entry.kind === 'video' && width && height && (!resolution || width * height > resolution.width * resolution.height)) {
        resolution = { width, height };
      }
    } else if (entry.type === 'candidate-pair' && entry.state === 'succeeded' && entry.nominated !== false) {
      const rtt = numberField(entry, 'currentRoundTripTime');
      if (rtt !== undefined) rtts.push(rtt * 1000);
    } else if (entry.type === 'remote-inbound-rtp') {
      const rtt = numberField(entry, 'roundTripTime');
      if (rtt !== undefined) remoteRtts.push(rtt * 1000);
    }
  }
  const stats: CallStats = { at: now };
  const rttSamples = rtts.length > 0 ? rtts : remoteRtts;
  if (rttSamples.length > 0) stats.rttMs = Math.round(Math.min(...rttSamples));
  if (previous) {
    const ms = now - previous.at;
    const send = rate(totals.bytesSent, previous.bytesSent, ms);
    const receive = rate(totals.bytesReceived, previous.bytesReceived, ms);
    if (send !== undefined) stats.sendBitrate = send;
    if (receive !== undefined) stats.receiveBitrate = receive;
  }
  const lost = totals.packetsLost - (previous?.packetsLost ?? 0);
  const received = totals.packetsReceived - (previous?.packetsReceived ?? 0);
  if (lost >= 0 && received >= 0 && lost + received > 0) stats.packetLoss = lost / (lost + received);
  if (resolution) stats.resolution = resolution;
  return { stats, totals };
}

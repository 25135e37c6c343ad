import { DisconnectReason } from 'livekit-client';
import { describe, expect, it } from 'vitest';
import { parseCaptureOptions } from '../../src/core/media/capture-options.js';
import { audioConstraints, videoConstraints, videoResolution } from '../../src/core/media/constraints.js';
import {
  describeDeviceError,
  guessFailedKind,
  isMediaDeviceError,
  MediaSessionError,
  toMediaDeviceError,
} from '../../src/core/media/errors.js';
import { parseDeviceChoice, parseGrant, parsePrepareGrant, userOfIdentity } from '../../src/core/media/inputs.js';
import { endReasonOfDisconnect } from '../../src/core/media/livekit/disconnect.js';
import { userOfParticipant } from '../../src/core/media/livekit/participants.js';
import { computeCallStats, type StatEntry } from '../../src/core/media/livekit/stats.js';

function domError(name: string, message = ''): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

describe('toMediaDeviceError', () => {
  it.each([
    ['NotAllowedError', 'permission-denied'],
    ['SecurityError', 'permission-denied'],
    ['NotFoundError', 'not-found'],
    ['NotReadableError', 'in-use'],
    ['OverconstrainedError', 'overconstrained'],
    ['NotSupportedError', 'unsupported'],
    ['WeirdError', 'unknown'],
  ] as const)('maps %s to %s', (name, code) => {
    const error = toMediaDeviceError(domError(name), 'videoinput');
    expect(error).toEqual({ code, kind: 'videoinput', message: describeDeviceError('videoinput', code) });
    expect(isMediaDeviceError(error)).toBe(true);
  });

  it('maps non-errors to unknown and passes typed errors through', () => {
    expect(toMediaDeviceError('boom', 'audioinput').code).toBe('unknown');
    expect(toMediaDeviceError(null, 'audioinput').code).toBe('unknown');
    const typed = { code: 'in-use', kind: 'audioinput', message: 'busy' } as const;
    expect(toMediaDeviceError(typed, 'videoinput')).toBe(typed);
    const wrapped = new MediaSessionError('device', 'busy', { device: typed });
    expect(toMediaDeviceError(wrapped, 'videoinput')).toBe(typed);
  });

  it('writes messages that name the device', () => {
    expect(describeDeviceError('videoinput', 'permission-denied')).toMatch(/^Camera access was denied/);
    expect(describeDeviceError('audioinput', 'not-found')).toMatch(/microphone/);
    expect(describeDeviceError('audiooutput', 'unsupported')).toMatch(/speaker/);
  });

  it('guesses which device failed', () => {
    const overconstrained = Object.assign(domError('OverconstrainedError'), { constraint: 'width' });
    expect(guessFailedKind(overconstrained, { audio: true, video: true })).toBe('videoinput');
    expect(guessFailedKind(domError('NotFoundError', 'audio device missing'), { audio: true, video: true })).toBe('audioinput');
    expect(guessFailedKind(domError('NotAllowedError'), { audio: false, video: true })).toBe('videoinput');
    expect(guessFailedKind(domError('NotAllowedError'), { audio: true, video: true })).toBe('audioinput');
  });
});

describe('endReasonOfDisconnect', () => {
  it('maps LiveKit disconnect reasons onto end reasons', () => {
    const map = (reason?: DisconnectReason) => endReasonOfDisconnect(reason, DisconnectReason);
    expect(map(DisconnectReason.CLIENT_INITIATED)).toBe('completed');
    expect(map(DisconnectReason.ROOM_DELETED)).toBe('completed');
    expect(map(DisconnectReason.PARTICIPANT_REMOVED)).toBe('completed');
    expect(map(DisconnectReason.JOIN_FAILURE)).toBe('media-failed');
    expect(map(DisconnectReason.MEDIA_FAILURE)).toBe('media-failed');
    expect(map(DisconnectReason.DUPLICATE_IDENTITY)).toBe('media-failed');
    expect(map(DisconnectReason.SIGNAL_CLOSE)).toBe('connection-lost');
    expect(map(DisconnectReason.SERVER_SHUTDOWN)).toBe('connection-lost');
    expect(map(DisconnectReason.CONNECTION_TIMEOUT)).toBe('connection-lost');
    expect(map(DisconnectReason.UNKNOWN_REASON)).toBe('connection-lost');
    expect(map(undefined)).toBe('connection-lost');
  });
});

describe('capture constraints', () => {
  it('turns presets into constraints with a capped frame rate', () => {
    expect(videoResolution({ resolution: '480p', maxFrameRate: 15 })).toEqual({ width: 854, height: 480, frameRate: 15 });
    expect(videoResolution()).toEqual({ width: 1280, height: 720, frameRate: 30 });
    expect(videoConstraints({ resolution: '1080p', deviceIds: { videoinput: 'cam-2' } })).toEqual({
      width: { ideal: 1920 },
      height: { ideal: 1080 },
      frameRate: { ideal: 30, max: 30 },
      deviceId: { exact: 'cam-2' },
    });
    expect(audioConstraints({ noiseSuppression: false })).toEqual({
      echoCancellation: true,
      noiseSuppression: false,
      autoGainControl: true,
    });
  });

  it('refuses bad capture options with a typed error', () => {
    expect(parseCaptureOptions(undefined)).toEqual({});
    for (const bad of [{ resolution: '4k' }, { maxFrameRate: -1 }, { deviceIds: { videoinput: '' } }, { extra: 1 }, 'hd']) {
      expect(() => parseCaptureOptions(bad)).toThrow(MediaSessionError);
      try {
        parseCaptureOptions(bad);
      } catch (error) {
        expect(error).toMatchObject({ code: 'invalid-argument' });
      }
    }
  });
});

describe('inputs', () => {
  it('checks grants and device choices', () => {
    const grant = { url: 'wss://lk', token: 't', room: 'call-1', identity: 'alice#k3f9' };
    expect(parseGrant(grant)).toEqual(grant);
    expect(parsePrepareGrant({ url: 'wss://lk' })).toEqual({ url: 'wss://lk' });
    expect(() => parseGrant({ ...grant, token: '' })).toThrow(/Invalid LiveKit grant/);
    expect(() => parsePrepareGrant({})).toThrow(MediaSessionError);
    expect(parseDeviceChoice('audioinput', 'mic-1')).toEqual({ kind: 'audioinput', deviceId: 'mic-1' });
    expect(() => parseDeviceChoice('screen', 'x')).toThrow(/device kind/);
    expect(() => parseDeviceChoice('audioinput', '')).toThrow(/device id/);
  });

  it('finds the user of an identity or participant', () => {
    expect(userOfIdentity('alice#k3f9')).toBe('alice');
    expect(userOfIdentity('a#b#c')).toBe('a#b');
    expect(userOfIdentity('bob')).toBe('bob');
    expect(userOfParticipant({ identity: 'x#1', name: 'alice', attributes: {} })).toBe('alice');
    expect(userOfParticipant({ identity: 'x#1', name: 'alice', attributes: { 'ringkit.user': 'carol' } })).toBe('carol');
    expect(userOfParticipant({ identity: 'dave#2', name: '', attributes: {} })).toBe('dave');
  });
});

describe('computeCallStats', () => {
  const sample = (sent: number, received: number, packets: number, lost: number): StatEntry[] => [
    { id: 'o1', type: 'outbound-rtp', bytesSent: sent },
    { id: 'i1', type: 'inbound-rtp', kind: 'video', bytesReceived: received, packetsReceived: packets, packetsLost: lost, frameWidth: 640, frameHeight: 360 },
    { id: 'i2', type: 'inbound-rtp', kind: 'video', bytesReceived: 0, packetsReceived: 0, packetsLost: 0, frameWidth: 1280, frameHeight: 720 },
    { id: 'c1', type: 'candidate-pair', state: 'succeeded', nominated: true, currentRoundTripTime: 0.042 },
    { id: 'c2', type: 'candidate-pair', state: 'failed', currentRoundTripTime: 0.001 },
  ];

  it('reports rtt, loss and resolution at once and bitrates from the second sample', () => {
    const first = computeCallStats(sample(1000, 2000, 90, 10), undefined, 10_000);
    expect(first.stats).toEqual({ at: 10_000, rttMs: 42, packetLoss: 0.1, resolution: { width: 1280, height: 720 } });
    const second = computeCallStats(sample(1000 + 375_000, 2000 + 750_000, 190, 10), first.totals, 13_000);
    expect(second.stats.sendBitrate).toBe(1_000_000);
    expect(second.stats.receiveBitrate).toBe(2_000_000);
    expect(second.stats.packetLoss).toBe(0);
  });

  it('falls back to remote-inbound rtt and ignores counter resets', () => {
    const first = computeCallStats([{ id: 'r', type: 'remote-inbound-rtp', roundTripTime: 0.1 }, { id: 'o', type: 'outbound-rtp', bytesSent: 5000 }], undefined, 0);
    expect(first.stats.rttMs).toBe(100);
    const reset = computeCallStats([{ id: 'o', type: 'outbound-rtp', bytesSent: 10 }], first.totals, 3000);
    expect(reset.stats.sendBitrate).toBeUndefined();
    expect(reset.stats.packetLoss).toBeUndefined();
  });
});

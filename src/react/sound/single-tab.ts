/**
 * Only one tab of a user plays a sound at a time: tabs that want to play
 * announce themselves on a BroadcastChannel and the earliest one wins.
 *
 * @packageDocumentation
 */

/** Messages between tabs of one user. */
type TabMessage =
  | { type: 'want'; tab: string; since: number; playing: boolean }
  | { type: 'release'; tab: string };

function isTabMessage(value: unknown): value is TabMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  if (typeof message.tab !== 'string') return false;
  if (message.type === 'release') return true;
  return message.type === 'want' && typeof message.since === 'number' && typeof message.playing === 'boolean';
}

/** One tab's claim on the user's speaker. */
export interface SoundClaim {
  /** Stop wanting to play (and stop if this tab plays); safe to call twice. */
  release(): void;
}

/** Options of {@link claimSound}. */
export interface ClaimSoundOptions {
  /** Channel name; tabs sharing it share one speaker (ringkit uses one per user). */
  channel: string;
  /** Called with `true` when this tab should play and `false` when it should stop. */
  onChange(playing: boolean): void;
  /** How long to listen for other tabs before deciding, in ms (default 120). */
  settleMs?: number;
}

interface Peer {
  since: number;
  playing: boolean;
}

let claimCounter = 0;

/**
 * Ask to play a sound; `onChange(true)` fires in exactly one of the tabs that ask at
 * the same time (the earliest), and another takes over when that one releases.
 * Without BroadcastChannel every tab plays.
 *
 * @example
 * ```ts
 * const claim = claimSound({ channel: 'rk-sound:alice', onChange: (on) => (on ? ring.start() : ring.stop()) });
 * // later, when the call stops ringing:
 * claim.release();
 * ```
 */
export function claimSound({ channel: name, onChange, settleMs = 120 }: ClaimSoundOptions): SoundClaim {
  if (typeof BroadcastChannel === 'undefined') {
    onChange(true);
    return { release: () => onChange(false) };
  }
  claimCounter += 1;
  const tab = `${Date.now().toString(36)}-${claimCounter}-${Math.random().toString(36).slice(2, 8)}`;
  const since = Date.now();
  const peers = new Map<string, Peer>();
  const channel = new BroadcastChannel(name);
  let playing = false;
  let released = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const announce = () => channel.postMessage({ type: 'want', tab, since, playing } satisfies TabMessage);

  const decide = () => {
    timer = undefined;
    if (released || playing) return;
    const someonePlays = [...peers.values()].some((peer) => peer.playing);
    const earlier = [...peers.entries()].some(
      ([peerTab, peer]) => peer.since < since || (peer.since === since && peerTab < tab),
    );
    if (someonePlays || earlier) return;
    playing = true;
    announce();
    onChange(true);
  };

  const scheduleDecision = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(decide, settleMs);
  };

  channel.onmessage = (event: MessageEvent<unknown>) => {
    const message = event.data;
    if (released || !isTabMessage(message) || message.tab === tab) return;
    if (message.type === 'release') {
      peers.delete(message.tab);
      scheduleDecision();
      return;
    }
    const known = peers.has(message.tab);
    peers.set(message.tab, { since: message.since, playing: message.playing });
    if (!known) announce();
  };

  announce();
  scheduleDecision();

  return {
    release() {
      if (released) return;
      released = true;
      if (timer !== undefined) clearTimeout(timer);
      channel.postMessage({ type: 'release', tab } satisfies TabMessage);
      channel.close();
      if (playing) {
        playing = false;
        onChange(false);
      }
    },
  };
}

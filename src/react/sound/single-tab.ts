/**
 * Only one tab of a user plays a sound at a time: tabs that want to play
 * announce themselves on a BroadcastChannel; the one with the highest
 * priority wins, the earliest among equals.
 *
 * @packageDocumentation
 */

/** Messages between tabs of one user. */
type TabMessage =
  | { type: 'want'; tab: string; since: number; priority: number; playing: boolean }
  | { type: 'release'; tab: string };

function isTabMessage(value: unknown): value is TabMessage {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  if (typeof message.tab !== 'string') return false;
  if (message.type === 'release') return true;
  return (
    message.type === 'want' &&
    typeof message.since === 'number' &&
    typeof message.priority === 'number' &&
    typeof message.playing === 'boolean'
  );
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
  /**
   * A tab with a higher priority wins over earlier ones, and takes over from a lower one
   * that already plays (default 0); the tab in a call gets the call-waiting beep this way.
   */
  priority?: number;
}

interface Peer {
  since: number;
  priority: number;
  playing: boolean;
}

let claimCounter = 0;

/**
 * Ask to play a sound; `onChange(true)` fires in exactly one of the tabs that ask at
 * the same time (the highest `priority`, then the earliest), and another takes over
 * when that one releases. Without BroadcastChannel every tab plays.
 *
 * @example
 * ```ts
 * const claim = claimSound({ channel: 'rk-sound:alice', onChange: (on) => (on ? ring.start() : ring.stop()) });
 * // later, when the call stops ringing:
 * claim.release();
 * ```
 */
export function claimSound({ channel: name, onChange, settleMs = 120, priority = 0 }: ClaimSoundOptions): SoundClaim {
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

  const announce = () => channel.postMessage({ type: 'want', tab, since, priority, playing } satisfies TabMessage);
  /** Whether a peer wins an election against this tab. */
  const beats = (peerTab: string, peer: Peer) =>
    peer.priority > priority ||
    (peer.priority === priority && (peer.since < since || (peer.since === since && peerTab < tab)));

  const decide = () => {
    timer = undefined;
    if (released || playing) return;
    const someonePlays = [...peers.values()].some((peer) => peer.playing && peer.priority >= priority);
    const someoneBeatsMe = [...peers.entries()].some(([peerTab, peer]) => beats(peerTab, peer));
    if (someonePlays || someoneBeatsMe) return;
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
    peers.set(message.tab, { since: message.since, priority: message.priority, playing: message.playing });
    if (playing && message.priority > priority) {
      playing = false;
      onChange(false);
      announce();
      return;
    }
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

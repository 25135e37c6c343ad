/**
 * Mute, camera and hang-up buttons in the browser's video picture-in-picture window, through the
 * Media Session API (`togglemicrophone`, `togglecamera`, `hangup`).
 *
 * @packageDocumentation
 */
import type { RingClient } from '../../core/ring-client.js';

type CallAction = 'togglemicrophone' | 'togglecamera' | 'hangup';

/** Media Session members newer than TypeScript's DOM types. */
interface CallMediaSession {
  setActionHandler(action: CallAction, handler: (() => void) | null): void;
  setMicrophoneActive?(active: boolean): void;
  setCameraActive?(active: boolean): void;
}

/**
 * `navigator.mediaSession` as far as call actions go, or undefined outside browsers that have it.
 *
 * @internal
 */
export function callMediaSession(): CallMediaSession | undefined {
  if (typeof navigator === 'undefined' || !('mediaSession' in navigator)) return undefined;
  return navigator.mediaSession as unknown as CallMediaSession;
}

/** Sets a Media Session action handler; false when the browser does not know the action. @internal */
export function setAction(session: CallMediaSession, action: string, handler: (() => void) | null): boolean {
  try {
    session.setActionHandler(action as CallAction, handler);
    return true;
  } catch {
    return false; // a TypeError for actions this browser does not support
  }
}

/**
 * While bound, the browser's picture-in-picture window offers Mute, Camera and Hang up for
 * `client`'s current call (where the browser supports those Media Session actions), and shows
 * whether the microphone and camera are on. Returns the function that unbinds them.
 *
 * @example
 * ```ts
 * const unbind = bindCallActions(client);
 * ```
 *
 * @internal
 */
export function bindCallActions(client: RingClient): () => void {
  const session = callMediaSession();
  if (!session) return () => undefined;
  const fail = () => undefined; // failures are on the client's snapshot (`error`)
  const call = () => client.getSnapshot().call;
  const handlers: Record<CallAction, () => void> = {
    togglemicrophone: () => void client.setMicrophoneEnabled(!(call()?.micEnabled ?? true)).catch(fail),
    togglecamera: () => void client.setCameraEnabled(!(call()?.cameraEnabled ?? true)).catch(fail),
    hangup: () => void client.hangup().catch(fail),
  };
  const bound = (Object.keys(handlers) as CallAction[]).filter((action) => setAction(session, action, handlers[action]));
  const showState = () => {
    const current = call();
    session.setMicrophoneActive?.(current?.micEnabled ?? false);
    session.setCameraActive?.(current?.cameraEnabled ?? false);
  };
  showState();
  const unsubscribe = client.subscribe(showState);
  return () => {
    unsubscribe();
    for (const action of bound) setAction(session, action, null);
  };
}

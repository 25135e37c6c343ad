import { useCall, useCalls, useRingSelector } from 'ringkit';

/**
 * The current call's state in machine terms (status, media, end reason, calls on hold), as text and
 * `data-*` attributes: handy while developing against ringkit, and what the e2e tests read.
 *
 * @example
 * ```tsx
 * <CallState />
 * ```
 */
export function CallState() {
  const { call, status, endReason, micEnabled, cameraEnabled } = useCall();
  const connection = useRingSelector((snapshot) => snapshot.connection);
  const { held } = useCalls();
  return (
    <p
      className="demo__call-state"
      data-testid="call-state"
      data-connection={connection}
      data-status={status}
      data-media={call?.media ?? ''}
      data-end-reason={endReason ?? ''}
      data-call-id={call?.callId ?? ''}
      data-mic={call ? String(micEnabled) : ''}
      data-camera={call ? String(cameraEnabled) : ''}
      data-screen-share={call?.screenShare ?? ''}
      data-held={held.length}
    >
      <code>
        {status}
        {call ? ` · ${call.media}` : ''}
        {endReason ? ` · ${endReason}` : ''}
        {call?.screenShare === 'on' ? ' · sharing screen' : ''}
        {held.length ? ` · ${held.length} on hold` : ''}
      </code>
    </p>
  );
}

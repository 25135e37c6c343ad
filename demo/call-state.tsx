import { useCall, useRingSelector } from 'ringkit';

/**
 * The current call's state in machine terms (status, media, end reason), as text and
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
    >
      <code>
        {status}
        {call ? ` · ${call.media}` : ''}
        {endReason ? ` · ${endReason}` : ''}
        {call?.screenShare === 'on' ? ' · sharing screen' : ''}
      </code>
    </p>
  );
}

import { useClientSnapshot } from './use-client-snapshot.js';

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
  const { call, connection } = useClientSnapshot();
  const status = call?.status ?? 'idle';
  const reason = call?.endReason;
  return (
    <p
      className="demo__call-state"
      data-testid="call-state"
      data-connection={connection}
      data-status={status}
      data-media={call?.media ?? ''}
      data-end-reason={reason ?? ''}
      data-call-id={call?.callId ?? ''}
      data-mic={call ? String(call.micEnabled) : ''}
      data-camera={call ? String(call.cameraEnabled) : ''}
    >
      <code>
        {status}
        {call ? ` · ${call.media}` : ''}
        {reason ? ` · ${reason}` : ''}
      </code>
    </p>
  );
}

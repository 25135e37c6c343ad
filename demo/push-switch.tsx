import { usePushNotifications } from 'ringkit';
import type { DemoText } from './text.js';

/** The ready-made ringkit worker, told to reopen this very page (user and server included) on Accept. */
function workerUrl(): string {
  return `/ringkit-sw.js?app=${encodeURIComponent(location.href)}`;
}

/**
 * "Ring me when this tab is closed": Web Push for calls, with the reason when it cannot be turned on.
 *
 * @example
 * ```tsx
 * <PushSwitch text={text} />
 * ```
 */
export function PushSwitch({ text }: { text: DemoText }) {
  const { supported, subscribed, pending, permission, enable, disable, error } = usePushNotifications();
  if (!supported) return null;
  return (
    <label className="demo__field" data-permission={permission}>
      <input
        type="checkbox"
        checked={subscribed}
        disabled={pending}
        onChange={(event) => void (event.target.checked ? enable({ serviceWorker: workerUrl() }) : disable()).catch(() => undefined)}
      />
      {text.ringWhenClosed}
      {error ? (
        <span className="demo__problem" role="alert">
          {error.message}
        </span>
      ) : null}
    </label>
  );
}

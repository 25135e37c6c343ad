import { lazy, Suspense, useState } from 'react';
import type { DemoText } from './text.js';

/** The check's component loads only when someone opens the panel. */
const SetupCheckPanel = lazy(() => import('./setup-check-panel.js').then((panel) => ({ default: panel.SetupCheckPanel })));

/**
 * "Check my setup": ringkit's pre-call check (microphone, camera, call service, media server),
 * started when the panel opens.
 *
 * @example
 * ```tsx
 * <SetupCheck text={text} />
 * ```
 */
export function SetupCheck({ text }: { text: DemoText }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="demo__setup-check" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{text.checkSetup}</summary>
      {open ? (
        <Suspense fallback={null}>
          <SetupCheckPanel />
        </Suspense>
      ) : null}
    </details>
  );
}

'use client';
/**
 * A ref callback that registers its element with the call-focus registry of a client.
 *
 * @packageDocumentation
 */
import { useCallback, useRef, type RefCallback } from 'react';
import type { RingClient } from '../../core/ring-client.js';
import { registerCallElement } from './call-focus.js';

/**
 * A stable ref callback registering the element as a call view or call button of `client`
 * while it is mounted (React 19 ref cleanups and React 18's `null` calls alike).
 *
 * @internal
 * @example
 * ```tsx
 * const ref = useRegisteredElement<HTMLElement>(client, 'views');
 * return <section ref={ref} />;
 * ```
 */
export function useRegisteredElement<E extends HTMLElement>(client: RingClient, kind: 'views' | 'buttons'): RefCallback<E> {
  const unregister = useRef<(() => void) | null>(null);
  return useCallback(
    (element: E | null) => {
      unregister.current?.();
      unregister.current = element ? registerCallElement(client, kind, element) : null;
    },
    [client, kind],
  );
}

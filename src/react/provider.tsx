'use client';
/**
 * `<RingProvider>`: puts a ring client in React context and connects it.
 *
 * @packageDocumentation
 */
import { createContext, useEffect, type ReactNode } from 'react';
import type { RingClient } from '../core/ring-client.js';
import { RingI18nProvider } from './i18n/context.js';
import type { RingMessageOverrides } from './i18n/messages.js';

/**
 * The React context holding the ring client (null outside a provider).
 *
 * @example
 * ```tsx
 * const client = useContext(RingClientContext); // prefer useRingClient()
 * ```
 */
export const RingClientContext = createContext<RingClient | null>(null);
RingClientContext.displayName = 'RingClientContext';

/**
 * Props of {@link RingProvider}.
 *
 * @example
 * ```tsx
 * <RingProvider client={client} connect={false} locale="zh-CN">{children}</RingProvider>
 * ```
 */
export interface RingProviderProps {
  /** The client made with `createRingClient`. */
  client: RingClient;
  /** Connect the client on mount (default true). The provider never disconnects it: the app owns the client. */
  connect?: boolean;
  /** Language of every ringkit component inside (`'en'` or `'zh-CN'`); default English. */
  locale?: string;
  /** Strings to replace in every ringkit component inside. */
  messages?: RingMessageOverrides;
  /** The app. */
  children?: ReactNode;
}

/**
 * Makes a ring client available to ringkit's hooks and components, and
 * connects it once mounted (never during server rendering).
 *
 * @example
 * ```tsx
 * const client = createRingClient({ url: 'wss://calls.example.com', token: () => getToken() });
 *
 * <RingProvider client={client}>
 *   <CallButton to="bob" video />
 *   <IncomingCallModal />
 * </RingProvider>
 * ```
 */
export function RingProvider({ client, connect = true, locale, messages, children }: RingProviderProps) {
  useEffect(() => {
    if (!connect) return;
    // Connection failures are stored on the client's snapshot (`error`); nothing to rethrow here.
    client.connect().catch(() => undefined);
  }, [client, connect]);
  // Without `locale`/`messages`, an outer <RingI18nProvider> keeps its say.
  const content =
    locale === undefined && messages === undefined ? children : <RingI18nProvider locale={locale} messages={messages}>{children}</RingI18nProvider>;
  return <RingClientContext.Provider value={client}>{content}</RingClientContext.Provider>;
}

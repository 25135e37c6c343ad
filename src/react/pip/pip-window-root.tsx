/**
 * Renders the picture-in-picture content into a Document Picture-in-Picture window, as its own
 * React root. Loaded with `import()` when a window opens.
 *
 * @packageDocumentation
 */
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import type { RingClient } from '../../core/ring-client.js';
import type { RingMessageOverrides } from '../i18n/messages.js';
import { RingProvider } from '../provider.js';

/** What the window shows, and in which language. @internal */
export interface PictureInPictureContent {
  client: RingClient;
  content: ReactNode;
  locale: string | undefined;
  messages: RingMessageOverrides | undefined;
}

/**
 * Renders `content` for `client` into `container` (in the picture-in-picture window); returns
 * the function that unmounts it.
 *
 * @example
 * ```ts
 * const unmount = renderPictureInPicture(pipWindow.document.body, { client, content, locale, messages });
 * ```
 *
 * @internal
 */
export function renderPictureInPicture(container: HTMLElement, { client, content, locale, messages }: PictureInPictureContent): () => void {
  const root = createRoot(container);
  root.render(
    <RingProvider client={client} connect={false} locale={locale} messages={messages}>
      {content}
    </RingProvider>,
  );
  return () => root.unmount();
}

/**
 * Document Picture-in-Picture: a small always-on-top window that shows React content.
 *
 * @packageDocumentation
 */
import { copyStyles } from './pip-styles.js';
import { closeOnce, type PictureInPictureSession } from './pip-session.js';
import type { DocumentPictureInPictureApi } from './pip-support.js';

/** How the window opens and what it shows. @internal */
export interface DocumentWindowOptions {
  /** Initial size in CSS pixels (the browser may clamp it; the person can resize it). */
  width: number;
  height: number;
  /** The window's title and language. */
  title: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  /** Renders the content into the window's body; returns the unmount function. */
  render(container: HTMLElement): Promise<() => void>;
}

/**
 * Opens a Document Picture-in-Picture window (needs a user activation, such as a click), copies
 * the page's styles into it and renders the content. Closing it unmounts the content.
 *
 * @example
 * ```ts
 * const session = await openDocumentWindow(window.documentPictureInPicture, { width: 360, height: 270, title, lang: 'en', dir: 'ltr', render });
 * ```
 *
 * @internal
 */
export async function openDocumentWindow(api: DocumentPictureInPictureApi, options: DocumentWindowOptions): Promise<PictureInPictureSession> {
  const pipWindow = await api.requestWindow({ width: options.width, height: options.height });
  const pipDocument = pipWindow.document;
  copyStyles(document, pipDocument);
  pipDocument.title = options.title;
  pipDocument.documentElement.lang = options.lang;
  pipDocument.documentElement.dir = options.dir;
  pipDocument.body.className = 'rk-pip-body';
  let unmount: (() => void) | undefined;
  let closed = false;
  const session = closeOnce(() => {
    closed = true;
    pipWindow.removeEventListener('pagehide', session.close);
    unmount?.();
    pipWindow.close();
  });
  pipWindow.addEventListener('pagehide', session.close);
  try {
    const rendered = await options.render(pipDocument.body);
    // Closed while the content loaded: unmount at once.
    if (closed) rendered();
    else unmount = rendered;
  } catch (error) {
    session.close();
    throw error;
  }
  return session;
}

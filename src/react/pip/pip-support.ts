/**
 * Which kind of picture-in-picture this browser offers.
 *
 * @packageDocumentation
 */

/** Document Picture-in-Picture (a small always-on-top window with any content), or a `<video>` element's. */
export type PictureInPictureMode = 'document' | 'video';

/** The part of Document Picture-in-Picture ringkit uses (not yet in TypeScript's DOM types). @internal */
export interface DocumentPictureInPictureApi {
  requestWindow(options?: { width?: number; height?: number }): Promise<Window>;
  readonly window: Window | null;
}

/**
 * `window.documentPictureInPicture`, where the browser has it and this page may use it: only a
 * top-level page may (in a frame Chromium refuses with "Opening a PiP window is only allowed from a
 * top-level browsing context"). @internal
 */
export function documentPictureInPicture(): DocumentPictureInPictureApi | undefined {
  if (typeof window === 'undefined' || window.top !== window) return undefined;
  return (window as Window & { documentPictureInPicture?: DocumentPictureInPictureApi }).documentPictureInPicture ?? undefined;
}

/**
 * The picture-in-picture this browser offers: Document Picture-in-Picture where it exists
 * (Chrome and Edge 116+, top-level pages), else video element picture-in-picture (Safari, older
 * Chromium, pages in frames), else `null` (Firefox, most mobile browsers, server rendering).
 *
 * @example
 * ```ts
 * if (pictureInPictureMode() === null) hidePipButton();
 * ```
 *
 * @internal
 */
export function pictureInPictureMode(): PictureInPictureMode | null {
  if (documentPictureInPicture()) return 'document';
  if (typeof document !== 'undefined' && document.pictureInPictureEnabled === true) return 'video';
  return null;
}

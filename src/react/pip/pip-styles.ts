/**
 * Copies the page's look into a Document Picture-in-Picture window.
 *
 * @packageDocumentation
 */

/**
 * Copies every stylesheet of `from` into `to` (rules as `<style>`, cross-origin sheets whose rules
 * cannot be read as `<link>`), and the `<html>` element's `class`, `style` and `data-*` attributes
 * (theme switches such as `data-rk-theme`, CSS variables set inline).
 *
 * @example
 * ```ts
 * const pip = await documentPictureInPicture.requestWindow();
 * copyStyles(document, pip.document);
 * ```
 *
 * @internal
 */
export function copyStyles(from: Document, to: Document): void {
  for (const sheet of Array.from(from.styleSheets)) {
    let rules: string | undefined;
    try {
      rules = Array.from(sheet.cssRules, (rule) => rule.cssText).join('\n');
    } catch {
      rules = undefined; // a cross-origin sheet: link it instead
    }
    if (rules !== undefined) {
      const style = to.createElement('style');
      if (sheet.media.mediaText) style.media = sheet.media.mediaText;
      style.textContent = rules;
      to.head.append(style);
    } else if (sheet.href) {
      const link = to.createElement('link');
      link.rel = 'stylesheet';
      link.href = sheet.href;
      if (sheet.media.mediaText) link.media = sheet.media.mediaText;
      to.head.append(link);
    }
  }
  for (const attribute of Array.from(from.documentElement.attributes)) {
    const { name, value } = attribute;
    if (name === 'class' || name === 'style' || name.startsWith('data-')) to.documentElement.setAttribute(name, value);
  }
}

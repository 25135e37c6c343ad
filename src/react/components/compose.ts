/**
 * Helpers shared by the components: handler composition and class names.
 *
 * @packageDocumentation
 */
import { useCallback, type CSSProperties, type Ref, type RefCallback, type SyntheticEvent } from 'react';

/**
 * Inline style that hides text visually but keeps it for screen readers (works without the stylesheet).
 *
 * @example
 * ```tsx
 * <span style={VISUALLY_HIDDEN}>Duration 1:05</span>
 * ```
 */
export const VISUALLY_HIDDEN: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  margin: -1,
  padding: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

/**
 * Run the user's handler first, then ours unless the user called `preventDefault()`.
 *
 * @example
 * ```tsx
 * <button onClick={composeHandlers(props.onClick, () => call())} />
 * ```
 */
export function composeHandlers<E extends SyntheticEvent>(
  user: ((event: E) => void) | undefined,
  ours: (event: E) => void,
): (event: E) => void {
  return (event) => {
    user?.(event);
    if (!event.defaultPrevented) ours(event);
  };
}

/**
 * Join class names, skipping empty ones.
 *
 * @example
 * ```ts
 * classNames('rk-tile', props.className); // 'rk-tile my-tile'
 * ```
 */
export function classNames(...names: ReadonlyArray<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ');
}

/**
 * Up to two initials of a name, for avatars (`Alice Smith` gives `AS`; `王小明` gives `王`).
 *
 * @example
 * ```ts
 * initialsOf('bob marley'); // 'BM'
 * ```
 */
export function initialsOf(name: string): string {
  const words = name.trim().split(/[\s._@-]+/u).filter(Boolean);
  if (words.length === 0) return '?';
  const first = Array.from(words[0] ?? '')[0] ?? '';
  if (/\p{Script=Han}/u.test(first)) return first;
  const second = words.length > 1 ? (Array.from(words[words.length - 1] ?? '')[0] ?? '') : '';
  return (first + second).toUpperCase();
}

/**
 * One stable ref callback that sets several refs (objects or callbacks, with React 19 cleanups).
 *
 * @example
 * ```tsx
 * const ref = useMergedRef(ownRef, props.ref);
 * return <div ref={ref} />;
 * ```
 */
export function useMergedRef<T>(first: Ref<T> | undefined, second: Ref<T> | undefined): RefCallback<T> {
  return useCallback(
    (value: T | null) => {
      const refs = [first, second];
      const cleanups = refs.map((ref) => {
        if (typeof ref === 'function') return ref(value);
        if (ref) ref.current = value;
        return undefined;
      });
      return () => {
        refs.forEach((ref, index) => {
          const cleanup = cleanups[index];
          if (typeof cleanup === 'function') cleanup();
          else if (typeof ref === 'function') ref(null);
          else if (ref) ref.current = null;
        });
      };
    },
    [first, second],
  );
}

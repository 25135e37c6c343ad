import { PreCallCheck } from 'ringkit';

/**
 * The panel's content, in its own chunk: ringkit's `<PreCallCheck>`, started at once.
 *
 * @example
 * ```tsx
 * <SetupCheckPanel />
 * ```
 */
export function SetupCheckPanel() {
  return <PreCallCheck autoStart />;
}

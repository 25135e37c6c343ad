/**
 * The registry's named items. Every other top-level hook (`src/react/use-*.ts`) becomes a
 * `registry:hook` item of its own name, and files several items share go to `ringkit-utils`
 * (see `plan.ts`), so new files in `src/react` are picked up without editing this list.
 *
 * @packageDocumentation
 */

/** shadcn item types the registry uses. */
export type ItemType = 'registry:hook' | 'registry:ui' | 'registry:lib' | 'registry:component' | 'registry:item';

/** One named item: its files are paths under `src/react`. */
export interface ItemSpec {
  name: string;
  type: ItemType;
  title: string;
  description: string;
  files: readonly string[];
}

/** The item that receives files imported by more than one item. */
export const SHARED_ITEM: Omit<ItemSpec, 'files'> = {
  name: 'ringkit-utils',
  type: 'registry:lib',
  title: 'ringkit utilities',
  description: 'Helpers the ringkit hooks and components share: handler composition, names, icons, sounds.',
};

/** Items with a name or a type of their own (the hooks not listed here get an item each). */
export const NAMED_ITEMS: readonly ItemSpec[] = [
  {
    name: 'ring-provider',
    type: 'registry:component',
    title: 'RingProvider',
    description: 'Gives hooks and components the ring client (connects it on mount) and the texts: <RingProvider client={client}>.',
    files: ['provider.tsx', 'use-ring-client.ts'],
  },
  {
    name: 'ringkit-i18n',
    type: 'registry:lib',
    title: 'ringkit texts',
    description: 'Every text the components show, in English and Chinese, with formatting helpers and a locale context.',
    files: ['i18n/messages.ts', 'i18n/context.tsx'],
  },
  {
    name: 'ringkit-styles',
    type: 'registry:item',
    title: 'ringkit stylesheet',
    description: 'The default theme (rk- classes and CSS variables) as src/styles/ringkit.css; the components work unstyled without it.',
    files: ['styles.css'],
  },
  {
    name: 'pre-call-check',
    type: 'registry:ui',
    title: 'PreCallCheck',
    description: 'A pre-call check of microphone, camera, call service and media server (usePreCallCheck inside), in English and Chinese.',
    files: ['precheck/pre-call-check.tsx', 'precheck/use-pre-call-check.ts', 'precheck/pre-call-check-messages.ts'],
  },
  ...(
    [
      ['call-button', 'CallButton', 'A call button that turns into Cancel while ringing and Hang up in a call.'],
      ['incoming-call-modal', 'IncomingCallModal', 'An alert dialog that rings for incoming calls, with Accept and Decline.'],
      ['video-tile', 'VideoTile', "One participant's video, or their initials with mute and quality badges."],
      ['call-view', 'CallView', 'The current call: remote and local tiles, status, duration and controls.'],
      ['call-controls', 'CallControls', 'Mute, camera, device and hang-up controls for the current call.'],
      ['device-select', 'DeviceSelect', 'A camera, microphone or speaker picker that says why a device is unavailable.'],
      ['call-feedback', 'CallFeedback', 'A "How was the call?" prompt after a call: stars, issue chips and a comment, in English and Chinese.'],
      ['effects-menu', 'EffectsMenu', 'An Effects button with background blur/image choices and noise suppression, echo cancellation and auto gain switches, in English and Chinese.'],
    ] as const
  ).map(([name, title, description]) => ({
    name,
    type: 'registry:ui' as const,
    title,
    description,
    files: [`components/${name}.tsx`],
  })),
];

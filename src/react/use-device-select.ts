'use client';
/**
 * Headless device picker for one kind of device, as prop bags.
 *
 * @packageDocumentation
 */
import { useId, type ChangeEvent } from 'react';
import type { DeviceInfo, DeviceManager } from '../core/media/devices.js';
import type { DeviceKind, MediaDeviceError } from '../core/media/types.js';
import type { RingClient } from '../core/ring-client.js';
import { formatMessage, type RingMessages } from './i18n/messages.js';
import { useRingMessages, type LocaleProps } from './i18n/context.js';
import { shallowEqual } from './shallow-equal.js';
import { useDeviceManager } from './use-media-devices.js';
import { useStoreSelector } from './use-store-selector.js';

/** Options of {@link useDeviceSelect}. */
export interface UseDeviceSelectOptions extends LocaleProps {
  /** `audioinput` (microphones), `videoinput` (cameras) or `audiooutput` (speakers). */
  kind: DeviceKind;
  /** The device manager to list from (default: the client's, else the page's shared one). */
  manager?: DeviceManager;
  /** A client other than the provider's (it applies the choice to its live call). */
  client?: RingClient;
}

/** One `<option>`. */
export interface DeviceOption {
  value: string;
  label: string;
}

/** What {@link useDeviceSelect} returns. */
export interface DeviceSelectBag {
  /** Visible label (Microphone, Camera, Speaker). */
  label: string;
  /** The options; empty when no device of the kind is found. */
  options: readonly DeviceOption[];
  /** The words in use. */
  messages: RingMessages;
  /** The last device error of this kind, if any. */
  error: MediaDeviceError | undefined;
  /** Spread on the `<label>`. */
  labelProps: { htmlFor: string };
  /** Spread on the `<select>`. */
  selectProps: {
    id: string;
    value: string;
    disabled: boolean;
    onChange: (event: ChangeEvent<HTMLSelectElement>) => void;
    'aria-describedby'?: string;
    'data-rk-kind': DeviceKind;
  };
  /** Spread on the element showing {@link DeviceSelectBag.error}. */
  errorProps: { id: string };
}

const LIST: Record<DeviceKind, 'microphones' | 'cameras' | 'speakers'> = {
  audioinput: 'microphones',
  videoinput: 'cameras',
  audiooutput: 'speakers',
};

function optionsOf(devices: readonly DeviceInfo[], messages: RingMessages): DeviceOption[] {
  return devices.map((device, index) => ({
    value: device.deviceId,
    label: device.label || formatMessage(messages.unnamedDevice, { index: index + 1 }),
  }));
}

/**
 * Prop bags for a labelled `<select>` of the devices of one kind. Choosing one selects
 * it in the device manager: remembered for the next calls, and the ring client applies it to the live call.
 *
 * @example
 * ```tsx
 * function MicPicker() {
 *   const d = useDeviceSelect({ kind: 'audioinput' });
 *   return (
 *     <>
 *       <label {...d.labelProps}>{d.label}</label>
 *       <select {...d.selectProps}>{d.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}</select>
 *     </>
 *   );
 * }
 * ```
 */
export function useDeviceSelect(options: UseDeviceSelectOptions): DeviceSelectBag {
  const { kind, locale, messages: overrides } = options;
  const manager = useDeviceManager({ client: options.client, manager: options.manager });
  const devices = useStoreSelector(
    manager,
    (snapshot) => ({ list: snapshot[LIST[kind]], selected: snapshot.selected[kind], error: snapshot.error?.kind === kind ? snapshot.error : undefined }),
    shallowEqual,
  );
  const messages = useRingMessages({ locale, messages: overrides });
  const selectId = useId();
  const errorId = useId();
  const choices = optionsOf(devices.list, messages);
  const error = devices.error;
  const label = kind === 'audioinput' ? messages.microphone : kind === 'videoinput' ? messages.camera : messages.speaker;
  return {
    label,
    options: choices,
    messages,
    error,
    labelProps: { htmlFor: selectId },
    errorProps: { id: errorId },
    selectProps: {
      id: selectId,
      value: devices.selected ?? choices[0]?.value ?? '',
      disabled: choices.length === 0,
      'aria-describedby': error ? errorId : undefined,
      'data-rk-kind': kind,
      onChange: (event) => {
        manager.select(kind, event.currentTarget.value);
      },
    },
  };
}

'use client';
/**
 * Headless device picker for one kind of device, as prop bags.
 *
 * @packageDocumentation
 */
import { useCallback, useId, useSyncExternalStore, type ChangeEvent } from 'react';
import { getDefaultDeviceManager, type DeviceInfo, type DeviceManager } from '../core/media/devices.js';
import type { DeviceKind, MediaDeviceError } from '../core/media/types.js';
import type { RingClient } from '../core/ring-client.js';
import { formatMessage, type RingMessages } from './i18n/messages.js';
import { useRingMessages, type LocaleProps } from './i18n/context.js';
import { useMaybeRingClient } from './use-ring-client.js';

/** Options of {@link useDeviceSelect}. */
export interface UseDeviceSelectOptions extends LocaleProps {
  /** `audioinput` (microphones), `videoinput` (cameras) or `audiooutput` (speakers). */
  kind: DeviceKind;
  /** The device manager to list from (default: the page's shared one). */
  manager?: DeviceManager;
  /** A client other than the provider's (its live call switches device). */
  client?: RingClient;
  /** Called when switching the live call's device fails. */
  onError?: (error: unknown) => void;
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
 * it in the device manager (remembered for the next calls) and switches the live call.
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
  const { kind, onError, locale, messages: overrides } = options;
  const manager = options.manager ?? getDefaultDeviceManager();
  const client = useMaybeRingClient(options.client);
  const messages = useRingMessages({ locale, messages: overrides });
  const subscribe = useCallback((listener: () => void) => manager.subscribe(listener), [manager]);
  const snapshot = useSyncExternalStore(
    subscribe,
    () => manager.getSnapshot(),
    () => manager.getServerSnapshot(),
  );
  const selectId = useId();
  const errorId = useId();
  const choices = optionsOf(snapshot[LIST[kind]], messages);
  const error = snapshot.error?.kind === kind ? snapshot.error : undefined;
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
      value: snapshot.selected[kind] ?? choices[0]?.value ?? '',
      disabled: choices.length === 0,
      'aria-describedby': error ? errorId : undefined,
      'data-rk-kind': kind,
      onChange: (event) => {
        const deviceId = event.currentTarget.value;
        if (!manager.select(kind, deviceId)) return;
        const status = client?.getSnapshot().call?.status;
        if (client && (status === 'active' || status === 'reconnecting' || status === 'connecting')) {
          client.switchDevice(kind, deviceId).catch((failure: unknown) => onError?.(failure));
        }
      },
    },
  };
}

'use client';
/**
 * `<DeviceSelect>`: a labelled picker of microphones, cameras or speakers.
 *
 * @packageDocumentation
 */
import type { ChangeEvent, HTMLAttributes, Ref } from 'react';
import { useDeviceSelect, type UseDeviceSelectOptions } from '../use-device-select.js';
import { classNames, composeHandlers } from './compose.js';
import { describeDeviceErrorIn } from '../i18n/messages.js';
import { useRingLanguage } from '../i18n/context.js';

/** Props of {@link DeviceSelect}. */
export interface DeviceSelectProps
  extends UseDeviceSelectOptions,
    Omit<HTMLAttributes<HTMLDivElement>, 'children' | 'onChange'> {
  /** The `<select>`. */
  ref?: Ref<HTMLSelectElement>;
  /** Runs before the device changes; `preventDefault()` stops it. */
  onChange?: (event: ChangeEvent<HTMLSelectElement>) => void;
}

/**
 * A labelled `<select>` of the devices of one `kind`; the choice is remembered and
 * applied to the live call. Disabled with "No devices found" when there is none.
 *
 * @example
 * ```tsx
 * <DeviceSelect kind="videoinput" />
 * <DeviceSelect kind="audiooutput" locale="zh-CN" />
 * ```
 */
export function DeviceSelect(props: DeviceSelectProps) {
  const { kind, manager, client, locale, messages: overrides, onChange, className, ref, ...rest } = props;
  const bag = useDeviceSelect({ kind, manager, client, locale, messages: overrides });
  const language = useRingLanguage({ locale, messages: overrides });
  return (
    <div {...language} {...rest} data-rk-kind={kind} className={classNames('rk-device-select', className)}>
      <label {...bag.labelProps} className="rk-device-select__label">
        {bag.label}
      </label>
      <select ref={ref} {...bag.selectProps} onChange={composeHandlers(onChange, bag.selectProps.onChange)}>
        {bag.options.length === 0 ? <option value="">{bag.messages.noDevices}</option> : null}
        {bag.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {bag.error ? (
        <span {...bag.errorProps} className="rk-device-select__error" role="alert">
          {describeDeviceErrorIn(bag.messages, bag.error)}
        </span>
      ) : null}
    </div>
  );
}

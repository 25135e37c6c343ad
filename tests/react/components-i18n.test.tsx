import { cleanup, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { END_REASONS } from '../../src/protocol/protocol.js';
import { CallButton } from '../../src/react/components/call-button.js';
import { DeviceSelect } from '../../src/react/components/device-select.js';
import { builtInLocaleOf, languageOf } from '../../src/react/i18n/language.js';
import { RingProvider } from '../../src/react/provider.js';
import { createMemoryWorld } from '../helpers/client.js';
import { RingI18nProvider, useRingingMessages, useRingMessages, type LocaleProps } from '../../src/react/i18n/context.js';
import {
  describeDeviceErrorIn,
  EN_MESSAGES,
  ZH_CN_MESSAGES,
  formatMessage,
  resolveMessages,
} from '../../src/react/i18n/messages.js';
import { EN_RINGING_MESSAGES, resolveRingingMessages, ZH_CN_RINGING_MESSAGES } from '../../src/react/i18n/ringing-messages.js';

function HangUpText(props: LocaleProps) {
  const text = useRingMessages(props);
  return (
    <p>
      {text.hangUp}|{text.endReasons.busy}
    </p>
  );
}

describe('i18n', () => {
  it('has every end reason in words in both languages, all distinct', () => {
    for (const messages of [EN_MESSAGES, ZH_CN_MESSAGES]) {
      const words = END_REASONS.map((reason) => messages.endReasons[reason]);
      expect(words.every((word) => typeof word === 'string' && word.length > 0)).toBe(true);
      expect(new Set(words).size).toBe(END_REASONS.length);
    }
  });

  it('has the same keys in English and Chinese, and different words', () => {
    expect(Object.keys(ZH_CN_MESSAGES).sort()).toEqual(Object.keys(EN_MESSAGES).sort());
    expect(ZH_CN_MESSAGES.accept).not.toBe(EN_MESSAGES.accept);
  });

  it('has every device error and device name in both languages, and merges overrides key by key', () => {
    for (const messages of [EN_MESSAGES, ZH_CN_MESSAGES]) {
      for (const code of ['permission-denied', 'not-found', 'in-use', 'overconstrained', 'unsupported', 'unknown'] as const) {
        expect(describeDeviceErrorIn(messages, { code, kind: 'audioinput' })).toContain(messages.deviceNames.audioinput);
      }
    }
    const text = resolveMessages('en', { deviceNames: { videoinput: 'webcam' } });
    expect(describeDeviceErrorIn(text, { code: 'not-found', kind: 'videoinput' })).toBe('No webcam was found. Connect one and try again.');
    expect(text.deviceNames.audioinput).toBe('microphone');
  });

  it('picks Chinese for zh tags and English otherwise', () => {
    expect(resolveMessages('zh').decline).toBe(ZH_CN_MESSAGES.decline);
    expect(resolveMessages('zh-Hans').decline).toBe(ZH_CN_MESSAGES.decline);
    expect(resolveMessages('zh-CN').decline).toBe(ZH_CN_MESSAGES.decline);
    expect(resolveMessages('fr').decline).toBe(EN_MESSAGES.decline);
    expect(resolveMessages(undefined).decline).toBe(EN_MESSAGES.decline);
  });

  it('merges overrides, end reasons key by key', () => {
    const text = resolveMessages('en', { hangUp: 'End', endReasons: { busy: 'on the phone' } });
    expect(text.hangUp).toBe('End');
    expect(text.endReasons.busy).toBe('on the phone');
    expect(text.endReasons.declined).toBe(EN_MESSAGES.endReasons.declined);
  });

  it('keeps the call button and dialog words in a table of their own, the same as in the whole table', () => {
    for (const [ringing, whole] of [
      [EN_RINGING_MESSAGES, EN_MESSAGES],
      [ZH_CN_RINGING_MESSAGES, ZH_CN_MESSAGES],
    ] as const) {
      for (const [key, value] of Object.entries(ringing)) expect(whole[key as keyof typeof whole]).toEqual(value);
    }
    expect(Object.keys(ZH_CN_RINGING_MESSAGES).sort()).toEqual(Object.keys(EN_RINGING_MESSAGES).sort());
    expect(Object.keys(EN_RINGING_MESSAGES)).not.toContain('statusActive');
    const text = resolveRingingMessages('zh-CN', { accept: '接', hangUpCallLabel: undefined, statusActive: 'x' } as never);
    expect(text.accept).toBe('接');
    expect(text.hangUpCallLabel).toBe(ZH_CN_MESSAGES.hangUpCallLabel);
    expect(Object.keys(text).sort()).toEqual(Object.keys(EN_RINGING_MESSAGES).sort());
  });

  it('gives the ringing words with the same locale and overrides as useRingMessages', () => {
    function Both(props: LocaleProps) {
      const whole = useRingMessages(props);
      const ringing = useRingingMessages(props);
      return <p>{`${ringing.accept}=${whole.accept} ${ringing.decline}=${whole.decline}`}</p>;
    }
    render(
      <RingI18nProvider locale="zh-CN" messages={{ decline: '不接' }}>
        <Both />
        <Both locale="en" messages={{ accept: 'Pick up' }} />
      </RingI18nProvider>,
    );
    expect(screen.getByText(`${ZH_CN_MESSAGES.accept}=${ZH_CN_MESSAGES.accept} 不接=不接`)).toBeTruthy();
    expect(screen.getByText('Pick up=Pick up 不接=不接')).toBeTruthy();
  });

  it('fills templates and leaves unknown placeholders', () => {
    expect(formatMessage('Call {name} {missing}', { name: 'Bob' })).toBe('Call Bob {missing}');
  });

  it('takes the locale from the provider, and a prop wins over it', () => {
    render(
      <RingI18nProvider locale="zh-CN" messages={{ endReasons: { busy: '忙' } }}>
        <HangUpText />
        <HangUpText locale="en" messages={{ hangUp: 'End call' }} />
      </RingI18nProvider>,
    );
    expect(screen.getByText(`${ZH_CN_MESSAGES.hangUp}|忙`)).toBeTruthy();
    expect(screen.getByText('End call|忙')).toBeTruthy();
  });

  it('takes the locale from <RingProvider>, and leaves an outer provider alone when it has none', () => {
    const client = createMemoryWorld().client('alice').client;
    render(
      <>
        <RingProvider client={client} connect={false} locale="zh-CN" messages={{ hangUp: '挂' }}>
          <HangUpText />
        </RingProvider>
        <RingI18nProvider locale="zh-CN">
          <RingProvider client={client} connect={false}>
            <HangUpText />
          </RingProvider>
        </RingI18nProvider>
      </>,
    );
    expect(screen.getByText(`挂|${ZH_CN_MESSAGES.endReasons.busy}`)).toBeTruthy();
    expect(screen.getByText(`${ZH_CN_MESSAGES.hangUp}|${ZH_CN_MESSAGES.endReasons.busy}`)).toBeTruthy();
  });
});

describe('lang and dir of ringkit text', () => {
  it('names the language of the text shown: the locale asked for when built in or replaced, else English', () => {
    expect(languageOf(undefined, false)).toEqual({ lang: 'en', dir: 'ltr' });
    expect(languageOf('zh-CN', false)).toEqual({ lang: 'zh-CN', dir: 'ltr' });
    expect(languageOf('zh-Hans', false)).toEqual({ lang: 'zh-Hans', dir: 'ltr' });
    expect(languageOf('en-GB', false)).toEqual({ lang: 'en-GB', dir: 'ltr' });
    expect(languageOf('de', false)).toEqual({ lang: 'en', dir: 'ltr' });
    expect(languageOf('de', true)).toEqual({ lang: 'de', dir: 'ltr' });
    expect(languageOf('ar', true)).toEqual({ lang: 'ar', dir: 'rtl' });
    expect(languageOf('he-IL', true)).toEqual({ lang: 'he-IL', dir: 'rtl' });
    expect(builtInLocaleOf('zh')).toBe('zh-CN');
  });

  it('puts lang and dir on every component root that shows ringkit text, from the provider or the prop', async () => {
    const world = createMemoryWorld();
    const { client } = world.client('alice');
    render(
      <RingProvider client={client} connect={false} locale="zh-CN">
        <CallButton to="bob" ringback={false} />
        <DeviceSelect kind="audioinput" locale="en" />
      </RingProvider>,
    );
    const button = screen.getByRole('button');
    expect(button.getAttribute('lang')).toBe('zh-CN');
    expect(button.getAttribute('dir')).toBe('ltr');
    expect(screen.getByRole('combobox').closest('.rk-device-select')?.getAttribute('lang')).toBe('en');
    cleanup();
    await world.close();
  });
});

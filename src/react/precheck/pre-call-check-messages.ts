/**
 * The words of `<PreCallCheck>`, in English and Simplified Chinese. Kept
 * apart from the shared component text so a page without the check carries none of them.
 *
 * @packageDocumentation
 */
import type { PreCallCheckErrorCode, PreCallCheckStep, PreCallCheckStepStatus } from '../../core/precheck/types.js';
import { builtInLocaleOf } from '../i18n/language.js';

/** Every string `<PreCallCheck>` shows. Override any of them through its `messages` prop. */
export interface PreCallCheckMessages {
  /** Label of the check's region. */
  title: string;
  /** Button that starts a check. */
  start: string;
  /** Button that starts another check after one finished. */
  again: string;
  /** Button that stops a running check. */
  stop: string;
  /** Each step's name. */
  steps: Record<PreCallCheckStep, string>;
  /** Each status, in words. */
  statuses: Record<PreCallCheckStepStatus, string>;
  /** The outcome of the whole check. */
  summary: Record<'running' | 'passed' | 'failed' | 'cancelled', string>;
  /** Hint while the microphone listens. */
  speakHint: string;
  /** Measurements: `{level}` in percent, `{width}`×`{height}`, `{ms}`. */
  micLevel: string;
  resolution: string;
  roundTrip: string;
  connectTime: string;
  /** Why a step failed, by code; codes not listed fall back to `failedUnknown`. */
  errors: Partial<Record<PreCallCheckErrorCode, string>>;
  /** A failure without its own words. */
  failedUnknown: string;
}

/** Overrides for some strings; the tables merge key by key. */
export type PreCallCheckMessageOverrides = Partial<Omit<PreCallCheckMessages, 'steps' | 'statuses' | 'summary' | 'errors'>> & {
  steps?: Partial<PreCallCheckMessages['steps']>;
  statuses?: Partial<PreCallCheckMessages['statuses']>;
  summary?: Partial<PreCallCheckMessages['summary']>;
  errors?: Partial<PreCallCheckMessages['errors']>;
};

/** The English text of `<PreCallCheck>`. */
export const EN_PRE_CALL_CHECK_MESSAGES: PreCallCheckMessages = {
  title: 'Check your setup',
  start: 'Check my setup',
  again: 'Check again',
  stop: 'Stop',
  steps: {
    permissions: 'Camera and microphone access',
    microphone: 'Microphone',
    camera: 'Camera',
    signaling: 'Call service',
    'media-server': 'Audio and video connection',
  },
  statuses: { pending: 'Waiting', running: 'Checking…', passed: 'OK', failed: 'Problem', skipped: 'Not checked', cancelled: 'Stopped' },
  summary: {
    running: 'Checking your setup…',
    passed: 'Everything works. You are ready for calls.',
    failed: 'Some checks found a problem.',
    cancelled: 'The check was stopped.',
  },
  speakHint: 'Say something…',
  micLevel: 'Level {level}%',
  resolution: '{width}×{height}',
  roundTrip: '{ms} ms round trip',
  connectTime: 'connected in {ms} ms',
  errors: {
    'no-signal': 'Nothing arrived from this device. Check that it is not muted, covered or used by another app.',
    timeout: 'No answer in time. Check your network.',
    'not-connected': 'Not connected to the call service.',
    disconnected: 'The connection to the call service was lost.',
    unavailable: 'The call service cannot test audio and video right now.',
    'rate-limited': 'Too many checks. Try again in a minute.',
    'join-failed': 'Could not reach the audio and video server. A firewall or VPN may block it.',
    'load-failed': 'The audio and video library could not be loaded.',
  },
  failedUnknown: 'Something went wrong.',
};

/** The Simplified Chinese text of `<PreCallCheck>`. */
export const ZH_CN_PRE_CALL_CHECK_MESSAGES: PreCallCheckMessages = {
  title: '通话前检测',
  start: '开始检测',
  again: '重新检测',
  stop: '停止',
  steps: {
    permissions: '摄像头和麦克风权限',
    microphone: '麦克风',
    camera: '摄像头',
    signaling: '通话服务',
    'media-server': '音视频连接',
  },
  statuses: { pending: '等待中', running: '检测中…', passed: '正常', failed: '有问题', skipped: '未检测', cancelled: '已停止' },
  summary: {
    running: '正在检测…',
    passed: '一切正常，可以开始通话。',
    failed: '部分检测发现问题。',
    cancelled: '检测已停止。',
  },
  speakHint: '请说几句话…',
  micLevel: '音量 {level}%',
  resolution: '{width}×{height}',
  roundTrip: '往返 {ms} 毫秒',
  connectTime: '{ms} 毫秒内连接',
  errors: {
    'no-signal': '没有收到该设备的信号，请检查是否被静音、遮挡或被其他应用占用。',
    timeout: '未能及时响应，请检查网络。',
    'not-connected': '未连接到通话服务。',
    disconnected: '与通话服务的连接已断开。',
    unavailable: '通话服务暂时无法检测音视频。',
    'rate-limited': '检测次数过多，请一分钟后再试。',
    'join-failed': '无法连接音视频服务器，可能被防火墙或 VPN 拦截。',
    'load-failed': '音视频组件加载失败。',
  },
  failedUnknown: '出现问题。',
};

/**
 * The text of `<PreCallCheck>` for a locale tag (`zh`, `zh-Hans`, `zh-CN` give Chinese; anything else English), with overrides.
 *
 * @example
 * ```ts
 * resolvePreCallCheckMessages('zh-CN').start; // '开始检测'
 * ```
 */
export function resolvePreCallCheckMessages(locale: string | undefined, overrides?: PreCallCheckMessageOverrides): PreCallCheckMessages {
  const base = builtInLocaleOf(locale) === 'zh-CN' ? ZH_CN_PRE_CALL_CHECK_MESSAGES : EN_PRE_CALL_CHECK_MESSAGES;
  if (!overrides) return base;
  return {
    ...base,
    ...overrides,
    steps: { ...base.steps, ...overrides.steps },
    statuses: { ...base.statuses, ...overrides.statuses },
    summary: { ...base.summary, ...overrides.summary },
    errors: { ...base.errors, ...overrides.errors },
  };
}

import type { Language } from './settings.js';

/** The demo's own words (ringkit's components bring theirs). */
export interface DemoText {
  title: string;
  signInHeading: string;
  yourName: string;
  signIn: string;
  signOut: string;
  signedInAs: string;
  language: string;
  doNotDisturb: string;
  ringWhenClosed: string;
  contacts: string;
  addContact: string;
  add: string;
  presence: Record<'available' | 'do-not-disturb' | 'offline', string>;
  groupCall: string;
  addToCall: string;
  leaveCall: string;
  history: string;
  noHistory: string;
  missedCalls: string;
  incoming: string;
  outgoing: string;
  missed: string;
  audio: string;
  video: string;
  connection: Record<'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected', string>;
  checkSetup: string;
  /** Names of the background images the effects menu offers. */
  backgrounds: { sunset: string; shelves: string };
}

const EN: DemoText = {
  backgrounds: { sunset: 'Sunset', shelves: 'Shelves' },
  title: 'ringkit demo',
  signInHeading: 'Sign in to call someone',
  yourName: 'Your name',
  signIn: 'Sign in',
  signOut: 'Sign out',
  signedInAs: 'Signed in as',
  language: 'Language',
  doNotDisturb: 'Do not disturb',
  ringWhenClosed: 'Ring me when this tab is closed',
  contacts: 'Contacts',
  addContact: 'Add a contact',
  add: 'Add',
  presence: { available: 'available', 'do-not-disturb': 'do not disturb', offline: 'offline' },
  groupCall: 'Group video call',
  addToCall: 'Add to call',
  leaveCall: 'Leave the group call',
  history: 'Call history',
  noHistory: 'No calls yet.',
  missedCalls: 'Missed calls',
  incoming: 'incoming',
  outgoing: 'outgoing',
  missed: 'missed',
  audio: 'audio',
  video: 'video',
  connection: {
    idle: 'not connected',
    connecting: 'connecting…',
    connected: 'online',
    reconnecting: 'reconnecting…',
    disconnected: 'offline',
  },
  checkSetup: 'Check my microphone, camera and connection',
};

const ZH_CN: DemoText = {
  backgrounds: { sunset: '日落', shelves: '书架' },
  title: 'ringkit 演示',
  signInHeading: '登录后即可通话',
  yourName: '你的名字',
  signIn: '登录',
  signOut: '退出',
  signedInAs: '当前用户',
  language: '语言',
  doNotDisturb: '勿扰模式',
  ringWhenClosed: '标签页关闭时也响铃',
  contacts: '联系人',
  addContact: '添加联系人',
  add: '添加',
  presence: { available: '在线', 'do-not-disturb': '勿扰', offline: '离线' },
  groupCall: '多人视频通话',
  addToCall: '加入通话',
  leaveCall: '退出多人通话',
  history: '通话记录',
  noHistory: '暂无通话。',
  missedCalls: '未接来电',
  incoming: '呼入',
  outgoing: '呼出',
  missed: '未接',
  audio: '语音',
  video: '视频',
  connection: {
    idle: '未连接',
    connecting: '连接中…',
    connected: '在线',
    reconnecting: '重新连接中…',
    disconnected: '离线',
  },
  checkSetup: '检测麦克风、摄像头和网络',
};

/**
 * The demo's words in a language.
 *
 * @example
 * ```ts
 * textFor('zh-CN').signIn; // '登录'
 * ```
 */
export function textFor(language: Language): DemoText {
  return language === 'zh-CN' ? ZH_CN : EN;
}

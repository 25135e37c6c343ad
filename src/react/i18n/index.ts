/**
 * Built-in text (English, Simplified Chinese) and the provider that picks it.
 *
 * @packageDocumentation
 */
export * from './messages.js';
export { EN_RINGING_MESSAGES, ZH_CN_RINGING_MESSAGES, resolveRingingMessages, type RingingMessages } from './ringing-messages.js';
export * from './screen-share-messages.js';
export * from './pip-messages.js';
export * from './feedback-messages.js';
export * from './context.js';
export * from './language.js';

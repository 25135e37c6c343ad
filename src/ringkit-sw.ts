/**
 * The ready-made ringkit service worker (`ringkit/ringkit-sw.js`), for apps
 * without a worker of their own: copy it next to your pages and register it
 * (`navigator.serviceWorker.register('/ringkit-sw.js')`). It opens or focuses
 * the page it was registered from (its scope) on Accept.
 *
 * @packageDocumentation
 */
import { installRingkitServiceWorker } from './service-worker.js';

installRingkitServiceWorker();

/**
 * The ready-made ringkit service worker (`ringkit/ringkit-sw.js`), for apps
 * without a worker of their own: copy it next to your pages and register it
 * (`navigator.serviceWorker.register('/ringkit-sw.js')`). On Accept it opens or
 * focuses the page it was registered from (its scope), or the page named by
 * its `app` query parameter (`/ringkit-sw.js?app=https%3A%2F%2Fexample.com%2Fcalls`).
 *
 * @packageDocumentation
 */
import { installRingkitServiceWorker } from './service-worker.js';

const app = new URL(location.href).searchParams.get('app');
installRingkitServiceWorker(app ? { appUrl: app } : {});

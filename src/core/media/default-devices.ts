/**
 * The page's shared device manager, loaded on demand: a page waiting for calls
 * renders without the manager (listing, hot-plug, permissions, capture errors).
 * Until something subscribes, refreshes or asks for permission, a light facade
 * answers what the manager would answer before it listed anything (the
 * remembered choices, nothing listed, permission unknown) and takes choices
 * synchronously; then it loads the manager, hands it those choices and forwards
 * everything to it.
 *
 * @packageDocumentation
 */
import {
  browserMediaDevices,
  browserStorage,
  checkDeviceChoice,
  readDeviceChoices,
  rememberDeviceChoice,
  SERVER_DEVICE_SNAPSHOT,
} from './device-choices.js';
import type * as devicesModuleType from './devices.js';
import type { DeviceManager, DeviceSnapshot } from './devices.js';
import { moduleLoader, type ModuleLoader } from '../load-module.js';
import { addListener } from '../listeners.js';
import type { DeviceKind } from './types.js';

type DevicesModule = typeof devicesModuleType;

const devicesModule = moduleLoader<DevicesModule>(() => import('./devices.js'));

interface EarlySubscription {
  listener: () => void;
  stop?: () => void;
}

/**
 * A device manager with the browser's defaults whose implementation loads on first use.
 *
 * @internal
 * @example
 * ```ts
 * const devices = createDeferredDeviceManager(moduleLoader(() => import('./devices.js')));
 * devices.getSnapshot().selected; // the remembered choices, at once
 * await devices.refresh(); // loads the manager, then lists the devices
 * ```
 */
export function createDeferredDeviceManager(loader: ModuleLoader<DevicesModule>): DeviceManager {
  let manager: DeviceManager | undefined;
  let loading: Promise<DeviceManager> | undefined;
  let snapshot: DeviceSnapshot | undefined;
  const choices: Partial<Record<DeviceKind, string>> = {};
  const early = new Set<EarlySubscription>();
  const selectListeners = new Set<(kind: DeviceKind, deviceId: string) => void>();

  function adopt({ createDeviceManager }: DevicesModule): DeviceManager {
    if (manager) return manager;
    const loaded = createDeviceManager();
    for (const [kind, deviceId] of Object.entries(choices) as Array<[DeviceKind, string]>) loaded.select(kind, deviceId);
    loaded.onSelect((kind, deviceId) => {
      for (const listener of [...selectListeners]) listener(kind, deviceId);
    });
    manager = loaded;
    for (const subscription of early) subscription.stop = loaded.subscribe(subscription.listener);
    const waiting = [...early];
    early.clear();
    for (const { listener } of waiting) listener(); // the snapshot is now the manager's
    return loaded;
  }

  function load(): Promise<DeviceManager> {
    if (manager) return Promise.resolve(manager);
    loading ??= loader.load().then(adopt, (error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  }

  function getSnapshot(): DeviceSnapshot {
    if (manager) return manager.getSnapshot();
    if (!snapshot) {
      readDeviceChoices(browserStorage(), choices);
      snapshot = {
        ...SERVER_DEVICE_SNAPSHOT,
        supported: browserMediaDevices() !== null,
        selected: { ...choices },
      };
    }
    return snapshot;
  }

  return {
    getSnapshot,
    getServerSnapshot: () => SERVER_DEVICE_SNAPSHOT,
    subscribe(listener) {
      if (manager) return manager.subscribe(listener);
      const subscription: EarlySubscription = { listener };
      early.add(subscription);
      load().catch(() => undefined); // a failed load is tried again by the next use
      return () => {
        early.delete(subscription);
        subscription.stop?.();
      };
    },
    refresh: async () => (await load()).refresh(),
    requestPermission: async (kinds) => (await load()).requestPermission(kinds),
    select(kind, deviceId) {
      if (manager) return manager.select(kind, deviceId);
      checkDeviceChoice(kind, deviceId);
      getSnapshot();
      choices[kind] = deviceId;
      rememberDeviceChoice(browserStorage(), kind, deviceId);
      snapshot = undefined;
      for (const { listener } of [...early]) listener();
      for (const listener of [...selectListeners]) listener(kind, deviceId);
      return true;
    },
    onSelect: (listener) => addListener(selectListeners, listener),
  };
}

let defaultManager: DeviceManager | undefined;

/**
 * The page's shared device manager, created on first call (for hooks used
 * outside a `<RingProvider>`, pages without a ring client, and ring clients
 * created without `devices`). Its implementation loads on first use (a
 * subscription, `refresh`, `requestPermission`); until then it reports the
 * remembered choices and takes new ones.
 *
 * @example
 * ```ts
 * const { microphones } = await getDefaultDeviceManager().refresh();
 * ```
 */
export function getDefaultDeviceManager(): DeviceManager {
  return (defaultManager ??= createDeferredDeviceManager(devicesModule));
}

/**
 * Keeping the stored devices of a node true to its connections: a dead
 * node's devices enter their grace period (survivors end their calls after
 * it), and a live node drops devices whose connection it no longer holds and
 * takes back the ones it was wrongly declared dead for.
 *
 * @packageDocumentation
 */
import type { DeviceRecord } from '../stores/store.js';
import type { RedisStore } from '../stores/redis.js';

/**
 * The stored deadline of a session's grace period (the key the call service uses).
 *
 * @example
 * ```ts
 * await store.clearDeadline(graceKey(session));
 * ```
 */
export function graceKey(session: string): string {
  return `grace:${session}`;
}

/**
 * Put one device of `node` into its grace period, if it still shows as
 * connected there (on `connection`, when given), and make sure its grace deadline exists. Safe to repeat
 * and to run on several processes at once.
 *
 * @example
 * ```ts
 * await dropDevice(store, 'node-a', session, Date.now() + 15_000);
 * ```
 */
export async function dropDevice(store: RedisStore, node: string, session: string, graceUntil: number, connection?: string): Promise<boolean> {
  const updated = await store.updateDevice(session, (device) =>
    device.connected && device.node === node && (connection === undefined || device.connection === connection)
      ? { next: { ...device, connected: false, graceUntil }, result: true }
      : { result: false },
  );
  const device = updated?.value;
  if (device && !device.connected && device.node === node && device.graceUntil !== undefined) {
    // NX: never move a deadline someone else set; a deadline that already fired may come back once and then finds nothing to do.
    await store.client.zadd(store.keys.deadlines, 'NX', device.graceUntil, graceKey(session));
  }
  return updated?.result === true;
}

/**
 * Drop every device a dead node still holds (see {@link dropDevice}).
 * Returns how many entered their grace period now.
 *
 * @example
 * ```ts
 * const dropped = await dropNodeDevices(store, 'node-a', 15_000, Date.now());
 * ```
 */
export async function dropNodeDevices(store: RedisStore, node: string, graceMs: number, now: number): Promise<number> {
  let dropped = 0;
  for (const session of await store.nodeSessions(node)) {
    if (await dropDevice(store, node, session, now + graceMs)) dropped += 1;
  }
  return dropped;
}

/** What {@link reconcileNode} changed. */
export interface Reconciled {
  /** Devices shown connected whose connection this node no longer holds: now in grace. */
  dropped: number;
  /** Devices this node still holds that were put into grace (a wrong death verdict): connected again. */
  restored: number;
}

async function restore(store: RedisStore, node: string, session: string, connection: string): Promise<boolean> {
  const updated = await store.updateDevice(session, (device) => {
    if (device.connected || device.node !== node || device.connection !== connection) return { result: false };
    const { graceUntil: _graceUntil, ...rest }: DeviceRecord = device;
    return { next: { ...rest, connected: true }, result: true };
  });
  if (updated?.result) await store.clearDeadline(graceKey(session));
  return updated?.result === true;
}

/**
 * Make the store agree with the connections `node` really holds.
 * `connections` lists their ids (as in `DeviceRecord.connection`); it is read
 * after the devices, so a device written meanwhile is never taken for a lost one.
 *
 * @example
 * ```ts
 * await reconcileNode(store, node, () => service.localConnections(), service.graceMs, Date.now());
 * ```
 */
export async function reconcileNode(
  store: RedisStore,
  node: string,
  connections: () => readonly string[],
  graceMs: number,
  now: number,
): Promise<Reconciled> {
  const result: Reconciled = { dropped: 0, restored: 0 };
  const devices: DeviceRecord[] = [];
  for (const session of await store.nodeSessions(node)) {
    const device = await store.getDevice(session);
    if (device?.node === node) devices.push(device);
  }
  const held = new Set(connections());
  for (const device of devices) {
    if (!held.has(device.connection)) {
      // Also makes sure a device already in grace has its deadline (a drop cut short by a Redis outage).
      if (await dropDevice(store, node, device.session, now + graceMs, device.connection)) result.dropped += 1;
    } else if (!device.connected && (await restore(store, node, device.session, device.connection))) {
      result.restored += 1;
    }
  }
  return result;
}

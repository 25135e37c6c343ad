/**
 * Deliveries between server processes: what one node publishes on the
 * deliveries channel so every other node hands it to its own connections.
 *
 * @packageDocumentation
 */
import * as z from 'zod';
import { IdSchema, parseServerMessage, type ServerMessage } from '../../protocol/protocol.js';
import type { DeliveryTarget } from '../rules/context.js';

const DeliveryTargetSchema: z.ZodType<DeliveryTarget> = z.union([
  z.strictObject({ watchersOf: IdSchema }),
  z.strictObject({ user: IdSchema, device: IdSchema.optional(), exceptDevice: IdSchema.optional() }),
]);

const EnvelopeSchema = z.strictObject({ from: z.string(), target: z.unknown(), message: z.unknown() });

/** One delivery as it travels between nodes. */
export interface Delivery {
  /** The node that published it. */
  from: string;
  target: DeliveryTarget;
  message: ServerMessage;
}

/**
 * Encode a delivery for the channel.
 *
 * @example
 * ```ts
 * await client.publish(keys.deliveries, encodeDelivery({ from: 'n1', target: { user: 'bob' }, message }));
 * ```
 */
export function encodeDelivery(delivery: Delivery): string {
  return JSON.stringify(delivery);
}

/**
 * Decode and check a delivery from the channel; `undefined` for anything malformed.
 *
 * @example
 * ```ts
 * const delivery = decodeDelivery(text);
 * if (delivery && delivery.from !== node) service.deliverLocal(delivery.target, delivery.message);
 * ```
 */
export function decodeDelivery(text: string): Delivery | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  const envelope = EnvelopeSchema.safeParse(data);
  if (!envelope.success) return undefined;
  const target = DeliveryTargetSchema.safeParse(envelope.data.target);
  const message = parseServerMessage(envelope.data.message);
  if (!target.success || !message.ok) return undefined;
  return { from: envelope.data.from, target: target.data, message: message.message };
}

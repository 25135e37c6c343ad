/**
 * Deliveries between server processes: what one node publishes on the
 * deliveries channel so every other node hands it to its own connections.
 * A node publishes its deliveries in batches (those made in one go, before
 * it waits on anything), in the order the rules made them.
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

const DeliverySchema = z.strictObject({ target: z.unknown(), message: z.unknown() });
const EnvelopeSchema = z.strictObject({ from: z.string(), deliveries: z.array(DeliverySchema).min(1) });

/** One delivery: a message and who it is for. */
export interface Delivery {
  target: DeliveryTarget;
  message: ServerMessage;
}

/** What one node publishes at once: the deliveries it made in one go, in order. */
export interface DeliveryBatch {
  /** The node that published it. */
  from: string;
  deliveries: Delivery[];
}

/**
 * Encode a batch for the channel.
 *
 * @example
 * ```ts
 * await client.publish(keys.deliveries, encodeDeliveries({ from: 'n1', deliveries: [{ target: { user: 'bob' }, message }] }));
 * ```
 */
export function encodeDeliveries(batch: DeliveryBatch): string {
  return JSON.stringify(batch);
}

function decodeOne(raw: z.infer<typeof DeliverySchema>): Delivery | undefined {
  const target = DeliveryTargetSchema.safeParse(raw.target);
  const message = parseServerMessage(raw.message);
  return target.success && message.ok ? { target: target.data, message: message.message } : undefined;
}

/**
 * Decode and check a batch from the channel; `undefined` when anything in it is malformed.
 *
 * @example
 * ```ts
 * const batch = decodeDeliveries(text);
 * if (batch && batch.from !== node) for (const { target, message } of batch.deliveries) service.deliverLocal(target, message);
 * ```
 */
export function decodeDeliveries(text: string): DeliveryBatch | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  const envelope = EnvelopeSchema.safeParse(data);
  if (!envelope.success) return undefined;
  const deliveries: Delivery[] = [];
  for (const raw of envelope.data.deliveries) {
    const delivery = decodeOne(raw);
    if (!delivery) return undefined;
    deliveries.push(delivery);
  }
  return { from: envelope.data.from, deliveries };
}

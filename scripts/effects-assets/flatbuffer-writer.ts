/**
 * A small FlatBuffers writer that lays objects out front to back (a parent before its children,
 * so every offset points forward, as FlatBuffers requires). Enough to write TFLite metadata and a
 * new root table for an existing TFLite model; references into that model are resolved once it is appended.
 *
 * @packageDocumentation
 */

/** One field of a table: a scalar, or an offset to another object. */
export type FlatField =
  | { id: number; u8: number }
  | { id: number; u32: number }
  | { id: number; child: FlatNode };

/** An object to write. `external` points at a position inside the bytes appended by {@link writeFlatBuffer}. */
export type FlatNode =
  | { table: FlatField[] }
  | { string: string }
  | { vector: FlatNode[] }
  | { floats: number[] }
  | { bytes: Uint8Array }
  | { external: number };

class Output {
  private buffer = new Uint8Array(1024);
  length = 0;
  private view = new DataView(this.buffer.buffer);

  private grow(size: number): void {
    if (this.length + size <= this.buffer.length) return;
    const next = new Uint8Array(Math.max(this.buffer.length * 2, this.length + size));
    next.set(this.buffer);
    this.buffer = next;
    this.view = new DataView(next.buffer);
  }

  /** Pad with zeros until `(length + ahead) % alignment === 0`. */
  align(alignment: number, ahead = 0): void {
    while ((this.length + ahead) % alignment !== 0) this.u8(0);
  }

  u8(value: number): number {
    this.grow(1);
    this.view.setUint8(this.length, value);
    return this.length++;
  }

  u16(value: number): number {
    this.grow(2);
    this.view.setUint16(this.length, value, true);
    this.length += 2;
    return this.length - 2;
  }

  u32(value: number): number {
    this.grow(4);
    this.view.setUint32(this.length, value, true);
    this.length += 4;
    return this.length - 4;
  }

  i32(value: number): number {
    this.grow(4);
    this.view.setInt32(this.length, value, true);
    this.length += 4;
    return this.length - 4;
  }

  f32(value: number): void {
    this.grow(4);
    this.view.setFloat32(this.length, value, true);
    this.length += 4;
  }

  raw(bytes: Uint8Array): void {
    this.grow(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  setU32(at: number, value: number): void {
    this.view.setUint32(at, value, true);
  }

  result(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

interface Pending {
  slot: number;
  node: FlatNode;
}

function isScalar(field: FlatField): field is Extract<FlatField, { u8: number }> | Extract<FlatField, { u32: number }> {
  return !('child' in field);
}

/** Writes a table (its vtable just before it) and returns its position and the offsets still to fill. */
function writeTable(out: Output, fields: FlatField[]): { at: number; pending: Pending[] } {
  const wide = fields.filter((field) => !('u8' in field));
  const narrow = fields.filter((field): field is Extract<FlatField, { u8: number }> => 'u8' in field);
  const slots = fields.length === 0 ? 0 : Math.max(...fields.map((field) => field.id)) + 1;
  const offsets = new Array<number>(slots).fill(0);
  let size = 4;
  for (const field of wide) {
    offsets[field.id] = size;
    size += 4;
  }
  for (const field of narrow) {
    offsets[field.id] = size;
    size += 1;
  }
  const tableSize = Math.ceil(size / 4) * 4;
  const vtableSize = 4 + slots * 2;
  out.align(4, vtableSize);
  const vtable = out.u16(vtableSize);
  out.u16(tableSize);
  for (const offset of offsets) out.u16(offset);
  const at = out.i32(0);
  out.setU32(at, at - vtable);
  const pending: Pending[] = [];
  for (const field of wide) {
    const slot = out.u32(isScalar(field) && 'u32' in field ? field.u32 : 0);
    if ('child' in field) pending.push({ slot, node: field.child });
  }
  for (const field of narrow) out.u8(field.u8);
  out.align(4);
  return { at, pending };
}

/** Writes one object; returns its position and the offsets it still needs filled. */
function writeObject(out: Output, node: FlatNode): { at: number; pending: Pending[] } {
  if ('table' in node) return writeTable(out, node.table);
  if ('string' in node) {
    const text = new TextEncoder().encode(node.string);
    out.align(4);
    const at = out.u32(text.length);
    out.raw(text);
    out.u8(0);
    out.align(4);
    return { at, pending: [] };
  }
  if ('floats' in node) {
    out.align(4);
    const at = out.u32(node.floats.length);
    for (const value of node.floats) out.f32(value);
    return { at, pending: [] };
  }
  if ('bytes' in node) {
    out.align(16, 4); // the data itself starts 16-aligned, as TFLite buffers do
    const at = out.u32(node.bytes.length);
    out.raw(node.bytes);
    out.align(4);
    return { at, pending: [] };
  }
  if ('vector' in node) {
    out.align(4);
    const at = out.u32(node.vector.length);
    const pending = node.vector.map((child) => ({ slot: out.u32(0), node: child }));
    return { at, pending };
  }
  throw new Error('an external reference is not an object to write');
}

/**
 * Write a FlatBuffer whose root is `root`, with a file identifier, followed by `appended` (16-aligned);
 * `{ external: n }` nodes point at byte `n` of `appended`.
 *
 * @example
 * ```ts
 * const bytes = writeFlatBuffer({ table: [{ id: 0, child: { string: 'name' } }] }, 'M001');
 * ```
 */
export function writeFlatBuffer(root: FlatNode, identifier: string, appended?: Uint8Array): Uint8Array {
  if (identifier.length !== 4) throw new Error('a file identifier has 4 characters');
  const out = new Output();
  out.u32(0);
  out.raw(new TextEncoder().encode(identifier));
  const externals: Array<{ slot: number; target: number }> = [];
  const first = writeObject(out, root);
  out.setU32(0, first.at);
  // Depth first: each child right after its parent's other children were reserved.
  const stack: Pending[] = [...first.pending].reverse();
  while (stack.length > 0) {
    const next = stack.pop() as Pending;
    if ('external' in next.node) {
      externals.push({ slot: next.slot, target: next.node.external });
      continue;
    }
    const written = writeObject(out, next.node);
    out.setU32(next.slot, written.at - next.slot);
    stack.push(...[...written.pending].reverse());
  }
  if (externals.length > 0 && !appended) throw new Error('external references need the appended bytes');
  if (appended) {
    out.align(16);
    const start = out.length;
    out.raw(appended);
    for (const { slot, target } of externals) out.setU32(slot, start + target - slot);
  }
  return out.result();
}

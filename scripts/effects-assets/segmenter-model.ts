/**
 * Makes the selfie segmentation model that `@mediapipe/selfie_segmentation` ships usable by MediaPipe's
 * Tasks `ImageSegmenter` (which `@livekit/track-processors` runs). That model has no TFLite metadata, and
 * the Tasks API refuses float models without it ("Input tensor has type float32: it requires specifying
 * NormalizationOptions metadata to preprocess input images"). This adds exactly that metadata: an RGB image
 * input normalized from [0, 255] to [0, 1], the range the model was trained on. The weights are untouched.
 *
 * @packageDocumentation
 */
import { writeFlatBuffer, type FlatField, type FlatNode } from './flatbuffer-writer.js';

/** The TFLite `Model` table's fields, in schema order. */
const MODEL_FIELDS = ['version', 'operator_codes', 'subgraphs', 'description', 'buffers', 'metadata_buffer', 'metadata', 'signature_defs'];
const BUFFERS = 4;
const METADATA = 6;
/** The name MediaPipe looks up among a model's metadata entries. */
const METADATA_NAME = 'TFLITE_METADATA';

function modelMetadata(): FlatNode {
  const normalization: FlatNode = {
    table: [
      { id: 0, child: { floats: [0] } },
      { id: 1, child: { floats: [255] } },
    ],
  };
  const imageContent: FlatNode = {
    table: [
      { id: 0, u8: 2 }, // content_properties_type: ImageProperties
      { id: 1, child: { table: [{ id: 0, u8: 1 }] } }, // ImageProperties { color_space: RGB }
    ],
  };
  const input: FlatNode = {
    table: [
      { id: 0, child: { string: 'image' } },
      { id: 3, child: imageContent },
      // ProcessUnit { options_type: NormalizationOptions, options }
      { id: 4, child: { vector: [{ table: [{ id: 0, u8: 1 }, { id: 1, child: normalization }] }] } },
    ],
  };
  return {
    table: [
      { id: 0, child: { string: 'selfie_segmentation' } },
      { id: 3, child: { vector: [{ table: [{ id: 2, child: { vector: [input] } }] }] } },
      { id: 7, child: { string: '1.0.0' } },
    ],
  };
}

/** Reads the root table of a TFLite model: each present field as a scalar or as the position it points at. */
function readModelRoot(model: Uint8Array): Map<number, { scalar?: number; target?: number }> {
  const view = new DataView(model.buffer, model.byteOffset, model.byteLength);
  const root = view.getUint32(0, true);
  const vtable = root - view.getInt32(root, true);
  const slots = (view.getUint16(vtable, true) - 4) / 2;
  if (slots > MODEL_FIELDS.length) throw new Error(`unknown TFLite Model fields (${slots} slots)`);
  const fields = new Map<number, { scalar?: number; target?: number }>();
  for (let id = 0; id < slots; id++) {
    const offset = view.getUint16(vtable + 4 + id * 2, true);
    if (offset === 0) continue;
    const at = root + offset;
    fields.set(id, id === 0 ? { scalar: view.getUint32(at, true) } : { target: at + view.getUint32(at, true) });
  }
  return fields;
}

/** The positions a vector of offsets points at. */
function vectorTargets(model: Uint8Array, vector: number): number[] {
  const view = new DataView(model.buffer, model.byteOffset, model.byteLength);
  const count = view.getUint32(vector, true);
  return Array.from({ length: count }, (_, i) => {
    const at = vector + 4 + i * 4;
    return at + view.getUint32(at, true);
  });
}

/**
 * Whether a TFLite model already carries TFLite metadata (then it is used as it is).
 *
 * @example
 * ```ts
 * hasTfliteMetadata(readFileSync('selfie_segmenter.tflite')); // true for Google's Tasks model
 * ```
 */
export function hasTfliteMetadata(model: Uint8Array): boolean {
  const target = readModelRoot(model).get(METADATA)?.target;
  if (target === undefined) return false;
  const view = new DataView(model.buffer, model.byteOffset, model.byteLength);
  return vectorTargets(model, target).some((entry) => {
    const vtable = entry - view.getInt32(entry, true);
    const nameOffset = view.getUint16(vtable + 4, true);
    if (nameOffset === 0) return false;
    const at = entry + nameOffset;
    const name = at + view.getUint32(at, true);
    const length = view.getUint32(name, true);
    return new TextDecoder().decode(model.subarray(name + 4, name + 4 + length)) === METADATA_NAME;
  });
}

/**
 * The model with input normalization metadata added (a new root table in front of the original bytes,
 * which are kept as they are). A model that already has metadata is returned unchanged.
 *
 * @example
 * ```ts
 * const model = withSegmenterMetadata(readFileSync(require.resolve('@mediapipe/selfie_segmentation/selfie_segmentation.tflite')));
 * ```
 */
export function withSegmenterMetadata(model: Uint8Array): Uint8Array {
  if (model.length < 8 || new TextDecoder().decode(model.subarray(4, 8)) !== 'TFL3') throw new Error('not a TFLite model');
  if (hasTfliteMetadata(model)) return model;
  const fields = readModelRoot(model);
  const buffers = fields.get(BUFFERS)?.target;
  if (buffers === undefined) throw new Error('a TFLite model without buffers');
  const oldBuffers = vectorTargets(model, buffers);
  const oldMetadata = fields.get(METADATA)?.target;
  const metadataEntries: FlatNode[] = oldMetadata === undefined ? [] : vectorTargets(model, oldMetadata).map((at) => ({ external: at }));
  const metadataBuffer: FlatNode = { table: [{ id: 0, child: { bytes: writeFlatBuffer(modelMetadata(), 'M001') } }] };
  const root: FlatField[] = [];
  for (const [id, field] of fields) {
    if (id === BUFFERS || id === METADATA) continue;
    if (field.scalar !== undefined) root.push({ id, u32: field.scalar });
    else if (field.target !== undefined) root.push({ id, child: { external: field.target } });
  }
  root.push(
    { id: BUFFERS, child: { vector: [...oldBuffers.map((at): FlatNode => ({ external: at })), metadataBuffer] } },
    {
      id: METADATA,
      child: {
        vector: [
          ...metadataEntries,
          { table: [{ id: 0, child: { string: METADATA_NAME } }, { id: 1, u32: oldBuffers.length }] },
        ],
      },
    },
  );
  return writeFlatBuffer({ table: root }, 'TFL3', model);
}

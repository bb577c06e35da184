/**
 * A trained `ItemModel` as bytes and back, so the bot can store it (MongoDB, in chunks) and hand it
 * between threads without copying arrays element by element. Layout: a 4-byte magic, a 4-byte
 * header length, the JSON header (items, blend, each component's scalars and where its arrays
 * start), then the arrays themselves, each aligned to 8 bytes.
 */
import type { FactorComponent, ItemItemComponent, ItemModel, ModelComponent } from './item-model';

const MAGIC = 0x41_49_4d_31; // "AIM1"

type ArrayKind = 'i32' | 'f32' | 'f64' | 'u8';
type TypedArray = Int32Array | Float32Array | Float64Array | Uint8Array;

interface ArrayRef {
  kind: ArrayKind;
  offset: number;
  length: number;
}

type ComponentHeader =
  | (Omit<ItemItemComponent, 'matrix' | 'covered'> & {
      matrix: { indptr: ArrayRef; indices: ArrayRef; values: ArrayRef };
      covered: ArrayRef;
    })
  | (Omit<FactorComponent, 'itemFactors' | 'gram' | 'covered'> & {
      itemFactors: ArrayRef;
      gram: ArrayRef;
      covered?: ArrayRef;
    });

interface Header {
  items: string[];
  blend: ItemModel['blend'];
  components: ComponentHeader[];
}

const KIND_OF = (array: TypedArray): ArrayKind =>
  array instanceof Int32Array
    ? 'i32'
    : array instanceof Float32Array
      ? 'f32'
      : array instanceof Float64Array
        ? 'f64'
        : 'u8';

const align8 = (n: number): number => Math.ceil(n / 8) * 8;

/** The model as one byte array (typed arrays copied once, in their machine's byte order). */
export function encodeItemModel(model: ItemModel): Uint8Array {
  const arrays: TypedArray[] = [];
  let offset = 0;
  const ref = (array: TypedArray): ArrayRef => {
    const at = offset;
    arrays.push(array);
    offset = align8(offset + array.byteLength);
    return { kind: KIND_OF(array), offset: at, length: array.length };
  };
  const components = model.components.map((component): ComponentHeader => {
    if (component.kind === 'item-item') {
      const { matrix, covered, ...rest } = component;
      return {
        ...rest,
        matrix: { indptr: ref(matrix.indptr), indices: ref(matrix.indices), values: ref(matrix.values) },
        covered: ref(covered),
      };
    }
    const { itemFactors, gram, covered, ...rest } = component;
    return { ...rest, itemFactors: ref(itemFactors), gram: ref(gram), ...(covered ? { covered: ref(covered) } : {}) };
  });
  const header: Header = { items: model.items, blend: model.blend, components };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const start = align8(8 + json.byteLength);
  const bytes = new Uint8Array(start + offset);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC);
  view.setUint32(4, json.byteLength);
  bytes.set(json, 8);
  let at = start;
  for (const array of arrays) {
    bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
    at = align8(at + array.byteLength);
  }
  return bytes;
}

/** Reads bytes written by `encodeItemModel`; throws on anything else. */
export function decodeItemModel(input: Uint8Array): ItemModel {
  // A fresh, 8-aligned copy: the arrays are views into it.
  const bytes = new Uint8Array(input.byteLength);
  bytes.set(input);
  if (bytes.byteLength < 8) throw new Error('not an item model: too short');
  const view = new DataView(bytes.buffer);
  if (view.getUint32(0) !== MAGIC) throw new Error('not an item model: wrong magic');
  const length = view.getUint32(4);
  if (8 + length > bytes.byteLength) throw new Error('not an item model: header past the end');
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as Header;
  const start = align8(8 + length);
  const read = (ref: ArrayRef): TypedArray => {
    const at = start + ref.offset;
    const size = ref.length * (ref.kind === 'f64' ? 8 : ref.kind === 'u8' ? 1 : 4);
    if (at + size > bytes.byteLength) throw new Error('not an item model: array past the end');
    switch (ref.kind) {
      case 'i32':
        return new Int32Array(bytes.buffer, at, ref.length);
      case 'f32':
        return new Float32Array(bytes.buffer, at, ref.length);
      case 'f64':
        return new Float64Array(bytes.buffer, at, ref.length);
      case 'u8':
        return new Uint8Array(bytes.buffer, at, ref.length);
    }
  };
  const components = header.components.map((component): ModelComponent => {
    if (component.kind === 'item-item') {
      return {
        ...component,
        matrix: {
          indptr: read(component.matrix.indptr) as Int32Array,
          indices: read(component.matrix.indices) as Int32Array,
          values: read(component.matrix.values) as Float32Array,
        },
        covered: read(component.covered) as Uint8Array,
      };
    }
    const { covered, ...rest } = component;
    return {
      ...rest,
      itemFactors: read(component.itemFactors) as Float32Array,
      gram: read(component.gram) as Float64Array,
      ...(covered ? { covered: read(covered) as Uint8Array } : {}),
    };
  });
  return { items: header.items, blend: header.blend, components };
}

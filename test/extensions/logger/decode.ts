/**
 * A protocol-buffers decoder for the tests, driven by schemas copied field by field from
 * TensorBoard's published .proto files (event.proto, summary.proto, histogram.proto, the hparams
 * plugin's plugin_data.proto and api.proto, google/protobuf/struct.proto), and a TFRecord reader
 * that checks both masked CRC-32C of every record. Independent of the writer in src/.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- decoded messages are untyped trees, read by the tests field by field */
import { readFileSync } from 'node:fs';
import { maskedCrc32c } from '../../../src/extensions/logger/crc32c.js';

type Scalar = 'double' | 'float' | 'int64' | 'int32' | 'enum' | 'bool' | 'string' | 'bytes' | 'packed_double';
interface Field { name: string; type: Scalar | Schema; repeated?: boolean }
export interface Schema { [field: number]: Field }

// google/protobuf/struct.proto: Value { null_value = 1; number_value = 2; string_value = 3; bool_value = 4 }
const VALUE: Schema = { 1: { name: 'null_value', type: 'enum' }, 2: { name: 'number_value', type: 'double' }, 3: { name: 'string_value', type: 'string' }, 4: { name: 'bool_value', type: 'bool' } };
// histogram.proto
const HISTOGRAM: Schema = {
  1: { name: 'min', type: 'double' }, 2: { name: 'max', type: 'double' }, 3: { name: 'num', type: 'double' },
  4: { name: 'sum', type: 'double' }, 5: { name: 'sum_squares', type: 'double' },
  6: { name: 'bucket_limit', type: 'packed_double' }, 7: { name: 'bucket', type: 'packed_double' },
};
// summary.proto
const IMAGE: Schema = { 1: { name: 'height', type: 'int32' }, 2: { name: 'width', type: 'int32' }, 3: { name: 'colorspace', type: 'int32' }, 4: { name: 'encoded_image_string', type: 'bytes' } };
const PLUGIN_DATA: Schema = { 1: { name: 'plugin_name', type: 'string' }, 2: { name: 'content', type: 'bytes' } };
const METADATA: Schema = { 1: { name: 'plugin_data', type: PLUGIN_DATA }, 2: { name: 'display_name', type: 'string' }, 3: { name: 'summary_description', type: 'string' }, 4: { name: 'data_class', type: 'enum' } };
const SUMMARY_VALUE: Schema = {
  7: { name: 'node_name', type: 'string' }, 1: { name: 'tag', type: 'string' }, 9: { name: 'metadata', type: METADATA },
  2: { name: 'simple_value', type: 'float' }, 3: { name: 'obsolete_old_style_histogram', type: 'bytes' },
  4: { name: 'image', type: IMAGE }, 5: { name: 'histo', type: HISTOGRAM }, 6: { name: 'audio', type: 'bytes' }, 8: { name: 'tensor', type: 'bytes' },
};
const SUMMARY: Schema = { 1: { name: 'value', type: SUMMARY_VALUE, repeated: true } };
// event.proto
export const EVENT: Schema = {
  1: { name: 'wall_time', type: 'double' }, 2: { name: 'step', type: 'int64' }, 3: { name: 'file_version', type: 'string' },
  4: { name: 'graph_def', type: 'bytes' }, 5: { name: 'summary', type: SUMMARY }, 10: { name: 'source_metadata', type: 'bytes' },
};
// hparams plugin_data.proto and api.proto
const METRIC_NAME: Schema = { 1: { name: 'group', type: 'string' }, 2: { name: 'tag', type: 'string' } };
const EXPERIMENT: Schema = {
  6: { name: 'name', type: 'string' }, 1: { name: 'description', type: 'string' }, 2: { name: 'user', type: 'string' },
  3: { name: 'time_created_secs', type: 'double' },
  4: { name: 'hparam_infos', repeated: true, type: { 1: { name: 'name', type: 'string' }, 2: { name: 'display_name', type: 'string' }, 3: { name: 'description', type: 'string' }, 4: { name: 'type', type: 'enum' } } },
  5: { name: 'metric_infos', repeated: true, type: { 1: { name: 'name', type: METRIC_NAME }, 3: { name: 'display_name', type: 'string' }, 4: { name: 'description', type: 'string' }, 5: { name: 'dataset_type', type: 'enum' } } },
};
const SESSION_START: Schema = {
  1: { name: 'hparams', repeated: true, type: { 1: { name: 'key', type: 'string' }, 2: { name: 'value', type: VALUE } } },
  2: { name: 'model_uri', type: 'string' }, 3: { name: 'monitor_url', type: 'string' }, 4: { name: 'group_name', type: 'string' },
  5: { name: 'start_time_secs', type: 'double' },
};
const SESSION_END: Schema = { 1: { name: 'status', type: 'enum' }, 2: { name: 'end_time_secs', type: 'double' } };
export const HPARAMS_PLUGIN_DATA: Schema = {
  1: { name: 'version', type: 'int32' }, 2: { name: 'experiment', type: EXPERIMENT },
  3: { name: 'session_start_info', type: SESSION_START }, 4: { name: 'session_end_info', type: SESSION_END },
};

/** Decodes a message; unknown field numbers are an error (the writer must use the schema's). */
export function decode(bytes: Uint8Array, schema: Schema): Record<string, any> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Record<string, any> = {};
  let p = 0;
  const varint = (): bigint => {
    let r = 0n, s = 0n;
    for (;;) {
      const b = bytes[p++];
      if (b === undefined) throw new Error('truncated varint');
      r |= BigInt(b & 0x7f) << s;
      if (!(b & 0x80)) return r;
      s += 7n;
    }
  };
  while (p < bytes.length) {
    const key = Number(varint());
    const num = key >>> 3, wire = key & 7;
    const f = schema[num];
    if (!f) throw new Error(`field number ${num} is not in the schema`);
    let v: any;
    if (wire === 0) {
      const raw = varint();
      if (typeof f.type !== 'string' || !['int64', 'int32', 'enum', 'bool'].includes(f.type)) throw new Error(`${f.name}: varint for ${String(f.type)}`);
      v = f.type === 'bool' ? raw !== 0n : Number(BigInt.asIntN(64, raw));
    } else if (wire === 1) {
      if (f.type !== 'double') throw new Error(`${f.name}: fixed64 for ${String(f.type)}`);
      v = view.getFloat64(p, true); p += 8;
    } else if (wire === 5) {
      if (f.type !== 'float') throw new Error(`${f.name}: fixed32 for ${String(f.type)}`);
      v = view.getFloat32(p, true); p += 4;
    } else if (wire === 2) {
      const len = Number(varint());
      const body = bytes.subarray(p, p + len); p += len;
      if (body.length !== len) throw new Error(`${f.name}: truncated`);
      if (f.type === 'string') v = new TextDecoder('utf-8', { fatal: true }).decode(body);
      else if (f.type === 'bytes') v = body;
      else if (f.type === 'packed_double') {
        const dv = new DataView(body.buffer, body.byteOffset, body.byteLength);
        v = Array.from({ length: len / 8 }, (_, i) => dv.getFloat64(8 * i, true));
      } else if (typeof f.type === 'object') v = decode(body, f.type);
      else throw new Error(`${f.name}: length-delimited for ${f.type}`);
    } else throw new Error(`wire type ${wire}`);
    if (f.repeated) (out[f.name] ??= []).push(v);
    else out[f.name] = v;
  }
  return out;
}

/** The records of a TFRecord file, each checked against its two masked CRC-32C. */
export function readRecords(path: string): Uint8Array[] {
  const buf = new Uint8Array(readFileSync(path));
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const records: Uint8Array[] = [];
  let p = 0;
  while (p < buf.length) {
    const len = Number(view.getBigUint64(p, true));
    if (view.getUint32(p + 8, true) !== maskedCrc32c(buf.subarray(p, p + 8))) throw new Error(`record at ${p}: bad length CRC`);
    const data = buf.subarray(p + 12, p + 12 + len);
    if (view.getUint32(p + 12 + len, true) !== maskedCrc32c(data)) throw new Error(`record at ${p}: bad data CRC`);
    records.push(data);
    p += 16 + len;
  }
  return records;
}

/** The events of an event file, decoded. */
export function readEvents(path: string): Record<string, any>[] {
  return readRecords(path).map((r) => decode(r, EVENT));
}

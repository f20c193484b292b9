/**
 * The TensorBoard messages the Logger writes, encoded with the field numbers of TensorBoard's
 * published schemas: `event.proto` (Event), `summary.proto` (Summary, Summary.Value,
 * Summary.Image, SummaryMetadata), `histogram.proto` (HistogramProto) and the hparams plugin's
 * `plugin_data.proto` / `api.proto` (HParamsPluginData, Experiment, SessionStartInfo,
 * SessionEndInfo) with `google/protobuf/struct.proto` (Value). Pure functions, browser-safe.
 */
import { ProtoWriter } from './protobuf.js';

/** The version string of the first event of every file (TensorFlow's current one). */
export const FILE_VERSION = 'brain.Event:2';

/** Event { wall_time = 1; step = 2; file_version = 3 }. */
export function fileVersionEvent(wallTime: number): Uint8Array {
  return new ProtoWriter().double(1, wallTime).string(3, FILE_VERSION).finish();
}

/** Event { wall_time = 1; step = 2; summary = 5 } holding one Summary { value = 1 }. */
export function summaryEvent(wallTime: number, step: number, values: ProtoWriter[]): Uint8Array {
  const summary = new ProtoWriter();
  for (const v of values) summary.message(1, v);
  return new ProtoWriter().double(1, wallTime).int(2, step).message(5, summary).finish();
}

/** Summary.Value { tag = 1; simple_value = 2 (float32) }: what the scalars dashboard reads. */
export function scalarValue(tag: string, value: number): ProtoWriter {
  return new ProtoWriter().string(1, tag).float(2, value, true);
}

/** Summary.Value { tag = 1; image = 4: Image { height = 1; width = 2; colorspace = 3; encoded_image_string = 4 } }. */
export function imageValue(tag: string, height: number, width: number, colorspace: 1 | 3 | 4, png: Uint8Array): ProtoWriter {
  const image = new ProtoWriter().int(1, height).int(2, width).int(3, colorspace).bytes(4, png);
  return new ProtoWriter().string(1, tag).message(4, image);
}

/** The content of a HistogramProto (histogram.proto). */
export interface Histogram {
  min: number;
  max: number;
  num: number;
  sum: number;
  sumSquares: number;
  /** Right edge of each bucket (bucket i covers bucketLimit[i-1] .. bucketLimit[i]). */
  bucketLimit: number[];
  bucket: number[];
}

/** Summary.Value { tag = 1; histo = 5: HistogramProto { min = 1 … bucket = 7 } }. */
export function histogramValue(tag: string, h: Histogram): ProtoWriter {
  const histo = new ProtoWriter().double(1, h.min).double(2, h.max).double(3, h.num).double(4, h.sum)
    .double(5, h.sumSquares).packedDoubles(6, h.bucketLimit).packedDoubles(7, h.bucket);
  return new ProtoWriter().string(1, tag).message(5, histo);
}

/** A hyperparameter value: google.protobuf.Value { number_value = 2; string_value = 3; bool_value = 4 }. */
export type HParamValue = number | string | boolean;

function protoValue(v: HParamValue): ProtoWriter {
  const w = new ProtoWriter();
  if (typeof v === 'number') return w.double(2, v, true);
  if (typeof v === 'string') return w.string(3, v, true);
  return w.int(4, v, true);
}

/** hparams DataType: DATA_TYPE_STRING = 1, DATA_TYPE_BOOL = 2, DATA_TYPE_FLOAT64 = 3. */
function dataType(v: HParamValue): number {
  return typeof v === 'string' ? 1 : typeof v === 'boolean' ? 2 : 3;
}

/** The tags under which the hparams plugin looks for its three summaries. */
export const HPARAMS_TAGS = {
  experiment: '_hparams_/experiment',
  sessionStart: '_hparams_/session_start_info',
  sessionEnd: '_hparams_/session_end_info',
} as const;

/**
 * Summary.Value { tag = 1; metadata = 9: SummaryMetadata { plugin_data = 1: PluginData
 * { plugin_name = 1 ('hparams'); content = 2 (HParamsPluginData) } } }, with no value: the
 * plugin reads everything from the metadata.
 */
function hparamsValue(tag: string, field: 2 | 3 | 4, data: ProtoWriter): ProtoWriter {
  const content = new ProtoWriter().int(1, 0).message(field, data).finish();
  const pluginData = new ProtoWriter().string(1, 'hparams').bytes(2, content);
  return new ProtoWriter().string(1, tag).message(9, new ProtoWriter().message(1, pluginData));
}

/**
 * The three summaries of one hparams session, as tensorboardX's `add_hparams` writes them:
 * Experiment (hparam_infos = 4: HParamInfo { name = 1; type = 4 }, metric_infos = 5: MetricInfo
 * { name = 1: MetricName { tag = 2 } }), SessionStartInfo (hparams = 1, a map of
 * google.protobuf.Value; start_time_secs = 5) and SessionEndInfo (status = 1: STATUS_SUCCESS = 1).
 */
export function hparamsValues(params: Record<string, HParamValue>, metrics: readonly string[], wallTime: number): ProtoWriter[] {
  const experiment = new ProtoWriter();
  for (const [name, v] of Object.entries(params)) experiment.message(4, new ProtoWriter().string(1, name).int(4, dataType(v)));
  for (const m of metrics) experiment.message(5, new ProtoWriter().message(1, new ProtoWriter().string(2, m)));
  const start = new ProtoWriter();
  for (const [name, v] of Object.entries(params)) start.message(1, new ProtoWriter().string(1, name).message(2, protoValue(v)));
  start.double(5, wallTime);
  const end = new ProtoWriter().int(1, 1).double(2, wallTime);
  return [
    hparamsValue(HPARAMS_TAGS.experiment, 2, experiment),
    hparamsValue(HPARAMS_TAGS.sessionStart, 3, start),
    hparamsValue(HPARAMS_TAGS.sessionEnd, 4, end),
  ];
}

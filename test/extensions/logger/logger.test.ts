// Logger (TensorBoard event files): what is written is read back with a decoder built from
// TensorBoard's published schemas (decode.ts), every record's masked CRC-32C is checked, and
// where Debian's protoc is installed, protoc itself decodes the records with the .proto files.
import { describe, it, expect, beforeEach } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { PNG } from 'pngjs';
import { Logger } from '../../../src/extensions/logger/logger.js';
import { crc32c, maskedCrc32c } from '../../../src/extensions/logger/crc32c.js';
import { makeHistogram } from '../../../src/extensions/logger/histogram.js';
import { tracesSvg } from '../../../src/plot/index.js';
import { readEvents, readRecords, decode, HPARAMS_PLUGIN_DATA } from './decode.js';

let dir = '';
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'neurarchy-logger-')); });

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
const f32 = (x: number): number => Math.fround(x);

/** The events of the one event file in `folder`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- decoded protobuf messages: untyped trees
function eventsIn(folder: string): Record<string, any>[] {
  const files = readdirSync(folder).filter((f) => f.startsWith('events.out.tfevents.'));
  expect(files).toHaveLength(1);
  return readEvents(join(folder, files[0]));
}

describe('CRC-32C', () => {
  it('matches the published check values', () => {
    expect(crc32c(ascii('123456789'))).toBe(0xe3069283);           // the CRC catalogue's check value
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa);           // RFC 3720 B.4: 32 bytes of 0x00
    expect(crc32c(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43); // 32 bytes of 0xFF
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => i))).toBe(0x46dd794e); // 0x00..0x1F
    expect(crc32c(new Uint8Array(0))).toBe(0);
  });
  it('is masked as TensorFlow does: rotate right 15, add 0xA282EAD8', () => {
    // 0xE3069283 rotated right by 15 bits = 0x1C60D | 0x1283 << 17 = 0x2507C60D;
    // + 0xA282EAD8 = 0xC78AB0E5 (mod 2^32).
    expect(maskedCrc32c(ascii('123456789'))).toBe(0xc78ab0e5);
  });
});

describe('Logger', () => {
  it('writes the file version first, then scalars with their steps', () => {
    const logger = new Logger({ logdir: dir, experiment: 'trial1' });
    logger.addScalar('Accuracy', 0.5, 0);
    logger.addScalar('Accuracy', 0.75, 1);
    logger.addScalar('Rates/exc', -3.25, 12);
    logger.addScalar('zero', 0, 2);
    logger.close();
    expect(logger.currentLogdir).toBe(join(dir, 'trial1'));
    const file = readdirSync(join(dir, 'trial1'))[0];
    expect(file).toMatch(/^events\.out\.tfevents\.\d{10}\./);
    const events = eventsIn(join(dir, 'trial1'));
    expect(events).toHaveLength(5);
    expect(events[0].file_version).toBe('brain.Event:2');
    const now = Date.now() / 1000;
    for (const e of events) expect(Math.abs(e.wall_time - now)).toBeLessThan(60);
    const scalars = events.slice(1).map((e) => [e.step ?? 0, e.summary.value[0].tag, e.summary.value[0].simple_value]);
    expect(scalars).toEqual([[0, 'Accuracy', 0.5], [1, 'Accuracy', 0.75], [12, 'Rates/exc', -3.25], [2, 'zero', 0]]);
    // A 0 is still written (the oneof member says "this is a scalar").
    expect('simple_value' in events[4].summary.value[0]).toBe(true);
  });

  it('stores scalars as float32, as TensorBoard does', () => {
    const logger = new Logger({ logdir: dir, experiment: 'f32' });
    logger.addScalar('x', 0.1, 3);
    logger.close();
    expect(eventsIn(join(dir, 'f32'))[1].summary.value[0].simple_value).toBe(f32(0.1));
  });

  it('addScalars: one run per key, all under the same tag (tensorboardX layout)', () => {
    const logger = new Logger({ logdir: dir, experiment: 'exp' });
    logger.addScalars('Activity/pop', { first: 1.5, second: 2.5 }, 7);
    logger.close();
    const first = eventsIn(join(dir, 'exp', 'Activity_pop_first'));
    const second = eventsIn(join(dir, 'exp', 'Activity_pop_second'));
    expect(first[1].summary.value[0]).toEqual({ tag: 'Activity/pop', simple_value: 1.5 });
    expect(second[1].summary.value[0]).toEqual({ tag: 'Activity/pop', simple_value: 2.5 });
    expect(first[1].step).toBe(7);
  });

  it('addImage: grey and RGB PNGs with the pixel values given', () => {
    const logger = new Logger({ logdir: dir, experiment: 'img' });
    // 2×3 grey in [0, 1]: ×255 then truncated (numpy astype(uint8)); 1.2 is clipped to 255.
    logger.addImage('grey', [[0, 0.5, 1], [0.25, 1.2, -1]], 4);
    const rgb = Object.assign(Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1, 0.5, 0.5, 0.5]), { shape: [2, 2, 3] });
    logger.addImage('rgb', rgb, 5);
    logger.addImage('eq', [[2, 4], [6, 10]], 6, { equalize: true });
    logger.close();
    const events = eventsIn(join(dir, 'img'));
    const images = events.slice(1).map((e) => e.summary.value[0]);
    expect(images.map((v) => [v.tag, v.image.height, v.image.width, v.image.colorspace])).toEqual([
      ['grey', 2, 3, 1], ['rgb', 2, 2, 3], ['eq', 2, 2, 1]]);
    const px = (i: number): PNG => PNG.sync.read(Buffer.from(images[i].image.encoded_image_string));
    const grey = px(0);
    const colorType = (i: number): number => images[i].image.encoded_image_string[25];   // IHDR colour type
    expect(colorType(0)).toBe(0);   // greyscale
    expect([0, 1, 2, 3, 4, 5].map((k) => grey.data[4 * k])).toEqual([0, 127, 255, 63, 255, 0]);
    const col = px(1);
    expect(colorType(1)).toBe(2);   // truecolour
    expect(Array.from({ length: 4 }, (_, k) => [...col.data.subarray(4 * k, 4 * k + 3)])).toEqual([
      [255, 0, 0], [0, 255, 0], [0, 0, 255], [127, 127, 127]]);
    // (x − 2) / 8: 0, 0.25, 0.5, 1 → 0, 63, 127, 255.
    expect([0, 1, 2, 3].map((k) => px(2).data[4 * k])).toEqual([0, 63, 127, 255]);
    expect(events[3].step).toBe(6);
  });

  it('addImages: a grid of 8 per row (tensorboardX make_grid), empty cells black, equalised together or per image', () => {
    const logger = new Logger({ logdir: dir, experiment: 'imgs' });
    // Ten 1×2 grey images: image k = [k, k + 1] (values 0..10).
    const ten = Array.from({ length: 10 }, (_, k) => [[k, k + 1]]);
    logger.addImages('fields', ten, 1, { equalize: true });
    // The same as one flat array with a shape, each image rescaled on its own: [0, 1] → 0, 255.
    const flat = Object.assign(Float64Array.from(ten.flat(2)), { shape: [10, 1, 2] });
    logger.addImages('fields/each', flat, 2, { equalize: true, equalizePerImage: true });
    logger.addImages('three', [[[1, 0]], [[0, 1]], [[0.5, 0.5]]], 3);
    logger.close();
    const values = eventsIn(join(dir, 'imgs')).slice(1).map((e) => e.summary.value[0]);
    expect(values.map((v) => [v.tag, v.image.height, v.image.width, v.image.colorspace])).toEqual([
      ['fields', 2, 16, 1], ['fields/each', 2, 16, 1], ['three', 1, 6, 1]]);
    const px = (i: number): number[] => {
      const png = PNG.sync.read(Buffer.from(values[i].image.encoded_image_string));
      return Array.from({ length: png.width * png.height }, (_, k) => png.data[4 * k]);
    };
    // Row 0: images 0..7, row 1: images 8, 9 then 6 black cells; value v → trunc(255 v / 10).
    const together = px(0);
    expect(together.slice(0, 16)).toEqual(Array.from({ length: 16 }, (_, k) => Math.trunc(255 * (Math.floor(k / 2) + (k % 2)) / 10)));
    expect(together.slice(16, 20)).toEqual([204, 229, 229, 255]);
    expect(together.slice(20)).toEqual(new Array(12).fill(0));
    expect(px(1).slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, k) => (k % 2 ? 255 : 0)));
    expect(px(2)).toEqual([255, 0, 0, 255, 127, 127]);
    expect(() => new Logger({ logdir: dir, experiment: 'x' }).addImages('bad', [[[1, 2]], [[1, 2, 3]]])).toThrow(/addImages\('bad'\): image 1 is \(1, 3\), image 0 is \(1, 2\)/);
  });

  it('addHistogram: buckets as tensorboardX builds them (trimmed, one empty bucket on the left)', () => {
    const logger = new Logger({ logdir: dir, experiment: 'hist' });
    const values = [1, 2, 2, 3, 3, 3, 9];
    logger.addHistogram('w', values, 1, { bins: 4 });
    logger.close();
    const h = eventsIn(join(dir, 'hist'))[1].summary.value[0].histo;
    // Edges 1, 3, 5, 7, 9; counts [1,2,2,3 → bin0: 1,2,2 = 3; bin1: 3,3,3 = 3; bin2: 0; bin3: 9 = 1].
    // First non-empty bin is 0: an explicit empty bucket is put before it, the limits are edges 1..9.
    expect(h).toEqual({ min: 1, max: 9, num: 7, sum: 23, sum_squares: 1 + 4 + 4 + 9 + 9 + 9 + 81,
      bucket_limit: [1, 3, 5, 7, 9], bucket: [0, 3, 3, 0, 1] });
  });

  it('histogram of values that fall on bin edges, and of a single repeated value (numpy rules)', () => {
    // Range 0..10 in 10 bins: 3 and 5 sit on left edges (bins 3 and 5), 10 on the closed right end.
    const h = makeHistogram([0, 3, 5, 10, 9.999], 10);
    expect(h.bucketLimit).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(h.bucket).toEqual([0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 2]);
    // Edges k·0.1 are not exact in binary: numpy.histogram([0, 0.3, 0.7, 1], 10) gives counts
    // [1, 0, 1, 0, 0, 0, 1, 0, 0, 1] (edges[3] = 0.30000000000000004 > 0.3, so 0.3 is in bin 2).
    const tenths = makeHistogram([0, 0.3, 0.7, 1], 10);
    expect(tenths.bucket).toEqual([0, 1, 0, 1, 0, 0, 0, 1, 0, 0, 1]);
    expect(tenths.bucketLimit[3]).toBe(0.30000000000000004);
    // numpy.histogram([2, 2, 2], 2) → counts [0, 3], edges [1.5, 2, 2.5].
    const one = makeHistogram([2, 2, 2], 2);
    expect(one).toMatchObject({ min: 2, max: 2, num: 3, sum: 6, sumSquares: 12, bucketLimit: [1.5, 2, 2.5], bucket: [0, 0, 3] });
  });

  it('addParameters: the hparams plugin summaries and the metrics as scalars in a sub-run', () => {
    const logger = new Logger({ logdir: dir, experiment: 'hp' });
    logger.addParameters({ eta: 0.01, rule: 'oja', plastic: true, zero: 0 }, { accuracy: 0.93 });
    logger.close();
    const runs = readdirSync(join(dir, 'hp'));
    expect(runs).toHaveLength(1);
    expect(Math.abs(Number(runs[0]) - Date.now() / 1000)).toBeLessThan(60);
    const events = eventsIn(join(dir, 'hp', runs[0]));
    const [exp, start, end] = events.slice(1, 4).map((e) => e.summary.value[0]);
    expect([exp.tag, start.tag, end.tag]).toEqual(['_hparams_/experiment', '_hparams_/session_start_info', '_hparams_/session_end_info']);
    for (const v of [exp, start, end]) expect(v.metadata.plugin_data.plugin_name).toBe('hparams');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- decoded protobuf messages: untyped trees
    const content = (v: any): any => decode(v.metadata.plugin_data.content, HPARAMS_PLUGIN_DATA);
    expect(content(exp).experiment).toEqual({
      hparam_infos: [{ name: 'eta', type: 3 }, { name: 'rule', type: 1 }, { name: 'plastic', type: 2 }, { name: 'zero', type: 3 }],
      metric_infos: [{ name: { tag: 'accuracy' } }],
    });
    const s = content(start).session_start_info;
    expect(s.hparams).toEqual([
      { key: 'eta', value: { number_value: 0.01 } }, { key: 'rule', value: { string_value: 'oja' } },
      { key: 'plastic', value: { bool_value: true } }, { key: 'zero', value: { number_value: 0 } }]);
    expect(content(end).session_end_info.status).toBe(1);   // STATUS_SUCCESS
    expect(events[4].summary.value[0]).toEqual({ tag: 'accuracy', simple_value: f32(0.93) });
  });

  it('addFigure: an SVG plot rasterised to a PNG image summary', async ({ skip }) => {
    try { await import('@resvg/resvg-js' as string); } catch { console.log('@resvg/resvg-js not installed: addFigure test skipped'); skip(); }
    const logger = new Logger({ logdir: dir, experiment: 'fig' });
    const svg = tracesSvg({ t: [0, 1, 2, 3], values: [0, 1, 0.5, 0.2] }, { width: 200, height: 120 });
    await logger.addFigure('Activity', svg, 3);
    logger.close();
    const v = eventsIn(join(dir, 'fig'))[1].summary.value[0];
    expect([v.tag, v.image.width, v.image.height, v.image.colorspace]).toEqual(['Activity', 200, 120, 4]);
    const png = PNG.sync.read(Buffer.from(v.image.encoded_image_string));
    expect([png.width, png.height]).toEqual([200, 120]);
    // Not a blank image: the trace and the axes are drawn.
    const distinct = new Set<number>();
    for (let i = 0; i < png.data.length; i += 4) distinct.add(png.data.readUInt32BE(i));
    expect(distinct.size).toBeGreaterThan(3);
  });

  it('default run folder: the date and the host name, as ANNarchy', () => {
    const logger = new Logger({ logdir: dir });
    logger.addScalar('x', 1);
    logger.close();
    expect(readdirSync(dir)[0]).toMatch(/^[A-Z][a-z]{2}\d{2}_\d{2}-\d{2}-\d{2}_.+$/);
  });

  it('reusing an experiment appends a new file; the records stay readable', () => {
    for (const v of [1, 2]) {
      const logger = new Logger({ logdir: dir, experiment: 'again' });
      logger.addScalar('x', v, v);
      logger.close();
    }
    const files = readdirSync(join(dir, 'again'));
    expect(files).toHaveLength(2);
    const values = files.flatMap((f) => readEvents(join(dir, 'again', f)).slice(1).map((e) => e.summary.value[0].simple_value));
    expect(values.sort()).toEqual([1, 2]);
  });

  it('a corrupted byte is caught by the record CRC (the reader in the test is not lenient)', () => {
    const logger = new Logger({ logdir: dir, experiment: 'crc' });
    logger.addScalar('x', 1, 1);
    logger.close();
    const path = logger.files[0];
    const bytes = readFileSync(path);
    bytes[bytes.length - 6] ^= 1;
    writeFileSync(path, bytes);
    expect(() => readRecords(path)).toThrow(/bad data CRC/);
  });

  it('errors name the method, the tag and the fix', async () => {
    expect(() => new Logger({ logdir: dir, experimnet: 'x' } as never)).toThrow(/new Logger\(\).*experimnet.*experiment/);
    const logger = new Logger({ logdir: dir, experiment: 'err' });
    expect(() => logger.addScalar('', 1)).toThrow(/addScalar.*tag/);
    expect(() => logger.addScalar('a', '1' as never)).toThrow(/addScalar\('a'\).*number/);
    expect(() => logger.addScalar('a', 1, -1)).toThrow(/step must be a whole number/);
    expect(() => logger.addImage('im', [[[1, 2]]] as never)).toThrow(/addImage\('im'\).*\(height, width\) or \(height, width, 3\).*\(1, 1, 2\)/);
    expect(() => logger.addImage('im', [[NaN]])).toThrow(/finite/);
    expect(() => logger.addHistogram('h', [])).toThrow(/non-empty/);
    expect(() => logger.addHistogram('h', [1, Infinity])).toThrow(/value 1/);
    expect(() => logger.addHistogram('h', [1], 0, { bins: 0 })).toThrow(/bins/);
    expect(() => logger.addScalars('s', {})).toThrow(/addScalars\('s'\)/);
    expect(() => logger.addParameters({ a: [1] as never }, {})).toThrow(/parameter 'a'/);
    await expect(logger.addFigure('f', '<div/>')).rejects.toThrow(/addFigure\('f'\).*SVG/);
    logger.close();
    expect(() => logger.addScalar('a', 1)).toThrow(/closed/);
  });
});

// protoc, Google's protocol-buffers compiler (Debian: protobuf-compiler), decodes our records with
// the .proto files: an implementation independent of ours reading what TensorBoard would read.
const protoc = (() => { try { execFileSync('protoc', ['--version']); return true; } catch { return false; } })();
describe('read by protoc', () => {
  const protoDir = join(import.meta.dirname, 'proto');
  const protocDecode = (type: string, file: string, bytes: Uint8Array): string =>
    execFileSync('protoc', ['-I', protoDir, `--decode=${type}`, file], { input: bytes }).toString();

  it('decodes every record as tensorboard.Event', ({ skip }) => {
    if (!protoc) { console.log('protoc not installed (apt-get install protobuf-compiler): protoc check skipped'); skip(); }
    const logger = new Logger({ logdir: dir, experiment: 'protoc' });
    logger.addScalar('Accuracy', 0.5, 3);
    logger.addHistogram('w', [1, 2, 2, 3, 3, 3, 9], 4, { bins: 4 });
    logger.addImage('img', [[0, 1]], 5);
    logger.addParameters({ eta: 0.25, rule: 'oja' }, { accuracy: 0.5 });
    logger.close();
    const records = readRecords(logger.files[0]).map((r) => protocDecode('tensorboard.Event', 'event.proto', r));
    expect(records[0]).toMatch(/file_version: "brain.Event:2"/);
    expect(records[1]).toMatch(/step: 3\nsummary \{\n  value \{\n    tag: "Accuracy"\n    simple_value: 0.5\n  \}\n\}/);
    expect(records[2]).toMatch(/step: 4/);
    expect(records[2]).toContain('bucket_limit: 1\n      bucket_limit: 3\n      bucket_limit: 5\n      bucket_limit: 7\n      bucket_limit: 9');
    expect(records[2]).toContain('bucket: 0\n      bucket: 3\n      bucket: 3\n      bucket: 0\n      bucket: 1');
    expect(records[3]).toMatch(/height: 1\n\s+width: 2\n\s+colorspace: 1\n\s+encoded_image_string: "\\211PNG/);
    const hp = readRecords(logger.files[1]).map((r) => protocDecode('tensorboard.Event', 'event.proto', r));
    expect(hp[1]).toMatch(/tag: "_hparams_\/experiment"\n\s+metadata \{\n\s+plugin_data \{\n\s+plugin_name: "hparams"/);
    // The plugin content, decoded as tensorboard.hparams.HParamsPluginData.
    const start = decode(readRecords(logger.files[1])[2], { 5: { name: 'summary', type: { 1: { name: 'value', type: { 1: { name: 'tag', type: 'string' }, 9: { name: 'metadata', type: { 1: { name: 'plugin_data', type: { 1: { name: 'plugin_name', type: 'string' }, 2: { name: 'content', type: 'bytes' } } } } } } } } }, 1: { name: 'wall_time', type: 'double' }, 2: { name: 'step', type: 'int64' } });
    const text = protocDecode('tensorboard.hparams.HParamsPluginData', 'hparams.proto', start.summary.value.metadata.plugin_data.content);
    expect(text).toMatch(/session_start_info \{\n  hparams \{\n    key: "eta"\n    value \{\n      number_value: 0.25\n    \}\n  \}\n  hparams \{\n    key: "rule"\n    value \{\n      string_value: "oja"/);
    expect(existsSync(logger.files[1])).toBe(true);
  });
});

// examples/logger.ts: what it logs is in the event files, value for value.
import { it, expect } from 'vitest';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { run } from '../../../examples/logger.js';
import { readEvents, decode, HPARAMS_PLUGIN_DATA } from './decode.js';

it('examples/logger.ts logs each trial\'s rates, the weights and the parameters', async () => {
  const logdir = mkdtempSync(join(tmpdir(), 'neurarchy-logger-example-'));
  const s = await run({ trials: 20, logdir, experiment: 'bars' });
  expect(s.folder).toBe(join(logdir, 'bars'));
  expect(s.files).toHaveLength(6);
  const main = readEvents(s.files[0]).slice(1).map((e) => ({ step: e.step ?? 0, ...e.summary.value[0] }));
  const scalars = main.filter((v) => v.tag === 'activity/mean rate');
  expect(scalars.map((v) => v.step)).toEqual(Array.from({ length: 20 }, (_, k) => k));
  expect(scalars.map((v) => v.simple_value)).toEqual(s.meanRates.map((r) => Math.fround(r)));
  // The network is active and not saturated.
  expect(Math.max(...s.meanRates)).toBeGreaterThan(0.05);
  const hist = main.filter((v) => v.tag === 'weights');
  expect(hist.map((v) => v.step)).toEqual([9, 19]);
  expect(hist[1].histo.num).toBe(4 * 64);
  expect(hist[1].histo.bucket.reduce((a: number, b: number) => a + b, 0)).toBe(256);
  // The receptive field: neuron 0's 64 weights, equalised to 0..255 and truncated.
  const field = main.filter((v) => v.tag === 'receptive field/neuron 0')[1].image;
  expect([field.height, field.width, field.colorspace]).toEqual([8, 8, 1]);
  const png = PNG.sync.read(Buffer.from(field.encoded_image_string));
  const lo = Math.min(...s.field), hi = Math.max(...s.field);
  expect(Array.from({ length: 64 }, (_, k) => png.data[4 * k])).toEqual(Array.from(s.field, (w) => Math.trunc(255 * (w - lo) / (hi - lo))));
  // One run per neuron for addScalars, holding the same tag.
  const neuron2 = readEvents(s.files.find((f) => f.includes('activity_neurons_neuron 2'))!).slice(1);
  expect(neuron2).toHaveLength(20);
  expect(neuron2.every((e) => e.summary.value[0].tag === 'activity/neurons')).toBe(true);
  // The parameters and the final rate.
  const hp = readEvents(s.files.find((f) => /[\\/]\d+(\.\d+)?[\\/]events/.test(f))!).slice(1).map((e) => e.summary.value[0]);
  const start = decode(hp[1].metadata.plugin_data.content, HPARAMS_PLUGIN_DATA).session_start_info;
  expect(start.hparams.map((h: { key: string }) => h.key)).toEqual(['tau', 'eta', 'alpha', 'trials']);
  expect(hp[3]).toEqual({ tag: 'final mean rate', simple_value: Math.fround(s.meanRates[19]) });
  expect(readdirSync(join(logdir, 'bars')).filter((f) => f.startsWith('activity_'))).toHaveLength(4);
});

/**
 * Options and argument errors outside the core network (issues 12, 13): built-in model parameters,
 * plot options, PymoNNto-style behaviours; every error is a NeurarchyError subclass.
 */
import { describe, it, expect } from 'vitest';
import {
  Izhikevich, IF_cond_exp, TsodyksMarkram, STDP, Oja, EquationError, NetworkError, NeurarchyError,
  rasterPlotSvg, tracesSvg, populationRateSvg, weightMatrixSvg, histogramSvg, behaviors as B,
  rasterPlot, histogram, meanFr, populationRate, smoothedRate, interSpikeInterval, coefficientOfVariation,
} from '../../src/index.js';
import { binValues } from '../../src/plot/histogram.js'; // a plot helper, not in the package root

describe('built-in models', () => {
  it('refuse unknown parameters with the nearest name, as EquationErrors naming the model', () => {
    expect(() => new Izhikevich({ aa: 0.1 } as never)).toThrow(EquationError);
    expect(() => new Izhikevich({ aa: 0.1 } as never)).toThrow(/parameter 'aa' is unknown — did you mean 'a'\? \(known: a, b, c, d, v_thresh, i_offset, noise, tau_refrac\).* in new Izhikevich\(\), field 'parameters'/);
    expect(() => new IF_cond_exp({ tau_syn_e: 5 } as never)).toThrow(/did you mean 'tau_syn_E'/);
    expect(() => new STDP({ tau_plus: 20, A_pluss: 0.1 } as never)).toThrow(/new STDP\(\)/);
    expect(() => new Oja({ eta: NaN })).toThrow(/parameter 'eta' must be a finite number, got number NaN/);
    expect(() => new Izhikevich({ a: '0.02' as never })).toThrow(/parameter 'a' must be a finite number, got the string "0\.02"/);
    expect(() => new TsodyksMarkram({ tau_facil: 0 })).toThrow(/parameter 'tau_facil' must be positive.* in new TsodyksMarkram\(\)/);
    expect(() => new Izhikevich(null as never)).toThrow(NeurarchyError);
  });
  it('accept their documented parameters', () => {
    expect(new Izhikevich({ a: 0.1, c: -60 }).spec.parameters).toContain('a = 0.1');
  });
});

describe('plot options', () => {
  const raster = { times: [1, 2], ranks: [0, 1] };
  it('refuse unknown keys with the nearest one', () => {
    expect(() => rasterPlotSvg(raster, { colour: 'red' } as never)).toThrow(/rasterPlotSvg\(\): unknown option 'colour' — did you mean 'color'/);
    expect(() => rasterPlotSvg(raster, { x_label: 't' } as never)).toThrow(/did you mean 'xLabel'/);
    expect(() => tracesSvg({ t: [0, 1], values: [1, 2] }, { linewidth: 2 } as never)).toThrow(/did you mean 'lineWidth'/);
    expect(() => populationRateSvg({ times: [0, 1], rate: [1, 2] }, { lable: 'exc' } as never)).toThrow(/populationRateSvg\(\): unknown option 'lable' — did you mean 'label'/);
    expect(() => weightMatrixSvg([[1, 2]], { cmap: 'rdbu' } as never)).toThrow(/weightMatrixSvg\(\): unknown option 'cmap'/);
    expect(() => histogramSvg([1, 2, 3], { nbins: 3 } as never)).toThrow(/histogramSvg\(\): unknown option 'nbins' — did you mean 'bins'/);
  });
  it('keep working with their documented options; errors are NetworkErrors', () => {
    expect(populationRateSvg({ times: [0, 1], rate: [1, 2] }, { label: 'exc', title: 'rate' })).toContain('exc');
    expect(() => binValues([1, 2], 0)).toThrow(NetworkError);
    expect(() => rasterPlotSvg({ times: [1], ranks: [] })).toThrow(/rasterPlotSvg: 1 times but 0 ranks/);
  });
});

describe('behaviours', () => {
  it('refuse unknown options and fractional seeds', () => {
    expect(() => new B.Network({ sed: 1 } as never)).toThrow(/new behaviors\.Network\(\): unknown option 'sed' — did you mean 'seed'/);
    expect(() => new B.Network({ seed: 1.5 })).toThrow(/seed must be an integer \(used modulo 2\^32\), got 1\.5/);
    const net = new B.Network({ seed: 1 });
    expect(() => new B.NeuronGroup({ net, size: 3, tags: 'x' } as never)).toThrow(/new NeuronGroup\(\): unknown option 'tags' — did you mean 'tag'/);
    const g = new B.NeuronGroup({ net, size: 4, tag: 'g' });
    expect(() => g.vector('uniform(0, 1)', { densty: 0.5 } as never)).toThrow(/unknown option 'densty' — did you mean 'density'/);
    expect(() => new B.SynapseGroup({ net, src: g, dst: g, behaviour: {} } as never)).toThrow(/did you mean 'behavior'/);
    const s = new B.SynapseGroup({ net, src: g, dst: g, tag: 's' });
    expect(() => s.matrix('uniform(0, 1)', { sparce: true } as never)).toThrow(/s\.matrix\(\): unknown option 'sparce' — did you mean 'sparse'/);
    expect(s.matrix('uniform(0, 1)', { sparse: true, density: 0.5 }).rows).toBe(4);
    expect(() => new B.Recorder(['v'], { evry: 2 } as never)).toThrow(/new Recorder\(\): unknown option 'evry' — did you mean 'every'/);
    expect(() => new B.NeuronModel(new Izhikevich(), { spike_var: 's' } as never)).toThrow(/did you mean 'spikeVar'/);
  });
});

describe('analysis options', () => {
  const spikes = { 0: [1, 5, 9], 1: [2, 4] };
  it('refuse unknown keys, with the camelCase or ANNarchy spelling', () => {
    expect(() => rasterPlot(spikes, { dt: 1, units: 'ms' } as never)).toThrow(/rasterPlot\(\): unknown option 'units' — did you mean 'unit'/);
    expect(() => histogram(spikes, { dt: 1, bins: 2 } as never)).toThrow(/histogram\(\): unknown option 'bins' — did you mean 'bin'/);
    expect(() => histogram(spikes, { dt: 1, recording_window: [0, 10] } as never)).toThrow(/'recording_window' is not supported: give start and stop/);
    expect(() => meanFr(spikes, { dt: 1, duraton: 10 } as never)).toThrow(/meanFr\(\): unknown option 'duraton' — did you mean 'duration'/);
    expect(() => populationRate(spikes, { dt: 1, smoth: 2 } as never)).toThrow(/did you mean 'smooth'/);
    expect(() => smoothedRate(spikes, { dt: 1, sise: 2 } as never)).toThrow(/smoothedRate\(\): unknown option 'sise' — did you mean 'size'/);
    expect(() => interSpikeInterval(spikes, { dt: 1, per_neuron: true } as never)).toThrow(/did you mean 'perNeuron'/);
    expect(() => coefficientOfVariation(spikes, { dt: 1, perNeuron: true } as never)).toThrow(/coefficientOfVariation\(\): unknown option 'perNeuron'/);
  });
  it('give the documented numbers with their options', () => {
    // 5 spikes of 2 neurons over 10 ms: 250 Hz.
    expect(meanFr(spikes, { dt: 1, duration: 10 })).toBe(250);
    expect(interSpikeInterval(spikes, { dt: 0.5 })).toEqual([2, 2, 1]);
  });
});

describe('distribution bounds', () => {
  it('refuse unknown keys and per-distribution seeds', async () => {
    const { Normal, Exponential } = await import('../../src/index.js');
    expect(() => new Normal(0, 1, { minn: 0 } as never)).toThrow(/new Normal\(\): unknown option 'minn' — did you mean 'min'/);
    expect(() => new Exponential(1, { seed: 3 } as never)).toThrow(/new Exponential\(\): option 'seed' is not supported: .*network's seed/);
    expect(new Normal(0, 1, { min: -1, max: 1 }).bounds).toEqual({ min: -1, max: 1 });
  });
});

describe('Constant and encodeNpz options', () => {
  it('refuse unknown keys', async () => {
    const { Constant, encodeNpz } = await import('../../src/index.js');
    expect(() => new Constant('k_unused', 1, { globl: false } as never)).toThrow(/new Constant\(\): unknown option 'globl' — did you mean 'global'/);
    expect(() => encodeNpz({}, { compression: 6 } as never)).toThrow(/encodeNpz\(\): unknown option 'compression'/);
  });
});

// Every built-in model of src/models goes through the analysis, with every method as default.
import { describe, it, expect } from 'vitest';
import * as models from '../../src/models/index.js';
import { analyseNeuron, analyseSynapse, type AnalysisContext, type MethodName } from '../../src/equations/index.js';
import { Neuron } from '../../src/core/Neuron.js';
import { Synapse } from '../../src/core/Synapse.js';

const ctx = (name: string, defaultMethod: MethodName = 'explicit'): AnalysisContext => ({ name, defaultMethod, constants: new Set(), globalFunctions: new Map() });

describe('built-in models analyse', () => {
  for (const [name, Model] of Object.entries(models)) {
    if (typeof Model !== 'function') continue;
    const instance = new (Model as new () => unknown)();
    if (instance instanceof Neuron) {
      it(`neuron ${name}`, () => {
        const d = analyseNeuron(instance.spec, ctx(name));
        expect(d.type).toBe(instance.isSpiking ? 'spike' : 'rate');
        if (d.type === 'spike') expect(d.targets).toEqual(expect.arrayContaining(['exc', 'inh']));
        for (const m of ['explicit', 'midpoint', 'rk4'] as const) expect(() => analyseNeuron(instance.spec, ctx(name, m))).not.toThrow();
      });
    } else if (instance instanceof Synapse) {
      it(`synapse ${name}`, () => {
        const spiking = instance.spec.preSpike !== undefined;
        const d = analyseSynapse(instance.spec, spiking ? 'spike' : 'rate', ctx(name));
        expect(d.plastic).toBe(name !== 'TsodyksMarkram' && name !== 'STP');
      });
    }
  }
});

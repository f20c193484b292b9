// ANNarchy: tests/Neuron/test_Population.py
// (ANNarchy 5.0 splits this file into tests_python/Neuron/test_Population{1D,2D,3D}.py: see
// test_Population1D.test.ts and its siblings.) Four classes with the same twenty tests on a 1-D, 2-D,
// 3-D and non-square 2-D population (population-suite.ts); pop[1:3, 1] is pop.view('1:3', 1) in neurarchy.
import { describeFloat64Backends } from '../helpers/backends.js';
import { CASES, populationSuite } from './population-suite.js';

describeFloat64Backends('test_Population', (backend) => {
  for (const c of CASES) populationSuite(backend, c);
});

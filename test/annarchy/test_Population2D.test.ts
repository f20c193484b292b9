// ANNarchy: tests_python/Neuron/test_Population2D.py
// ANNarchy 5.0's split of 4.8's tests/Neuron/test_Population.py (its second class, test_Population2D_NonSquared, is 4.8's test_Population2x3D); the shared suite is in
// population-suite.ts.
import { describeFloat64Backends } from '../helpers/backends.js';
import { CASES, populationSuite } from './population-suite.js';

describeFloat64Backends('test_Population2D', (backend) => {
  for (const c of CASES.filter((c) => c.cls === 'test_Population2D' || c.cls === 'test_Population2x3D')) populationSuite(backend, c, true);
});

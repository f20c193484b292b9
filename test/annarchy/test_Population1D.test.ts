// ANNarchy: tests_python/Neuron/test_Population1D.py
// ANNarchy 5.0's split of 4.8's tests/Neuron/test_Population.py; the shared suite is in
// population-suite.ts.
import { describeFloat64Backends } from '../helpers/backends.js';
import { CASES, populationSuite } from './population-suite.js';

describeFloat64Backends('test_Population1D', (backend) => {
  for (const c of CASES.filter((c) => c.cls === 'test_Population1D')) populationSuite(backend, c, true);
});

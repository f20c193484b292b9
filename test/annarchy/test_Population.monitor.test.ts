// ANNarchy: tests/Monitor/test_Population.py
// (ANNarchy 5.0 moved these assertions to tests_python/Neuron/test_Monitor.py: see test_Monitor.neuron.test.ts.)
// One network with eight monitors, reset before each test; the suite is in monitor-suite.ts.
import { describeFloat64Backends } from '../helpers/backends.js';
import { populationMonitorSuite } from './monitor-suite.js';

describeFloat64Backends('test_PopulationMonitor', (backend) => populationMonitorSuite(backend));

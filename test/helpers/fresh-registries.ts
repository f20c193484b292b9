// Setup file of the test files that share one process (vitest.config.ts: `isolate: false`): each
// file starts as in a fresh process, with no global constants, functions or default network left
// by the file before it (ANNarchy's `clear()`).
import { clear } from '../../src/index.js';

clear();

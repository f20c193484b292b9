/**
 * Export to PyNN 0.10 (NEURON or NEST, one machine or MPI): `exportPyNN(net, 'model.py', { duration })`
 * writes the script and its side file; `readPyNNResults('model.results.npz')` reads what it recorded.
 * Guide: docs/guides/export.md.
 */
export { exportPyNN, pynnExport, EXPORT_PYNN_OPTIONS, type ExportPyNNOptions, type PyNNExport, type PyNNExportFiles, type ExportableNetwork } from './pynn.js';
export { readPyNNResults, decodePyNNResults, type PyNNResults, type PyNNMonitorResults } from './results.js';
export { ExportError } from './errors.js';

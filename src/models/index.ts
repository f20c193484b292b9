export * from './neurons.js';
export * from './synapses.js';

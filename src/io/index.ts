/** Saving and loading networks and parameters (browser-safe; files through `io/files.ts`). */
export * from './network-io.js';
export * from './parameters.js';
export { encodeNpz, decodeNpz, type NpzEntry, type EncodeNpzOptions } from './npz.js';
export { encodeNpy, decodeNpy, NpyFormatError, type NpyArray, type NpyDtype } from './npy.js';

/**
 * The `cpp` backend: generated C++ (OpenMP with `numThreads` > 1), compiled by the system compiler
 * at `compile()`, cached by content hash, loaded through koffi. Node.js only; the core reaches this
 * module through a dynamic import (see `../registry.ts`), so browser bundles never include it.
 */
export { createCppBackend, CppEngine, type CppEngineInfo } from './engine.js';
export { generateCpp, type GeneratedSource } from './generate.js';
export { buildLibrary, findCompiler, compilerArguments, defaultDirectory, DEFAULT_FLAGS, type ToolchainOptions, type BuiltLibrary } from './toolchain.js';

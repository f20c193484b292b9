/**
 * The memory estimates, checks and limits (`core/memory.ts`): they guard the user-facing objects
 * before anything big is allocated, so they live with them in `core/`; re-exported here for the
 * runtime and the backends, which check the copies they make.
 */
export * from '../core/memory.js';

/** `GrowableBuffer` (`core/buffer.ts`), the monitors' storage; re-exported for the runtime's users. */
export { GrowableBuffer } from '../core/buffer.js';

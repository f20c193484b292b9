/** The shared statement printer (`../kernels/statements.ts`) in the webgpu dialect. */
import { statementsFor } from '../kernels/statements.js';
import { wgslDialect } from './spelling.js';

export { indent, tempNames, tempName } from '../steps.js';
export type { StatementContext, Guard, Location } from '../kernels/statements.js';
export const { renderAssignment, renderSteps, plain } = statementsFor(wgslDialect);

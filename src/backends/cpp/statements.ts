/** The shared statement printer (`../kernels/statements.ts`) in the cpp dialect. */
import { statementsFor } from '../kernels/statements.js';
import { cppDialect } from './spelling.js';

export { indent, tempNames, tempName } from '../steps.js';
export type { StatementContext, Guard, Location } from '../kernels/statements.js';
export const { renderAssignment, renderSteps, plain } = statementsFor(cppDialect);

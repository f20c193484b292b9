/** The shared statement printer (`../kernels/statements.ts`) in the js dialect. */
import { statementsFor } from '../kernels/statements.js';
import { jsDialect } from './spelling.js';

export { indent, tempNames, tempName } from '../steps.js';
export type { StatementContext, Guard, Location } from '../kernels/statements.js';
export const { renderAssignment, renderSteps, plain } = statementsFor(jsDialect);

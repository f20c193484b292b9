/** The batteries by name: each describes its case `index` (for the report) and runs it (in the child). */
import * as models from './models.js';
import * as files from './files.js';
import * as api from './api.js';
import * as selftest from './selftest.js';
import type { CaseReport, CaseRequest } from '../types.js';

export interface Battery {
  name: string;
  run(req: CaseRequest): Promise<CaseReport>;
}

export const BATTERIES: Record<string, Battery> = { models, files, api, selftest };

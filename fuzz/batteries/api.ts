import type { CaseReport, CaseRequest } from '../types.js';
export const name = 'api';
export const count = () => 0;
export const describe = (i: number) => ({ label: `${i}`, input: '' });
export async function run(_req: CaseRequest): Promise<CaseReport> { throw new Error('todo'); }

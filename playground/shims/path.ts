/** `node:path` in the playground: the few joins the examples make. */
export function join(...parts: string[]): string { return parts.filter(Boolean).join('/').replace(/\/+/g, '/'); }
export function basename(p: string): string { return p.split('/').pop() ?? p; }
export default { join, basename };

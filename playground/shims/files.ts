/**
 * The files an example writes (`writeFileSync('coba.svg', …)`) become downloads in the playground:
 * the worker's `self.postMessage` carries them to the page.
 */
const MIME: Record<string, string> = { svg: 'image/svg+xml', json: 'application/json', npz: 'application/zip', txt: 'text/plain', md: 'text/markdown' };

export function offerFile(name: string, data: string | Uint8Array): void {
  const base = name.split('/').pop() ?? name;
  const mime = MIME[base.split('.').pop() ?? ''] ?? 'application/octet-stream';
  (self as unknown as { postMessage(m: unknown): void }).postMessage({ type: 'file', name: base, mime, data });
}

/**
 * Random stream identifiers: every population and projection draws from its own stream, so that
 * adding a projection does not change the numbers a population draws, and every backend can
 * compute the same draw from (seed, stream, element, step, draw id).
 */
export function randomStream(kind: 'pop' | 'proj', id: number): number {
  return (kind === 'pop' ? 0x10000 : 0x20000) + id;
}

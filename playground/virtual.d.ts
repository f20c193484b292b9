declare module 'virtual:examples' {
  /** The examples' sources by file name (`coba.ts` → its text). */
  const sources: Record<string, string>;
  export default sources;
}

/** gzip through CompressionStream (Chrome 80+, Safari 16.4+); absent → bodies go plain. */
export function gzipAvailable(): boolean {
  return typeof CompressionStream === 'function';
}

/** Only called when gzipAvailable(): Safari 14 has neither CompressionStream nor Blob#stream. */
export async function gzipBytes(data: Uint8Array): Promise<Uint8Array> {
  // eslint-disable-next-line compat/compat -- guarded by gzipAvailable() at the one call site
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** gzip through CompressionStream (Chrome 80+, Safari 16.4+); absent → bodies go plain. */
export function gzipAvailable(): boolean {
  return typeof CompressionStream === 'function';
}

export async function gzipBytes(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

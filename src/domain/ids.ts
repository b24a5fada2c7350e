/**
 * UUIDv7 (RFC 9562): 48-bit ms timestamp then random bits, so ids sort by creation time
 * and never collide between phones. Pure: the clock and the random source are passed in.
 */
export type RandomBytes = (n: number) => Uint8Array;

export function uuidv7(nowMs: number, randomBytes: RandomBytes): string {
  const b = randomBytes(16);
  if (b.length < 16) throw new Error('uuidv7: randomBytes returned fewer than 16 bytes');
  let ts = Math.floor(nowMs);
  for (let i = 5; i >= 0; i--) {
    b[i] = ts % 256;
    ts = Math.floor(ts / 256);
  }
  b[6] = (b[6]! & 0x0f) | 0x70; // version 7
  b[8] = (b[8]! & 0x3f) | 0x80; // variant 10
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export function isUuidv7(s: string): boolean {
  return UUID_RE.test(s);
}

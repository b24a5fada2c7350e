/**
 * A tiny baseline JPEG encoder for pictures made of flat 8×8 blocks (a mosaic): each block
 * is coded by its DC coefficient alone, so no DCT is needed. Enough for the demo's generated
 * photos and the tests' fixtures, without an image library on the endpoint. Real photos come
 * from the phones' own encoders.
 */

// Standard DC tables (ITU T.81, K.3); the AC table holds only EOB (every block is flat).
const DC_LUMA = { bits: [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0], values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] };
const DC_CHROMA = { bits: [0, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0], values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] };
const AC_EOB = { bits: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], values: [0] };

function codes(t: { bits: number[]; values: number[] }): Map<number, [number, number]> {
  const out = new Map<number, [number, number]>();
  let code = 0;
  let k = 0;
  for (let len = 1; len <= 16; len++) {
    for (let i = 0; i < t.bits[len - 1]!; i++) out.set(t.values[k++]!, [code++, len]);
    code <<= 1;
  }
  return out;
}

class BitWriter {
  bytes: number[] = [];
  private acc = 0;
  private n = 0;
  put(value: number, len: number): void {
    for (let i = len - 1; i >= 0; i--) {
      this.acc = (this.acc << 1) | ((value >> i) & 1);
      if (++this.n === 8) this.flushByte();
    }
  }
  private flushByte(): void {
    this.bytes.push(this.acc);
    if (this.acc === 0xff) this.bytes.push(0); // byte stuffing
    this.acc = 0;
    this.n = 0;
  }
  end(): number[] {
    while (this.n !== 0) this.put(1, 1);
    return this.bytes;
  }
}

const seg = (marker: number, body: number[]) => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
const dht = (cls: number, id: number, t: { bits: number[]; values: number[] }) => seg(0xc4, [(cls << 4) | id, ...t.bits, ...t.values]);

/** `color(bx, by)`: the RGB of block (bx, by); the picture is (8·blocksX)×(8·blocksY) px. */
export function mosaicJpeg(blocksX: number, blocksY: number, color: (bx: number, by: number) => [number, number, number]): Uint8Array {
  const w = blocksX * 8;
  const h = blocksY * 8;
  const tables = [codes(DC_LUMA), codes(DC_CHROMA), codes(DC_CHROMA)];
  const eob = codes(AC_EOB).get(0)!;
  const bw = new BitWriter();
  const prev = [0, 0, 0];
  for (let by = 0; by < blocksY; by++) {
    for (let bx = 0; bx < blocksX; bx++) {
      const [r, g, b] = color(bx, by);
      const ycc = [0.299 * r + 0.587 * g + 0.114 * b, -0.1687 * r - 0.3313 * g + 0.5 * b + 128, 0.5 * r - 0.4187 * g - 0.0813 * b + 128];
      for (let c = 0; c < 3; c++) {
        // Flat block: DC = 8·(v − 128); quantised by 8 it is v − 128.
        const dc = Math.max(-128, Math.min(127, Math.round(ycc[c]! - 128)));
        const diff = dc - prev[c]!;
        prev[c] = dc;
        const mag = Math.abs(diff);
        const cat = mag === 0 ? 0 : Math.floor(Math.log2(mag)) + 1;
        const [code, len] = tables[c]!.get(cat)!;
        bw.put(code, len);
        if (cat) bw.put(diff > 0 ? diff : diff + (1 << cat) - 1, cat);
        bw.put(eob[0], eob[1]);
      }
    }
  }
  const data = bw.end();
  const out = [
    0xff, 0xd8,
    ...seg(0xdb, [0, ...new Array<number>(64).fill(8)]),
    ...seg(0xc0, [8, h >> 8, h & 0xff, w >> 8, w & 0xff, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]),
    ...dht(0, 0, DC_LUMA), ...dht(0, 1, DC_CHROMA), ...dht(1, 0, AC_EOB),
    ...seg(0xda, [3, 1, 0x00, 2, 0x10, 3, 0x10, 0, 63, 0]),
    ...data,
    0xff, 0xd9,
  ];
  return Uint8Array.from(out);
}

/** A demo "photo": a rock face with a yellow-black hazard stripe, or after the fix a green check. */
export function demoPhoto(kind: 'hazard' | 'fixed' | 'meeting', seed: number): Uint8Array {
  let s = seed || 1;
  const rnd = () => ((s = (s * 16807) % 2147483647) / 2147483647);
  return mosaicJpeg(80, 60, (x, y) => {
    const grain = Math.round(rnd() * 30);
    if (kind === 'meeting') {
      // A row of helmets (yellow) in front of a grey wall.
      const helmet = y >= 24 && y < 30 && x % 10 >= 3 && x % 10 < 7;
      return helmet ? [230, 200, 30] : y >= 30 ? [40 + grain, 60 + grain, 90 + grain] : [90 + grain, 90 + grain, 95 + grain];
    }
    const rock: [number, number, number] = [70 + grain, 65 + grain, 60 + grain];
    if (y < 20 || y > 40 || x < 10 || x > 70) return rock;
    if (kind === 'hazard') return (x + y) % 8 < 4 ? [240, 200, 0] : [20, 20, 20];
    const check = (y - 30 === -(x - 40) / 2 && x >= 40) || (y - 30 === (x - 40) && x < 40 && x > 32);
    return check ? [255, 255, 255] : [40, 150, 60];
  });
}

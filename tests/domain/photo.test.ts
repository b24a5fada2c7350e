import { describe, expect, it } from 'vitest';
import {
  PHOTO_LONG_EDGE, fitLongEdge, orientationTransform, readJpegInfo, swapsSides, toHex, withOrientation,
} from '../../src/domain/photo';

/** A camera-like JPEG skeleton made here: SOI, a JFIF APP0, SOF0 of w×h, SOS, EOI. */
function jpegOf(w: number, h: number): Uint8Array {
  const app0 = [0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const sof = [0xff, 0xc0, 0, 17, 8, h >> 8, h & 0xff, w >> 8, w & 0xff, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  const sos = [0xff, 0xda, 0, 12, 3, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3f, 0, 1, 2, 3];
  return new Uint8Array([0xff, 0xd8, ...app0, ...sof, ...sos, 0xff, 0xd9]);
}

/** Little-endian EXIF ("II") with the orientation as the second IFD0 entry, as many phones write it. */
function littleEndianExif(jpeg: Uint8Array, orientation: number): Uint8Array {
  const tiff = [0x49, 0x49, 42, 0, 8, 0, 0, 0, 2, 0,
    0x0f, 0x01, 2, 0, 4, 0, 0, 0, 0x41, 0x42, 0x43, 0, // Make "ABC"
    0x12, 0x01, 3, 0, 1, 0, 0, 0, orientation, 0, 0, 0,
    0, 0, 0, 0];
  const payload = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
  const seg = [0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload];
  return new Uint8Array([...jpeg.subarray(0, 2), ...seg, ...jpeg.subarray(2)]);
}

describe('readJpegInfo', () => {
  it('reads a 12 MP frame size and orientation 1 when there is no EXIF', () => {
    expect(readJpegInfo(jpegOf(4000, 3000))).toEqual({ width: 4000, height: 3000, orientation: 1 });
  });
  it('reads every orientation written big-endian (withOrientation) and little-endian', () => {
    for (let o = 1; o <= 8; o++) {
      expect(readJpegInfo(withOrientation(jpegOf(4000, 3000), o))?.orientation).toBe(o);
      expect(readJpegInfo(littleEndianExif(jpegOf(4032, 3024), o))).toEqual({ width: 4032, height: 3024, orientation: o });
    }
  });
  it('ignores an out-of-range orientation and refuses what is not a JPEG, without throwing', () => {
    expect(readJpegInfo(withOrientation(jpegOf(10, 20), 9))?.orientation).toBe(1);
    expect(readJpegInfo(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).toBeNull();
    expect(readJpegInfo(jpegOf(10, 20).subarray(0, 30))).toBeNull();
    const cut = withOrientation(jpegOf(10, 20), 6);
    cut[5] = 0xff; // segment length beyond the end
    expect(readJpegInfo(cut)).toBeNull();
  });
});

describe('sizing', () => {
  it('brings a 12 MP photo to a long edge of 1280 keeping its aspect, and never enlarges', () => {
    expect(fitLongEdge(4000, 3000, PHOTO_LONG_EDGE)).toEqual({ width: 1280, height: 960 });
    expect(fitLongEdge(3000, 4000, PHOTO_LONG_EDGE)).toEqual({ width: 960, height: 1280 });
    expect(fitLongEdge(4032, 3024, 160)).toEqual({ width: 160, height: 120 });
    expect(fitLongEdge(800, 600, PHOTO_LONG_EDGE)).toEqual({ width: 800, height: 600 });
    expect(fitLongEdge(20000, 1, 1280)).toEqual({ width: 1280, height: 1 });
  });
});

describe('orientationTransform', () => {
  // Where the raw image's top-left, top-right and bottom-left pixels land on the upright canvas.
  const apply = (o: number, w: number, h: number, x: number, y: number) => {
    const [a, b, c, d, e, f] = orientationTransform(o, w, h);
    return [a * x + c * y + e, b * x + d * y + f];
  };
  const W = 4;
  const H = 3;
  it('maps the raw corners where EXIF says the picture is turned or mirrored', () => {
    // Expected: corners of the upright canvas (size w×h, or h×w when the sides swap).
    const cases: Record<number, number[][]> = {
      1: [[0, 0], [4, 0], [0, 3]],
      2: [[4, 0], [0, 0], [4, 3]],
      3: [[4, 3], [0, 3], [4, 0]],
      4: [[0, 3], [4, 3], [0, 0]],
      5: [[0, 0], [0, 4], [3, 0]],
      6: [[3, 0], [3, 4], [0, 0]],
      7: [[3, 4], [3, 0], [0, 4]],
      8: [[0, 4], [0, 0], [3, 4]],
    };
    for (let o = 1; o <= 8; o++) {
      expect([apply(o, W, H, 0, 0), apply(o, W, H, W, 0), apply(o, W, H, 0, H)], `orientation ${o}`).toEqual(cases[o]);
      expect(swapsSides(o)).toBe(o >= 5);
    }
  });
});

it('toHex writes a digest as lower-case hex', () => {
  expect(toHex(new Uint8Array([0, 15, 255]))).toBe('000fff');
});

// Draws the app icons (PNG) into public/icons: a red star on a white badge, on party red; no external assets.
// Run: node src/ui/icons/make-icons.mjs   (outputs are committed; rerun only to change the design)
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const RED = [163, 21, 21];
const WHITE = [255, 255, 255];

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (const b of buf) {
    c = (crc ^ b) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4); ihdr[8] = 8; ihdr[9] = 6;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}
function starPolygon(cx, cy, r) {
  const pts = [];
  for (let i = 0; i < 10; i++) {
    const rad = i % 2 === 0 ? r : r * 0.382;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    pts.push([cx + rad * Math.cos(a), cy + rad * Math.sin(a)]);
  }
  return pts;
}
function inside(pts, x, y) {
  let c = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i], [xj, yj] = pts[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) c = !c;
  }
  return c;
}
/** `corner` 0 = full bleed (maskable, apple); `starScale` keeps the star inside the safe zone. */
function icon(size, { corner, starScale }) {
  const star = starPolygon(size / 2, size * 0.52, (size / 2) * starScale * 0.62);
  const disc = (size / 2) * starScale;
  const rr = size * corner;
  const inRounded = (x, y) => {
    const dx = Math.max(rr - x, 0, x - (size - rr)), dy = Math.max(rr - y, 0, y - (size - rr));
    return dx * dx + dy * dy <= rr * rr;
  };
  return png(size, (px, py) => {
    let bg = 0, wh = 0; // 4×4 supersampling for smooth edges
    for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) {
      const x = px + (sx + 0.5) / 4, y = py + (sy + 0.5) / 4;
      if (!inRounded(x, y)) continue;
      bg++;
      const inDisc = (x - size / 2) ** 2 + (y - size / 2) ** 2 <= disc * disc;
      if (inDisc && !inside(star, x, y)) wh++;
    }
    const a = bg / 16, s = bg ? wh / bg : 0;
    const mix = (i) => Math.round(RED[i] * (1 - s) + WHITE[i] * s);
    return [mix(0), mix(1), mix(2), Math.round(a * 255)];
  });
}
const out = new URL('../../../public/icons/', import.meta.url);
writeFileSync(new URL('icon-192.png', out), icon(192, { corner: 0.18, starScale: 0.72 }));
writeFileSync(new URL('icon-512.png', out), icon(512, { corner: 0.18, starScale: 0.72 }));
writeFileSync(new URL('icon-maskable-512.png', out), icon(512, { corner: 0, starScale: 0.5 }));
writeFileSync(new URL('apple-touch-icon.png', out), icon(180, { corner: 0, starScale: 0.6 }));
console.log('icons written to', out.pathname);

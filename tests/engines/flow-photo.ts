/**
 * Photo evidence on the engine floor (issue 17): the hazard found on the shift is photographed
 * twice through its photo slot, once on the engine's own path (a worker with OffscreenCanvas where
 * the engine has it) and once with OffscreenCanvas removed from the page, which forces the
 * main-thread fallback (<img> + <canvas>) that Safari 14 takes. Each photo is a camera-like JPEG
 * made in the page (2400×1800 with an EXIF "rotate 90°" tag), handed to the input by the driver's
 * native file upload, and must be stored upright, small, with its SHA-256; the server must end
 * up with the same bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PHOTO_LONG_EDGE, PHOTO_MAX_BYTES, THUMB_MAX_BYTES, readJpegInfo } from '../../src/domain/photo';
import { re, type Query } from './dom-query';
import type { Ui } from './driver';

const ROOT = join(dirname(new URL(import.meta.url).pathname), '../..');
const RAW = { width: 2400, height: 1800 };
const slot: Query = { testid: 'photos-found' };
const thumbs: Query = { role: 'button', name: re(/查看隐患发现照片/), within: slot };

export interface ServerPhoto { id: string; sha256: string; receivedAt: number | null; fileSha256: string | null }

export interface TakenPhoto {
  id: string; sha256: string; path: 'worker' | 'main thread'; width: number; height: number; bytes: number; thumbBytes: number;
}

/** The camera: a textured 2400×1800 JPEG, red in its stored top-left, tagged orientation 6 (ES5: it runs on every engine as is). */
const CAMERA_JS = `return new Promise(function (ok, no) {
  var W = ${RAW.width}, H = ${RAW.height}, c = document.createElement('canvas');
  c.width = W; c.height = H;
  var x = c.getContext('2d'), g = x.createLinearGradient(0, 0, W, H), seed = args[0];
  g.addColorStop(0, '#203040'); g.addColorStop(1, '#c0d0a0');
  x.fillStyle = g; x.fillRect(0, 0, W, H);
  for (var i = 0; i < 15000; i++) { // texture, so that it does not compress to nothing
    seed = (seed * 16807) % 2147483647;
    x.fillStyle = 'hsl(' + (seed % 360) + ',40%,' + (30 + seed % 40) + '%)';
    x.fillRect((seed >> 3) % W, (seed >> 7) % H, 4 + seed % 40, 4 + (seed >> 5) % 40);
  }
  x.fillStyle = '#ff0000'; x.fillRect(0, 0, 400, 400); // top-right once turned upright
  // An APP1 EXIF segment right after SOI: big-endian TIFF, one IFD0 entry, tag 0x0112 (SHORT) = o.
  function withOrientation(jpeg, o) {
    var payload = [0x45, 0x78, 0x69, 0x66, 0, 0, 0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, o, 0, 0, 0, 0, 0, 0];
    var len = payload.length + 2;
    return new Blob([jpeg.slice(0, 2), new Uint8Array([0xff, 0xe1, len >> 8, len & 0xff].concat(payload)), jpeg.slice(2)], { type: 'image/jpeg' });
  }
  c.toBlob(function (jpeg) {
    if (!jpeg) return no(new Error('canvas.toBlob gave no JPEG'));
    var r = new FileReader();
    r.onerror = function () { no(r.error); };
    r.onload = function () { var s = String(r.result); ok(s.slice(s.indexOf(',') + 1)); };
    r.readAsDataURL(withOrientation(jpeg, 6));
  }, 'image/jpeg', 0.92);
});`;

/** Counts Worker constructions and what each worker answered (reset per photo; a navigation resets it too). */
const COUNT_WORKERS_JS = `var w = window.__xzwWorkers;
if (!w) {
  w = window.__xzwWorkers = { made: 0, results: 0, errors: [] };
  var Original = window.Worker;
  window.Worker = function (url, options) {
    var worker = new Original(url, options);
    window.__xzwWorkers.made++;
    worker.addEventListener('message', function (e) {
      if (e.data && e.data.result) window.__xzwWorkers.results++;
      if (e.data && e.data.error) window.__xzwWorkers.errors.push(String(e.data.error));
    });
    worker.addEventListener('error', function (e) { window.__xzwWorkers.errors.push('error event: ' + e.message); });
    return worker;
  };
  window.Worker.prototype = Original.prototype;
}
w.made = 0; w.results = 0; w.errors = [];
return { offscreen: typeof OffscreenCanvas === 'function', bitmap: typeof createImageBitmap === 'function' };`;

/** The hazards' 发现 photos as stored, each with its real digest, EXIF left, and colour top-right. */
const STORED_JS = `// A Blob, or its bytes where the engine refuses Blobs in IndexedDB (src/db/photo-types.ts).
function isBlob(s) { return typeof s.size === 'number'; }
function asBlob(s) { return isBlob(s) ? s : new Blob([s.bytes], { type: s.type }); }
function read(blob) {
  return new Promise(function (ok, no) { var r = new FileReader(); r.onload = function () { ok(r.result); }; r.onerror = function () { no(r.error); }; r.readAsArrayBuffer(blob); });
}
function topRight(blob) {
  return new Promise(function (ok, no) {
    var img = new Image(), url = URL.createObjectURL(blob);
    img.onerror = function () { URL.revokeObjectURL(url); no(new Error('stored photo does not decode')); };
    img.onload = function () {
      var c = document.createElement('canvas'); c.width = img.naturalWidth; c.height = img.naturalHeight;
      var x = c.getContext('2d'); x.drawImage(img, 0, 0); URL.revokeObjectURL(url);
      ok(Array.prototype.slice.call(x.getImageData(c.width - 20, 20, 1, 1).data, 0, 3));
    };
    img.src = url;
  });
}
function analyse(p, stored) {
  var thumb = asBlob(p.thumb), blob = stored && asBlob(stored);
  if (!blob) return Promise.resolve({ id: p.id, sha256: p.sha256, width: p.width, height: p.height, bytes: p.bytes, thumbBytes: thumb.size, blobBytes: null });
  return read(blob).then(function (buf) {
    var b = new Uint8Array(buf), exif = false;
    for (var i = 0; i + 5 < b.length && !exif; i++) exif = b[i] === 0x45 && b[i + 1] === 0x78 && b[i + 2] === 0x69 && b[i + 3] === 0x66 && b[i + 4] === 0 && b[i + 5] === 0;
    return Promise.all([crypto.subtle.digest('SHA-256', buf), topRight(blob)]).then(function (r) {
      var hex = Array.prototype.map.call(new Uint8Array(r[0]), function (x) { return (x < 16 ? '0' : '') + x.toString(16); }).join('');
      return { id: p.id, sha256: p.sha256, width: p.width, height: p.height, bytes: p.bytes, thumbBytes: thumb.size, state: p.state,
        blobBytes: blob.size, type: blob.type, digest: hex, exif: exif, topRight: r[1], storedAs: isBlob(stored) ? 'Blob' : 'bytes' };
    });
  });
}
return new Promise(function (ok, no) {
  var r = indexedDB.open('xiaozhengwei');
  r.onerror = function () { no(r.error); };
  r.onsuccess = function () {
    var db = r.result, tx = db.transaction(['photos', 'photoBlobs']), q = tx.objectStore('photos').getAll();
    q.onsuccess = function () {
      var rows = q.result.filter(function (p) { return p.ownerTable === 'hazards' && p.role === 'found'; })
        .sort(function (a, b) { return a.takenAt - b.takenAt; });
      var blobs = [], left = rows.length;
      if (!left) { db.close(); return ok([]); }
      rows.forEach(function (p, i) {
        var g = tx.objectStore('photoBlobs').get(p.id);
        g.onsuccess = function () {
          blobs[i] = g.result ? g.result.blob : null;
          if (--left === 0) { db.close(); ok(Promise.all(rows.map(function (p, j) { return analyse(p, blobs[j]); }))); }
        };
      });
    };
    q.onerror = function () { no(q.error); };
  };
});`;

interface Stored {
  id: string; sha256: string; width: number; height: number; bytes: number; thumbBytes: number; state?: string;
  blobBytes: number | null; type?: string; digest?: string; exif?: boolean; topRight?: number[]; storedAs?: 'Blob' | 'bytes';
}

const stored = (ui: Ui) => ui.d.run<Stored[]>(STORED_JS);

function check(ui: Ui, p: Stored, label: string) {
  const fail = (what: string) => { throw new Error(`${ui.d.version}: ${label}: ${what} (${JSON.stringify({ ...p, digest: undefined })})`); };
  // 2400×1800 stored sideways and tagged "rotate 90°": upright is portrait, long edge 1280.
  if (p.height !== PHOTO_LONG_EDGE || p.width !== Math.round(PHOTO_LONG_EDGE * RAW.height / RAW.width)) fail('not stored upright at 960×1280');
  if (!p.topRight || p.topRight[0]! < 200 || p.topRight[1]! > 60 || p.topRight[2]! > 60) fail('the red corner is not top-right: orientation not applied exactly once');
  if (p.blobBytes === null) fail('no full photo stored');
  if (p.blobBytes !== p.bytes || p.bytes > PHOTO_MAX_BYTES) fail(`full photo ${p.blobBytes} bytes, declared ${p.bytes}, limit ${PHOTO_MAX_BYTES}`);
  if (p.thumbBytes > THUMB_MAX_BYTES) fail(`thumbnail ${p.thumbBytes} bytes, limit ${THUMB_MAX_BYTES}`);
  if (!/^[0-9a-f]{64}$/.test(p.sha256) || p.digest !== p.sha256) fail(`stored sha256 ${p.sha256} is not the photo's (${p.digest})`);
  if (p.exif) fail('EXIF left in the stored photo (re-encoding must drop it, GPS included)');
  if (p.type !== 'image/jpeg') fail(`stored as ${p.type}, not JPEG`);
}

async function takePhoto(ui: Ui, n: number, forceMainThread: boolean): Promise<TakenPhoto> {
  const label = `photo ${n}${forceMainThread ? ' (OffscreenCanvas removed)' : ''}`;
  const base64 = await ui.d.run<string>(CAMERA_JS, [n * 7919]);
  const jpeg = Buffer.from(base64, 'base64');
  const info = readJpegInfo(jpeg);
  if (!info || info.width !== RAW.width || info.height !== RAW.height || info.orientation !== 6) {
    throw new Error(`${ui.d.version}: the page's camera JPEG is not 2400×1800 orientation 6: ${JSON.stringify(info)}`);
  }
  const file = join(ROOT, '.tmp/engines-photos', `${ui.d.version.replace(/\W+/g, '-')}-${n}.jpg`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, jpeg);

  if (forceMainThread) await ui.d.run('delete window.OffscreenCanvas; if (typeof OffscreenCanvas !== "undefined") window.OffscreenCanvas = undefined;');
  const engine = await ui.d.run<{ offscreen: boolean; bitmap: boolean }>(COUNT_WORKERS_JS);
  if (forceMainThread && engine.offscreen) throw new Error(`${ui.d.version}: OffscreenCanvas could not be removed from the page`);
  await ui.d.upload(await ui.el({ label: '拍隐患照片', exact: true }), file);
  // Processing takes seconds on these engines (two cores, shared): its own, longer wait; a zh-CN error fails at once.
  const t0 = Date.now();
  await ui.until(`${label}: thumbnail ${n}`, () => ui.d.run<{ thumbs: number; error: string | null }>(`
    var slot = document.querySelector('[data-testid="photos-found"]'), err = slot && slot.querySelector('[role="alert"]');
    return { thumbs: slot ? slot.querySelectorAll('button.photo-thumb').length : 0, error: err ? err.textContent : null };`),
  (s) => s.error !== null || s.thumbs === n, 60_000).then(async (s) => {
    if (s.error) throw new Error(`${ui.d.version}: ${label}: ${s.error} (Workers: ${JSON.stringify(await ui.d.run('return window.__xzwWorkers;'))})`);
  });
  const processMs = Date.now() - t0;
  await ui.expectCount(thumbs, n);
  const workers = await ui.d.run<{ made: number; results: number; errors: string[] }>('return window.__xzwWorkers;');
  const ownPath = engine.offscreen && engine.bitmap ? 'worker' : 'main thread';
  const path = workers.results > 0 ? 'worker' : 'main thread';
  if (forceMainThread ? workers.made !== 0 : ownPath === 'worker' ? workers.made !== 1 || workers.results !== 1 : workers.made !== 0) {
    throw new Error(`${ui.d.version}: ${label}: expected the ${forceMainThread ? 'main thread (no Worker)' : ownPath}, ` +
      `Workers: ${JSON.stringify(workers)}, engine: ${JSON.stringify(engine)}`);
  }
  const all = await stored(ui);
  if (all.length !== n) throw new Error(`${ui.d.version}: ${label}: ${all.length} hazard photo(s) stored, expected ${n}`);
  const p = all[n - 1]!;
  check(ui, p, label);
  console.log(`engines: ${ui.d.version} ${label}: ${path} (OffscreenCanvas ${engine.offscreen ? 'yes' : 'no'}, Workers made ${workers.made}), ` +
    `${p.width}×${p.height}, ${p.bytes} B, thumbnail ${p.thumbBytes} B (stored as ${p.storedAs}), from ${jpeg.length} B, ${processMs} ms to the thumbnail`);
  return { id: p.id, sha256: p.sha256, path, width: p.width, height: p.height, bytes: p.bytes, thumbBytes: p.thumbBytes };
}

/** Two photos of the shift's hazard, one on each processing path; on the shift page (`shiftPath`). */
export async function photographHazard(ui: Ui, shiftPath: string): Promise<TakenPhoto[]> {
  await ui.goto(shiftPath);
  await ui.expectVisible({ label: '拍隐患照片', exact: true });
  const first = await takePhoto(ui, 1, false);
  const second = await takePhoto(ui, 2, true);
  if (first.sha256 === second.sha256) throw new Error(`${ui.d.version}: two different photos stored with one SHA-256`);
  // Both survive a reload (the thumbnails come from IndexedDB again).
  await ui.d.reload();
  await ui.expectCount(thumbs, 2);
  return [first, second];
}

/** The photos follow the records: the server verified each, with the phone's SHA-256, and the phone knows. */
export async function expectPhotosOnServer(ui: Ui, taken: TakenPhoto[], serverPhotos: () => ServerPhoto[]): Promise<void> {
  const held = await ui.until('the server to verify both photos', async () => serverPhotos(),
    (rows) => taken.every((t) => rows.some((r) => r.id === t.id && r.receivedAt !== null)), 60_000);
  for (const t of taken) {
    const row = held.find((r) => r.id === t.id)!;
    if (row.sha256 !== t.sha256 || row.fileSha256 !== t.sha256) {
      throw new Error(`${ui.d.version}: photo ${t.id}: phone ${t.sha256}, server declared ${row.sha256}, server file ${row.fileSha256}`);
    }
  }
  await ui.until('the phone to mark both photos sent', () => stored(ui),
    (rows) => taken.every((t) => rows.some((r) => r.id === t.id && r.state === 'sent')), 30_000);
}

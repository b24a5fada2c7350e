/**
 * Old headless Chromium builds, shipped brotli-packed inside npm packages (chrome-aws-lambda
 * aliases in package.json): unpacked once into .tmp/engines/<alias>/ and reused while the
 * packed file keeps its size and mtime.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';

const ROOT = join(dirname(new URL(import.meta.url).pathname), '../..');

export type OldChromium = 'chromium-83' | 'chromium-92';

/** Flags that let these builds run on a current Debian without a sandbox or a GPU. */
export const OLD_CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--no-zygote', '--single-process', '--disable-dev-shm-usage',
  '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--lang=zh-CN',
];

/** Path of the unpacked executable of one alias, unpacking it if the cache is missing or stale. */
export function oldChromium(alias: OldChromium): string {
  const packed = createRequire(join(ROOT, 'package.json')).resolve(`${alias}/bin/chromium.br`);
  const st = statSync(packed);
  const stamp = `${st.size}:${st.mtimeMs}`;
  const dir = join(ROOT, '.tmp/engines', alias);
  const exe = join(dir, 'chromium');
  const stampFile = join(dir, 'source.stamp');
  if (!existsSync(exe) || !existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== stamp) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(exe, brotliDecompressSync(readFileSync(packed)));
    chmodSync(exe, 0o755);
    writeFileSync(stampFile, stamp);
  }
  return exe;
}

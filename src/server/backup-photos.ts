/**
 * The photos part of `npm run admin -- backup FILE`: DATA_DIR/photos (content-addressed,
 * verified files only; uploads in progress are not copied) into FILE-photos/, same layout.
 * A file is named by its SHA-256, so one already in the backup with the right hash is kept
 * and each backup copies only new photos; a damaged copy is replaced. Restore: copy the
 * folder back to DATA_DIR/photos next to the restored database.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';

const HEX64 = /^[0-9a-f]{64}$/;
const hashOf = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

export function backupPhotos(dataDir: string, targetDir: string): { copied: number; total: number } {
  const src = join(dataDir, 'photos');
  let copied = 0;
  let total = 0;
  if (!existsSync(src)) return { copied, total };
  for (const prefix of readdirSync(src)) {
    if (!/^[0-9a-f]{2}$/.test(prefix)) continue; // 'partial': uploads in progress
    for (const name of readdirSync(join(src, prefix))) {
      if (!HEX64.test(name)) continue;
      total++;
      const to = join(targetDir, prefix, name);
      if (existsSync(to) && hashOf(to) === name) continue;
      mkdirSync(join(targetDir, prefix), { recursive: true, mode: 0o700 });
      copyFileSync(join(src, prefix, name), `${to}.partial`);
      if (hashOf(`${to}.partial`) !== name) throw new Error(`照片备份校验失败: ${name}`);
      renameSync(`${to}.partial`, to);
      copied++;
    }
  }
  return { copied, total };
}

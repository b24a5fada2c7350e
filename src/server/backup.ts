/**
 * Online backup of the endpoint's SQLite file (`npm run admin -- backup <FILE>`), safe
 * while the server runs: SQLite's backup API (better-sqlite3 `db.backup`) copies a
 * consistent snapshot. All pages are copied in one step, under one read transaction:
 * in WAL mode that never blocks the server's writes, and a write made meanwhile
 * cannot restart the copy (it would, between smaller steps, forever under load).
 * The copy is written next to FILE, checked (`PRAGMA integrity_check`) and then renamed
 * into place, so FILE is either the previous backup or a complete new one. Mode 0600:
 * it holds the same notes about workers as the live file.
 */
import Database from 'better-sqlite3';
import { chmodSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DB_FILE } from './db';

export interface BackupResult {
  file: string;
  bytes: number;
  pages: number;
  ms: number;
}

/** Copies DATA_DIR/xiaozhengwei.sqlite to `target` (an absolute or relative path). */
export async function backupDatabase(dataDir: string, target: string): Promise<BackupResult> {
  const source = join(dataDir, DB_FILE);
  if (!existsSync(source)) throw new Error(`数据库文件不存在: ${source}`);
  const file = resolve(target);
  if (file === resolve(source)) throw new Error('备份文件不能是数据库文件本身');
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const t0 = performance.now();
  // Not openDatabase(): a backup must not run migrations or change the live file.
  const db = new Database(source, { fileMustExist: true });
  let pages = 0;
  try {
    db.pragma('busy_timeout = 5000');
    const r = await db.backup(partial, { progress: () => 0x7fffffff });
    pages = r.totalPages;
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  } finally {
    db.close();
  }
  try {
    chmodSync(partial, 0o600);
    const copy = new Database(partial, { fileMustExist: true });
    try {
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok') throw new Error(`备份文件校验失败: ${String(check)}`);
      // The copy keeps the WAL flag of its source; fold it into one self-contained file.
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    renameSync(partial, file);
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
  return { file, bytes: statSync(file).size, pages, ms: performance.now() - t0 };
}

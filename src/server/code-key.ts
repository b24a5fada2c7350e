/**
 * Enrolment codes at rest: only HMAC-SHA256(key, code) is stored. A code is 8 characters
 * of a 30-letter alphabet (~39 bits): a plain sha256 of it is reversed by trying them all
 * in minutes, so the key lives outside the database, in DATA_DIR/enrol-code.key (0600),
 * and a copy of the SQLite file or of a backup holds no usable code. Losing the key
 * (restoring the database alone onto a new machine) only invalidates unused codes: make
 * new ones. The key is registered on the connection as the SQL function
 * `enrol_code_hash(code)` so migration 5 can hash the codes already stored.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { normaliseEnrolCode } from '../domain/sync-protocol';

export const CODE_KEY_FILE = 'enrol-code.key';
const KEY_BYTES = 32;
const keys = new WeakMap<Database.Database, Buffer>();

/**
 * Reads the key, creating it the first time: written whole to a private temporary file,
 * then linked into place (atomic, and refused if another process got there first), so a
 * server and an admin command starting together never read a half-written key.
 */
export function loadCodeKey(dataDir: string): Buffer {
  const file = join(dataDir, CODE_KEY_FILE);
  if (!existsSync(file)) {
    const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(tmp, randomBytes(KEY_BYTES).toString('hex'), { mode: 0o600, flag: 'wx' });
    try {
      linkSync(tmp, file);
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') throw e;
    } finally {
      rmSync(tmp, { force: true });
    }
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  if (key.length !== KEY_BYTES) throw new Error(`登记码密钥文件损坏: ${file}`);
  return key;
}

export function registerCodeHash(db: Database.Database, key: Buffer): void {
  keys.set(db, key);
  db.function('enrol_code_hash', { deterministic: true }, (code: unknown) => hashCode(key, String(code)));
}

function hashCode(key: Buffer, code: string): string {
  return createHmac('sha256', key).update(normaliseEnrolCode(code), 'utf8').digest('hex');
}

/** The stored form of a code typed or scanned on a phone (normalised first). */
export function enrolCodeHash(db: Database.Database, code: string): string {
  const key = keys.get(db);
  if (!key) throw new Error('enrolment code key not loaded on this connection (open it with openDatabase)');
  return hashCode(key, code);
}

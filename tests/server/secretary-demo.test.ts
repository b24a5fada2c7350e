/** `npm run demo`: a full demo branch a newcomer can sign in to; running it again only renews the password. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fillDemo } from '../../src/server/demo';
import { openDatabase } from '../../src/server/db';
import { checkPassword } from '../../src/server/secretary/auth';

const dir = mkdtempSync(join(tmpdir(), 'xzw-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('demo data', () => {
  it('fills 4 teams with an enrolled phone each, 3 months of entries, submitted and scored reports', () => {
    const now = Date.parse('2026-11-21T10:00:00+08:00');
    const first = fillDemo(dir, now);
    expect(first.created).toBe(true);
    const db = openDatabase(dir);
    try {
      const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      expect(count('SELECT COUNT(*) AS n FROM teams')).toBe(4);
      expect(count('SELECT COUNT(*) AS n FROM devices WHERE revoked_at IS NULL')).toBe(4);
      expect(count("SELECT COUNT(DISTINCT substr(json_extract(body, '$.day'), 1, 7)) AS n FROM records WHERE tbl = 'duties'")).toBeGreaterThanOrEqual(3);
      expect(count("SELECT COUNT(*) AS n FROM records WHERE tbl = 'reports'")).toBe(7);
      expect(count('SELECT COUNT(*) AS n FROM reviews WHERE score IS NOT NULL')).toBe(2);
      expect(checkPassword(db, first.username, first.password)?.username).toBe('demo');
      const again = fillDemo(dir, now + 60_000);
      expect(again.created).toBe(false);
      expect(count('SELECT COUNT(*) AS n FROM teams')).toBe(4);
      expect(checkPassword(db, 'demo', first.password)).toBeNull();
      expect(checkPassword(db, 'demo', again.password)).not.toBeNull();
    } finally {
      db.close();
    }
  });
});

/** `npm run demo` includes generated photos, stored as verified uploads (file hash = declared). */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { readJpegInfo } from '../../src/domain/photo';
import { openDatabase } from '../../src/server/db';
import { fillDemo } from '../../src/server/demo';
import { photoPath } from '../../src/server/photo-store';

it('fills each demo team with hazard before/after and 班前会 photos whose files match their SHA-256', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xzw-demo-photos-'));
  try {
    fillDemo(dir, Date.parse('2026-11-20T08:00:00+08:00'));
    const db = openDatabase(dir);
    const rows = db.prepare('SELECT team_id, role, sha256, received_at FROM photos').all() as { team_id: string; role: string; sha256: string; received_at: number | null }[];
    db.close();
    expect(new Set(rows.map((r) => r.team_id)).size).toBe(4);
    for (const role of ['found', 'fixed', 'meeting']) expect(rows.filter((r) => r.role === role).length).toBeGreaterThanOrEqual(4);
    for (const r of rows) {
      expect(r.received_at).not.toBeNull();
      const bytes = readFileSync(photoPath(dir, r.sha256));
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(r.sha256);
      expect(readJpegInfo(bytes)).toEqual({ width: 640, height: 480, orientation: 1 });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * Shared by the authorization matrix's table files: the outcome shapes per role, and the
 * fixtures a sample request needs (a roster entry, an .xlsx roster, a worker and a photo of team A).
 */
import ExcelJS from 'exceljs';
import { setConfig } from '../../src/server/store';
import { deviceA, s, teamA, teamB, type Cell, type Outcome, type Role } from './auth-matrix-fixtures';
import { appendPiece, dataDirOf, declarePhoto } from '../../src/server/photo-store';
import { createHash } from 'node:crypto';


export const everyone = (o: Outcome): Record<Role, Outcome> => ({ none: o, deviceA: o, deviceRevoked: o, secretaryA: o, secretaryB: o, admin: o, viewerA: o });
export const phoneOnly: Record<Role, Outcome> = { none: 401, deviceA: 200, deviceRevoked: 401, secretaryA: 401, secretaryB: 401, admin: 401, viewerA: 401 };
/** Secretary pages: no session → the sign-in page. `viewer` is branch A's read-only 支委会委员. */
export const page = (a: Outcome, b: Outcome, admin: Outcome, viewer: Outcome): Record<Role, Outcome> =>
  ({ none: 'login', deviceA: 'login', deviceRevoked: 'login', secretaryA: a, secretaryB: b, admin, viewerA: viewer });
/** Secretary downloads and forms: no session → 401. */
export const guarded = (a: Outcome, b: Outcome, admin: Outcome, viewer: Outcome): Record<Role, Outcome> =>
  ({ none: 401, deviceA: 401, deviceRevoked: 401, secretaryA: a, secretaryB: b, admin, viewerA: viewer });
export const own = (role: Role) => (role === 'secretaryB' ? [teamB.name] : [teamA.name]);
/** Adds `count` people to team A's roster config; returns their ids. */
export function addToRosterA(n: number, count: number): string[] {
  const key = `team:${teamA.id}:roster`;
  const row = s.db.prepare('SELECT value FROM config WHERE branch_id = ? AND key = ?').get(teamA.branch_id, key) as { value: string } | undefined;
  const fresh = Array.from({ length: count }, (_, i) => ({ id: `matrix-w${n}-${i}`, name: `人员${n}-${i}`, post: '', partyMember: false, retired: false }));
  setConfig(s.db, teamA.branch_id, key, [...(row ? (JSON.parse(row.value) as unknown[]) : []), ...fresh], s.clock.now);
  return fresh.map((w) => w.id);
}
/** A small .xlsx roster, as a secretary's spreadsheet holds it. */
export async function rosterXlsx(n: number): Promise<File> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('花名册');
  ws.addRow(['姓名', '工种', '党员']);
  ws.addRow([`表格里的人${n}`, '支架工', '是']);
  return new File([await wb.xlsx.writeBuffer()], 'roster.xlsx');
}
/** A worker of team A as its phone sent it. */
export const workerOfA = () => (s.db.prepare("SELECT id FROM records WHERE team_id = ? AND tbl = 'workers' AND deleted = 0 ORDER BY id LIMIT 1").get(teamA.id) as { id: string }).id;
/** A photo of team A declared by device A (its bytes sent too when `complete`); returns its id. */
export function photoA(cell: Cell, bytes: Uint8Array, complete: boolean): string {
  const id = `matrix-photo-${cell.role}-${cell.n}`;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const decl = { sha256, bytes: bytes.length, mime: 'image/jpeg' as const, ownerTable: 'duties' as const, ownerId: 'matrix-duty', role: 'meeting' as const, takenAt: Date.UTC(2026, 9, 5), width: 4, height: 3 };
  declarePhoto(s.db, dataDirOf(s.db), teamA.id, deviceA.id, id, decl, s.clock.now);
  if (complete) appendPiece(s.db, dataDirOf(s.db), teamA.id, id, 0, bytes, s.clock.now);
  return id;
}
export const formOf = (cell: Cell, fields: Record<string, string | string[]> = {}) => ({ _csrf: cell.creds.csrf, ...fields });

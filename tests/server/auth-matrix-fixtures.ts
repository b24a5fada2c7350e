/**
 * The world of the authorization matrix (auth-matrix.test.ts): the roles, the shape of a
 * row of its table, and the data every cell runs against. Real server, real SQLite, real
 * data: branch A with a team whose phone enrolled and pushed two months of records and a
 * submitted report, branch B with its own team, phone and secretary, an admin, a revoked
 * phone, and a team C whose codes the open enrolment route redeems. Branch A also has a
 * read-only viewer (支委会委员). Every account has set its own password (the first sign-in
 * with a one-time password is tested in secretary-password.test.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateTeamData, type TeamData } from '../fixtures/generate';
import { newDuty } from '../../src/domain/checklist';
import type { SyncRecord, SyncTableName } from '../../src/domain/sync-protocol';
import { createAdmin } from '../../src/server/secretary/accounts';
import { demoReport, toSync } from '../../src/server/secretary/demo-data';
import { createBranch, createEnrolCode, createSecretary, createTeam, revokeDevice, type TeamRow } from '../../src/server/store';
import { enrol, ownPassword, postJson, signIn, startTestServer, testId, type TestServer } from './helpers';

export const ROLES = ['none', 'deviceA', 'deviceRevoked', 'secretaryA', 'secretaryB', 'admin', 'viewerA'] as const;
export type Role = (typeof ROLES)[number];
/** 'login' = 303 to the sign-in page (a refusal); 303 = any other redirect (allowed). */
export type Outcome = 200 | 303 | 'login' | 401 | 403 | 404;
export const allowed = (o: Outcome) => o === 200 || o === 303;

/** `files`: sent with `form` as multipart/form-data (an upload) instead of urlencoded. */
export interface Req { method: string; path: string; form?: Record<string, string | string[]>; files?: Record<string, File>; json?: unknown; headers?: Record<string, string> }
export interface Creds { headers: Record<string, string>; csrf: string }
export interface Cell { role: Role; n: number; creds: Creds }
export interface Row {
  sample: (cell: Cell) => Req | Promise<Req>;
  expect: Record<Role, Outcome>;
  /** An allowed request must change the database. */
  writes?: boolean;
  /** Where an allowed 303 must go (default: anywhere but the sign-in page). */
  location?: string | RegExp;
  /** Text an allowed answer must contain, per role. */
  shows?: (role: Role) => string[];
  /** Secretary roles get a session of their own for this cell (sign-out ends it). */
  fresh?: boolean;
  after?: (cell: Cell, res: Answer) => void | Promise<void>;
}
export interface Answer { status: number; location: string | null; type: string; text: string; headers: Headers }

export let s: TestServer;
export let teamA: TeamRow;
export let teamB: TeamRow;
export let teamC: TeamRow;
export let reportA = '';
export let deviceA = { token: '', id: '' };
export let revokedToken = '';
export type AccountRole = 'secretaryA' | 'secretaryB' | 'admin' | 'viewerA';
export const pw: Record<AccountRole, { user: string; password: string; id: string }> = {} as never;
export const creds: Partial<Record<Role, Creds>> = {};
export const MARK_A = '甲矿机密记录';
export const MARK_B = '乙矿机密记录';
export let markersA: string[] = [];
export let markersB: string[] = [];

export const SEC_ROLES = new Set<Role>(['secretaryA', 'secretaryB', 'admin', 'viewerA']);
const USERS = { secretaryA: 'sec-a', secretaryB: 'sec-b', admin: 'root', viewerA: 'view-a' } as const;

/** Two months of a team as its phone holds them, one duty carrying `marker`, and October's report. */
function teamRecords(seed: number, marker: string): SyncRecord[] {
  const d: TeamData = generateTeamData({ seed, months: 2, workers: 10, endDay: '2026-11-02' });
  d.duties.at(-1)!.organisationNote = marker;
  const tables: [SyncTableName, keyof TeamData][] = [['workers', 'workers'], ['riskTypes', 'riskTypes'], ['duties', 'duties'],
    ['hazards', 'hazards'], ['weeklyScreenings', 'weeklyScreenings'], ['helpRecords', 'helpRecords'], ['pairs', 'pairs'], ['hardships', 'hardships']];
  const out = [toSync('teams', d.team)];
  for (const [table, key] of tables) for (const r of d[key] as { id: string; rev: number; updatedAt: number; deleted: boolean }[]) out.push(toSync(table, r));
  out.push(toSync('reports', demoReport('2026-10', d, Date.parse('2026-11-02T18:00:00+08:00'))));
  return out;
}

async function pushAll(token: string, teamId: string, records: SyncRecord[]): Promise<void> {
  for (let i = 0; i < records.length; i += 500) {
    const res = await postJson(`${s.url}/api/v1/sync/push`, { v: 1, teamId, records: records.slice(i, i + 500) }, token);
    const body = (await res.json()) as { rejected: unknown[] };
    if (res.status !== 200 || body.rejected.length) throw new Error(`push ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
  }
}

export function freshDuty(): SyncRecord {
  const d = newDuty({ id: testId(), createdAt: s.clock.now }, '2026-11-02', { id: 's1', name: '八点班' }, 10);
  return toSync('duties', { ...d, dirty: 0 } as typeof d);
}

export async function credsFor(role: Role, fresh = false): Promise<Creds> {
  if (role === 'none') return { headers: {}, csrf: creds.secretaryA?.csrf ?? '' };
  if (role === 'deviceA') return { headers: { Authorization: `Bearer ${deviceA.token}` }, csrf: creds.secretaryA?.csrf ?? '' };
  if (role === 'deviceRevoked') return { headers: { Authorization: `Bearer ${revokedToken}` }, csrf: creds.secretaryA?.csrf ?? '' };
  if (!fresh && creds[role]) return creds[role];
  const { cookie, csrf } = await signIn(s.url, pw[role].user, pw[role].password);
  return { headers: { cookie }, csrf };
}

/** Builds the world: runs in the beforeAll of auth-matrix.test.ts. */
export async function setUpWorld(): Promise<void> {
  s = await startTestServer();
  s.clock.now = Date.parse('2026-11-03T08:00:00+08:00');
  mkdirSync(join(s.root, 'dist'), { recursive: true });
  writeFileSync(join(s.root, 'dist', 'index.html'), '<!doctype html><title>班组小政委</title>');
  const a = createBranch(s.db, '甲矿党支部', s.clock.now);
  const b = createBranch(s.db, '乙矿党支部', s.clock.now);
  const c = createBranch(s.db, '丙矿党支部', s.clock.now);
  teamA = createTeam(s.db, a.id, '甲矿综采班', s.clock.now);
  teamB = createTeam(s.db, b.id, '乙矿掘进班', s.clock.now);
  teamC = createTeam(s.db, c.id, '丙矿机运班', s.clock.now);
  const own = (role: AccountRole, account: { id: string }) => {
    pw[role] = { user: USERS[role], password: ownPassword(s.db, account, s.clock.now), id: account.id };
  };
  own('secretaryA', createSecretary(s.db, a.id, USERS.secretaryA, s.clock.now));
  own('secretaryB', createSecretary(s.db, b.id, USERS.secretaryB, s.clock.now));
  own('admin', createAdmin(s.db, USERS.admin, s.clock.now));
  own('viewerA', createSecretary(s.db, a.id, USERS.viewerA, s.clock.now, 'viewer'));

  const enA = await enrol(s, createEnrolCode(s.db, teamA.id, s.clock.now).code, 'matrix-device-a-0123456789');
  deviceA = { token: enA.token, id: enA.deviceId };
  const recsA = teamRecords(1, MARK_A);
  await pushAll(deviceA.token, teamA.id, recsA);
  reportA = recsA.find((r) => r.table === 'reports')!.id;
  const enB = await enrol(s, createEnrolCode(s.db, teamB.id, s.clock.now).code, 'matrix-device-b-0123456789');
  const recsB = teamRecords(2, MARK_B);
  await pushAll(enB.token, teamB.id, recsB);
  // A second phone of team A, whose records device A pulls; then a third, revoked.
  const en2 = await enrol(s, createEnrolCode(s.db, teamA.id, s.clock.now).code, 'matrix-device-2-0123456789');
  const duty2 = freshDuty();
  await pushAll(en2.token, teamA.id, [{ ...duty2, body: { ...duty2.body, organisationNote: `${MARK_A}（班长）` } }]);
  const enR = await enrol(s, createEnrolCode(s.db, teamA.id, s.clock.now).code, 'matrix-device-r-0123456789');
  await pushAll(enR.token, teamA.id, [freshDuty()]);
  revokeDevice(s.db, enR.deviceId, s.clock.now);
  revokedToken = enR.token;

  markersA = [teamA.id, teamA.name, a.id, a.name, MARK_A, reportA, deviceA.id];
  markersB = [teamB.id, teamB.name, b.id, b.name, MARK_B, recsB.find((r) => r.table === 'reports')!.id, enB.deviceId];
  for (const role of ['secretaryA', 'secretaryB', 'admin', 'viewerA'] as const) creds[role] = await credsFor(role);
}

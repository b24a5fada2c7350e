/** The enrolment answer tells a phone whether it founds its team or joins one that has data (issue 13). */
import { describe, expect, it } from 'vitest';
import { createEnrolCode } from '../../src/server/store';
import { duty, enrol, makeTeam, testId } from './helpers';
import { push, s, useSyncServer } from './sync-harness';

useSyncServer();

const teamRecord = (id: string, district: string, updatedAt: number, deleted = false) => ({
  table: 'teams', id, rev: 1, updatedAt, deleted,
  body: {
    id, rev: 1, updatedAt, createdAt: 1_000, deleted, district, name: '检修班', instructorName: '刘建国',
    timeZone: 'Asia/Shanghai', overnightRule: 'next', shifts: [{ id: 's1', name: '八点班', start: '08:00', end: '16:00' }],
  },
});

describe('enrol answer: hasData and district', () => {
  it('an empty team: hasData false, no district; the server\'s team and branch names', async () => {
    const t = makeTeam(s, '第一班组');
    const first = await enrol(s, t.code, 'nonce-first-0123456789');
    expect(first).toMatchObject({ teamName: '第一班组', branchName: '综采一队党支部', hasData: false, district: '' });
  });

  it('a team with records: hasData true, and the district its phones last named', async () => {
    const t = makeTeam(s, '第二班组');
    const a = await enrol(s, t.code, 'nonce-a-0123456789abc');
    expect((await push(a.token, a.teamId, [teamRecord(testId(), '综采一队', 2_000), teamRecord(testId(), '综采二队', 3_000), duty(testId(), 1)])).status).toBe(200);
    const b = await enrol(s, createEnrolCode(s.db, t.teamId, s.clock.now).code, 'nonce-b-0123456789abc');
    expect(b).toMatchObject({ teamName: '第二班组', hasData: true, district: '综采二队' });
  });

  it('another team\'s data does not count, and a deleted team record names no district', async () => {
    const busy = makeTeam(s, '第三班组');
    const a = await enrol(s, busy.code, 'nonce-c-0123456789abc');
    await push(a.token, a.teamId, [teamRecord(testId(), '综采三队', 2_000, true)]);
    const other = makeTeam(s, '第四班组');
    expect(await enrol(s, other.code, 'nonce-d-0123456789abc')).toMatchObject({ hasData: false, district: '' });
    const again = await enrol(s, createEnrolCode(s.db, busy.teamId, s.clock.now).code, 'nonce-e-0123456789abc');
    expect(again).toMatchObject({ hasData: false, district: '' });
  });

  it('the district the server holds (teams.district) wins over the one typed on a phone', async () => {
    const t = makeTeam(s, '第五班组');
    const a = await enrol(s, t.code, 'nonce-f-0123456789abc');
    await push(a.token, a.teamId, [teamRecord(testId(), '手机上填的区队', 2_000)]);
    s.db.prepare('UPDATE teams SET district = ? WHERE id = ?').run('综采五队', t.teamId);
    const b = await enrol(s, createEnrolCode(s.db, t.teamId, s.clock.now).code, 'nonce-g-0123456789abc');
    expect(b).toMatchObject({ hasData: true, district: '综采五队' });
  });
});

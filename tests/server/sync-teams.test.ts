/** Sync endpoint, many teams of one branch: config scoped to the team, the team's names in pulls, bounded revisions, device names. */
import { describe, expect, it } from 'vitest';
import { MAX_REV_JUMP } from '../../src/domain/sync-protocol';
import { createEnrolCode, createTeam, setConfig } from '../../src/server/store';
import { duty, enrol, makeTeam, postJson, testId } from './helpers';
import { pull, push, s, stored, useSyncServer } from './sync-harness';

useSyncServer();

describe('config of a branch with several teams', () => {
  it('a pull carries branch-wide config and its own team config, never another team roster or shifts', async () => {
    const a = makeTeam(s, '甲班');
    const b = createTeam(s.db, a.branchId, '乙班', s.clock.now, '综采一队');
    const roster = (name: string) => [{ id: `w-${name}`, name, post: '', partyMember: true, retired: false }];
    setConfig(s.db, a.branchId, `team:${a.teamId}:roster`, roster('王建国'), 1);
    setConfig(s.db, a.branchId, `team:${a.teamId}:shifts`, [{ id: 's1', name: '早班', start: '08:00', end: '16:00', retired: false }], 2);
    setConfig(s.db, a.branchId, `team:${b.id}:roster`, roster('李春生'), 3);
    setConfig(s.db, a.branchId, `team:${b.id}:merges`, [{ from: 'x', to: 'y', at: 1 }], 4);
    setConfig(s.db, a.branchId, 'riskTypes', [{ id: 'r1', name: '家庭困难', retired: false, order: 0 }], 5);
    const phoneA = await enrol(s, a.code);
    const phoneB = await enrol(s, createEnrolCode(s.db, b.id, s.clock.now).code, 'nonce-team-b-0123456789');
    const pa = await pull(phoneA.token, 0);
    const pb = await pull(phoneB.token, 0);
    expect(pa.body.config.map((c) => c.key).sort()).toEqual([`team:${a.teamId}:roster`, `team:${a.teamId}:shifts`, 'riskTypes'].sort());
    expect(pb.body.config.map((c) => c.key).sort()).toEqual([`team:${b.id}:merges`, `team:${b.id}:roster`, 'riskTypes'].sort());
    expect(JSON.stringify(pb.body)).not.toContain('王建国');
    expect(JSON.stringify(pa.body)).not.toContain('李春生');
    // The names the phone shows are the server's.
    expect(pa.body.team).toEqual({ name: '甲班', branchName: '综采一队党支部' });
    expect(pb.body.team).toEqual({ name: '乙班', district: '综采一队', branchName: '综采一队党支部' });
  });
});

describe('revisions', () => {
  it('refuses a revision that is not a safe integer or jumps more than MAX_REV_JUMP, alone, and stores the rest', async () => {
    const t = makeTeam(s);
    const dev = await enrol(s, t.code);
    const [a, b, c, d] = [testId(), testId(), testId(), testId()];
    await push(dev.token, dev.teamId, [duty(a, 1, 'first')]);
    const r = await push(dev.token, dev.teamId, [
      duty(a, 9e15, 'forever', 5_000), duty(b, MAX_REV_JUMP + 1), duty(c, 2 ** 60, '', 5_000), duty(d, MAX_REV_JUMP, 'far but allowed'),
    ]);
    expect(r.status).toBe(200);
    expect(r.body.rejected.map((x) => [x.id, x.code])).toEqual([[a, 'invalid_rev'], [b, 'invalid_rev'], [c, 'invalid_rev']]);
    expect(r.body.rejected[0]!.message).toContain('版本号');
    expect(r.body.acks).toEqual([{ table: 'duties', id: d, rev: MAX_REV_JUMP }]);
    expect(JSON.parse(stored(a)!.body).organisationNote).toBe('first');
    expect(stored(b)).toBeUndefined();
    // Within the bound from the stored revision it is an ordinary later edit.
    const ok = await push(dev.token, dev.teamId, [duty(a, 1 + MAX_REV_JUMP, 'later')]);
    expect(ok.body.acks).toEqual([{ table: 'duties', id: a, rev: 1 + MAX_REV_JUMP }]);
  });
});

describe('device names', () => {
  it('stores the name the phone sends, cleaned and cut to 40 characters', async () => {
    const t = makeTeam(s);
    const res = await postJson(`${s.url}/api/v1/enrol`, { v: 1, code: t.code, nonce: 'nonce-named-0123456789', deviceName: '  刘建国的\u0007手机 ' });
    expect(res.status).toBe(200);
    const { deviceId } = (await res.json()) as { deviceId: string };
    const name = (id: string) => (s.db.prepare('SELECT name FROM devices WHERE id = ?').get(id) as { name: string }).name;
    expect(name(deviceId)).toBe('刘建国的手机');
    // An installed app of the previous release sends 64 characters of its user agent.
    const code = createEnrolCode(s.db, t.teamId, s.clock.now).code;
    const ua = 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko)'.slice(0, 64);
    const old = await postJson(`${s.url}/api/v1/enrol`, { v: 1, code, nonce: 'nonce-long-0123456789', deviceName: ua });
    expect(old.status).toBe(200);
    expect(name(((await old.json()) as { deviceId: string }).deviceId)).toBe(ua.slice(0, 40).trim());
  });
});

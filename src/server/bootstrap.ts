/**
 * First start: an empty database gets a branch, a secretary account and a first team
 * with an enrolment code. The password is returned here to be printed once; only its
 * scrypt hash is stored, so it can never be shown again (the admin CLI makes new ones).
 */
import type { Sqlite } from './db';
import { createBranch, createEnrolCode, createSecretary, createTeam } from './store';

export interface FirstStart {
  branchName: string;
  username: string;
  password: string;
  teamId: string;
  teamName: string;
  code: string;
  expiresAt: number;
}

export function bootstrapIfEmpty(db: Sqlite, now: number, names = { branch: '党支部', team: '第一班组', username: 'secretary' }): FirstStart | null {
  return db.transaction((): FirstStart | null => {
    const { n } = db.prepare('SELECT COUNT(*) AS n FROM branches').get() as { n: number };
    if (n > 0) return null;
    const branch = createBranch(db, names.branch, now);
    const secretary = createSecretary(db, branch.id, names.username, now);
    const team = createTeam(db, branch.id, names.team, now);
    const code = createEnrolCode(db, team.id, now);
    return {
      branchName: branch.name, username: names.username, password: secretary.password,
      teamId: team.id, teamName: team.name, code: code.code, expiresAt: code.expiresAt,
    };
  })();
}

export function enrolLink(baseUrl: string, code: string): string {
  return `${baseUrl}/enrol?code=${encodeURIComponent(code)}`;
}

export function formatFirstStart(f: FirstStart, baseUrl: string): string {
  return [
    '首次启动：已创建党支部与书记账号（密码只显示这一次，请立即记下）',
    `  党支部: ${f.branchName}`,
    `  书记账号: ${f.username}`,
    `  一次性密码: ${f.password}（首次登录时须设置新密码）`,
    `已创建班组「${f.teamName}」(${f.teamId})，设备登记码（24 小时内有效，只能用一次）:`,
    `  登记码: ${f.code}`,
    `  登记链接: ${enrolLink(baseUrl, f.code)}`,
  ].join('\n');
}

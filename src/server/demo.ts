/**
 * `npm run demo`: fills DATA_DIR (./data, the one `npm start` uses) with a demo branch —
 * 4 teams, an enrolled phone each, 3 months of generated entries (seeded, so the same
 * every time), submitted reports (one revised, one already scored) — and prints how to
 * sign in. Run again: the demo branch is kept and the demo password is renewed.
 */
import { resolve } from 'node:path';
import { monthKey, addMonths } from '../domain/calendar';
import { generateTeamData } from '../../tests/fixtures/generate';
import { hashPassword, newPassword } from './crypto';
import { openDatabase } from './db';
import { createBranch, createTeam, type TeamRow } from './store';
import { seedTeam } from './secretary/demo-data';
import { today } from './secretary/params';
import { DEFAULT_RUBRIC } from './secretary/rubric';
import { saveReview } from './secretary/review';
import { loadTeam, reportOfMonth } from './secretary/data';
import { seedDemoPhotos } from './demo-photos';

export const DEMO_BRANCH = '综采一队党支部（示范）';
export const DEMO_USER = 'demo';
const TEAMS = ['综采一队甲班', '综采一队乙班', '掘进二队检修班', '机运队运输班'];

export function fillDemo(dataDir: string, now = Date.now()): { username: string; password: string; created: boolean } {
  const db = openDatabase(dataDir);
  try {
    const day = today(now);
    const password = newPassword();
    const existing = db.prepare('SELECT id FROM branches WHERE name = ?').get(DEMO_BRANCH) as { id: string } | undefined;
    db.transaction(() => {
      const branchId = existing?.id ?? createBranch(db, DEMO_BRANCH, now).id;
      const hash = hashPassword(password);
      // A one-time password like every generated one: the first sign-in sets the demo user's own.
      const r = db.prepare('UPDATE secretaries SET password_hash = ?, branch_id = ?, must_change_password = 1 WHERE username = ?').run(hash, branchId, DEMO_USER);
      if (r.changes === 0) {
        db.prepare("INSERT INTO secretaries (id, branch_id, username, password_hash, created_at, role) VALUES (lower(hex(randomblob(8))), ?, ?, ?, ?, 'secretary')")
          .run(branchId, DEMO_USER, hash, now);
      }
      if (existing) return;
      const secretaryId = (db.prepare('SELECT id FROM secretaries WHERE username = ?').get(DEMO_USER) as { id: string }).id;
      TEAMS.forEach((name, i) => {
        const team: TeamRow = createTeam(db, branchId, name, now + i);
        const data = generateTeamData({ seed: 100 + i, months: 3, workers: 14 + i * 6, endDay: day });
        data.team = { ...data.team, name: name.replace(/^.*队/, ''), district: name.match(/^.*队/)?.[0] ?? '' };
        const device = seedTeam(db, team, data, { now, today: day, reportMonths: i === 3 ? 1 : 2, deviceName: `${name}的手机` });
        seedDemoPhotos(db, team.id, device.id, data, 100 + i, now);
        // One phone silent for five days: the dashboard shows it in red.
        if (i === 2) db.prepare('UPDATE devices SET last_seen_at = ? WHERE id = ?').run(now - 5 * 86_400_000, device.id);
        // The older report of the first two teams is already scored.
        if (i < 2) {
          const month = addMonths(monthKey(day), -2);
          const report = reportOfMonth(loadTeam(db, team.id), month);
          if (report) {
            const items = DEFAULT_RUBRIC.map((it) => ({ id: it.id, name: it.name, points: it.points, score: Math.round(it.points * (0.8 + i * 0.1)) }));
            saveReview(db, team, report, secretaryId, { items, feedback: '日跟班扎实，周帮扶记录具体。下月注意隐患按期销号。', adopted: [report.ideas[0]!.id] }, now, DEFAULT_RUBRIC);
          }
        }
      });
    })();
    return { username: DEMO_USER, password, created: !existing };
  } finally {
    db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dataDir = resolve(process.env.DATA_DIR ?? 'data');
  const t0 = Date.now();
  const r = fillDemo(dataDir);
  const url = process.env.PUBLIC_URL ?? `http://${process.env.HOST ?? '127.0.0.1'}:${process.env.PORT ?? 8080}`;
  console.log([
    r.created ? `示范数据已写入 ${dataDir}（${Date.now() - t0} ms）：${DEMO_BRANCH}，4 个班组，近 3 个月记录（含隐患整改前后照片）。` : `示范支部已存在，已为 ${DEMO_USER} 重新生成密码。`,
    '启动服务：npm start（或已构建时 npm run serve），然后打开：',
    `  ${url}/secretary/`,
    `  账号: ${r.username}`,
    `  一次性密码: ${r.password}（只显示这一次，首次登录须设置新密码；再次运行 npm run demo 可重新生成）`,
  ].join('\n'));
}

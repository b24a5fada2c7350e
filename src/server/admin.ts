/**
 * Admin CLI: `npm run admin -- <command> …` (tsx src/server/admin.ts). Works on the
 * same SQLite file as the server (DATA_DIR, default ./data); WAL lets both run at once.
 * Passwords are printed once, at creation or reset, and never again; each is a one-time
 * password its account must replace at its first sign-in.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { backupDatabase } from './backup';
import { backupPhotos } from './backup-photos';
import { enrolLink } from './bootstrap';
import { createAdmin, USERNAME_RE, usernameTaken } from './secretary/accounts';
import { when } from './secretary/layout';
import { auditAccount, resetPassword } from './secretary/passwords';
import { teamNameError } from './secretary/teams';
import { openDatabase, type Sqlite } from './db';
import {
  createBranch, createEnrolCode, createSecretary, createTeam, listBranches, listDevices, listTeams, liveEnrolCodes,
  revokeDevice, revokeEnrolCode, setConfig,
} from './store';

export const USAGE = `用法: npm run admin -- <命令> [参数]
  branch:create <名称>                     新建党支部
  branch:list                              列出党支部
  secretary:create <支部编号> <账号>         新建书记账号（打印一次性密码）
  admin:create <账号>                       新建管理员账号（管理所有党支部、查看审计日志；打印一次性密码）
  viewer:create <支部编号> <账号>            新建支委会委员账号（只读：查看和导出本支部，不能修改；打印一次性密码）
  password:reset <账号>                     重置密码：打印新的一次性密码，并结束该账号所有登录
  team:create <支部编号> <班组名称>          新建班组（并打印登记码）
  team:list [支部编号]                      列出班组
  code:create <班组编号>                    新建设备登记码（24 小时有效，一次性）
  code:list <班组编号>                      列出有效的登记码（只显示末两位，服务器不保存登记码本身）
  code:revoke <班组编号> <登记码编号>         作废登记码（编号见 code:list）
  device:list [班组编号]                    列出设备
  device:revoke <设备编号>                  停用设备（手机上的数据不会被删除）
  config:set <支部编号> <键> <JSON 值>       下发配置（roster / riskTypes / checklist / shifts …）
  backup <文件>                            在线备份数据库和照片（照片在 <文件>-photos；服务运行时也可执行，见 docs/operations.md）
一次性密码在首次登录时必须改成自己的密码。
环境变量: DATA_DIR（默认 ./data）, PUBLIC_URL（登记链接的地址，默认 http://127.0.0.1:8080）`;

export interface AdminEnv {
  dataDir: string;
  publicUrl: string;
  now: number;
  out: (line: string) => void;
}

function need(args: string[], n: number): string[] {
  if (args.length < n || args.slice(0, n).some((a) => a.trim() === '')) throw new UsageError();
  return args;
}
class UsageError extends Error {}

function exists(db: Sqlite, table: 'branches' | 'teams', id: string): void {
  if (!db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get(id)) {
    throw new Error(`${table === 'branches' ? '党支部' : '班组'}不存在: ${id}`);
  }
}

/** Runs one command; returns the process exit code. */
export function runAdmin(argv: string[], env: AdminEnv): number {
  const [command, ...args] = argv;
  const db = openDatabase(env.dataDir);
  const out = env.out;
  try {
    switch (command) {
      case 'branch:create': {
        const b = createBranch(db, need(args, 1)[0]!, env.now);
        out(`已创建党支部「${b.name}」 编号: ${b.id}`);
        return 0;
      }
      case 'branch:list':
        for (const b of listBranches(db)) out(`${b.id}\t${b.name}`);
        return 0;
      case 'admin:create': {
        const [username] = need(args, 1);
        const a = createAdmin(db, username!, env.now);
        out(`已创建管理员账号 ${username}，一次性密码（只显示这一次）: ${a.password}`);
        return 0;
      }
      case 'secretary:create': {
        const [branchId, username] = need(args, 2);
        exists(db, 'branches', branchId!);
        const s = createSecretary(db, branchId!, username!, env.now);
        out(`已创建书记账号 ${username}，一次性密码（只显示这一次）: ${s.password}`);
        return 0;
      }
      case 'viewer:create': {
        const [branchId, username] = need(args, 2);
        exists(db, 'branches', branchId!);
        if (!USERNAME_RE.test(username!)) throw new Error('账号只能使用字母、数字和 _ . -，3–32位');
        if (usernameTaken(db, username!)) throw new Error(`账号已存在: ${username}`);
        const v = createSecretary(db, branchId!, username!, env.now, 'viewer');
        out(`已创建支委会委员账号 ${username}（只读），一次性密码（只显示这一次）: ${v.password}`);
        return 0;
      }
      case 'password:reset': {
        const [username] = need(args, 1);
        const row = db.prepare('SELECT id FROM secretaries WHERE username = ?').get(username) as { id: string } | undefined;
        if (!row) throw new Error(`账号不存在: ${username}`);
        const password = resetPassword(db, row.id, env.now);
        auditAccount(db, env.now, row.id, 'password_reset', '命令行重置，所有登录已结束');
        out(`已重置 ${username} 的密码，所有登录已结束。一次性密码（只显示这一次，首次登录须修改）: ${password}`);
        return 0;
      }
      case 'team:create': {
        const [branchId, name] = need(args, 2);
        exists(db, 'branches', branchId!);
        const taken = teamNameError(db, branchId!, name!.trim());
        if (taken) throw new Error(taken);
        const t = db.transaction(() => {
          const team = createTeam(db, branchId!, name!.trim(), env.now);
          return { team, code: createEnrolCode(db, team.id, env.now) };
        })();
        out(`已创建班组「${t.team.name}」 编号: ${t.team.id}`);
        out(`登记码: ${t.code.code}  链接: ${enrolLink(env.publicUrl, t.code.code)}`);
        return 0;
      }
      case 'team:list':
        for (const t of listTeams(db, args[0])) out(`${t.id}\t${t.branch_id}\t${t.name}`);
        return 0;
      case 'code:create': {
        const teamId = need(args, 1)[0]!;
        exists(db, 'teams', teamId);
        const c = createEnrolCode(db, teamId, env.now);
        // China time, as on the secretary's pages (the server's own zone may be UTC).
        out(`登记码: ${c.code}（北京时间 ${when(c.expiresAt)} 前有效，只能用一次）`);
        out(`链接: ${enrolLink(env.publicUrl, c.code)}`);
        return 0;
      }
      case 'code:list': {
        const teamId = need(args, 1)[0]!;
        exists(db, 'teams', teamId);
        for (const c of liveEnrolCodes(db, teamId, env.now)) {
          out(`${c.code_hash.slice(0, 12)}\t******${c.hint}\t北京时间 ${when(c.expires_at)} 前有效\t${c.created_by_name ?? '命令行'}`);
        }
        return 0;
      }
      case 'code:revoke': {
        const [teamId, id] = need(args, 2);
        const row = db.prepare('SELECT code_hash FROM enrolment_codes WHERE team_id = ? AND substr(code_hash, 1, 12) = ?').get(teamId, id!.toLowerCase()) as
          { code_hash: string } | undefined;
        if (!row || !revokeEnrolCode(db, teamId!, row.code_hash, env.now)) throw new Error(`没有这个有效的登记码: ${id}`);
        out(`已作废登记码 ${id}`);
        return 0;
      }
      case 'device:list':
        for (const d of listDevices(db, args[0])) {
          const state = d.revoked_at === null ? '有效' : '已停用';
          const seen = d.last_seen_at === null ? '从未同步' : `${when(d.last_seen_at)}（北京时间）`;
          out(`${d.id}\t${d.team_id}\t${state}\t${seen}\t${d.name}`);
        }
        return 0;
      case 'device:revoke': {
        const id = need(args, 1)[0]!;
        if (!revokeDevice(db, id, env.now)) throw new Error(`设备不存在或已停用: ${id}`);
        out(`已停用设备 ${id}`);
        return 0;
      }
      case 'config:set': {
        const [branchId, key, json] = need(args, 3);
        exists(db, 'branches', branchId!);
        let value: unknown;
        try {
          value = JSON.parse(json!);
        } catch {
          throw new Error('配置值不是有效的 JSON');
        }
        setConfig(db, branchId!, key!, value, env.now);
        out(`已下发配置 ${key}`);
        return 0;
      }
      default:
        throw new UsageError();
    }
  } catch (e) {
    out(e instanceof UsageError ? USAGE : `错误: ${e instanceof Error ? e.message : String(e)}`);
    return e instanceof UsageError ? 64 : 1;
  } finally {
    db.close();
  }
}

/** runAdmin, plus the one asynchronous command: `backup <FILE>` (SQLite online backup). */
export async function runAdminAsync(argv: string[], env: AdminEnv): Promise<number> {
  if (argv[0] !== 'backup') return runAdmin(argv, env);
  const target = argv[1];
  if (!target || target.trim() === '' || argv.length > 2) {
    env.out(USAGE);
    return 64;
  }
  try {
    const r = await backupDatabase(env.dataDir, target);
    env.out(`已备份到 ${r.file}（${(r.bytes / 1024).toFixed(0)} KiB，${r.ms.toFixed(0)} ms，已通过完整性检查）`);
    // Photos after the database: every photo the copied rows name is already verified on disk.
    const p = backupPhotos(env.dataDir, `${r.file}-photos`);
    env.out(`照片已备份到 ${r.file}-photos（共 ${p.total} 张，本次新复制 ${p.copied} 张，均已校验 SHA-256）`);
    return 0;
  } catch (e) {
    env.out(`错误: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await runAdminAsync(process.argv.slice(2), {
    dataDir: resolve(process.env.DATA_DIR ?? 'data'),
    publicUrl: (process.env.PUBLIC_URL ?? 'http://127.0.0.1:8080').replace(/\/+$/, ''),
    now: Date.now(),
    out: (line) => console.log(line),
  });
}

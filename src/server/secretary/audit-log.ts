/**
 * The audit log as people read it: who (account, or the phone for an enrolment), what (a
 * zh-CN action), which team, and the detail with ids turned into names (a config key
 * `team:<id>:roster` reads 甲班 · 花名册). Filtered by account, action, team and China-time
 * days; kept for AUDIT_RETENTION_DAYS (default 3 years), pruned at start and daily.
 */
import type { Sqlite } from '../db';
import { csvCell } from './export-csv';
import { labelTeams } from './teams';
import type { TeamRow } from '../store';

export const ACTIONS: Record<string, string> = {
  sign_in: '登录', view_team: '查看班组', view_day: '查看当日记录', view_report: '查看月汇报', view_roster: '查看花名册', score_report: '评分',
  print_report: '打印月汇报', export_xlsx: '导出Excel', export_docx: '导出Word', export_csv: '导出CSV', export_audit: '导出审计日志',
  create_code: '生成登记码', revoke_code: '作废登记码', enrol_device: '手机登记', add_team: '添加班组', rename_team: '班组改名',
  archive_team: '归档班组', restore_team: '恢复班组', add_branch: '添加党支部', revoke_device: '停用设备', edit_rubric: '修改考核细则',
  edit_config: '修改配置', login_failed: '登录失败', password_changed: '修改密码', password_change_failed: '修改密码失败',
  password_reset: '重置密码', sessions_ended: '结束登录', merge_workers: '合并人员', retire_worker: '停用人员',
  edit_branch_config: '修改支部设置（清单）', import_roster_preview: '导入花名册（预览）', view_hazards: '查看全支部隐患', view_hardships: '查看困难职工台账',
  view_pairs: '查看1+X结对', view_worker: '查看人员记录', view_ideas: '查看金点子库', adopt_idea: '采纳金点子', unadopt_idea: '取消采纳金点子',
  send_reminder: '发送提醒', edit_settings: '修改支部设置（月汇报截止日）',
  view_photo: '查看照片', export_photos: '导出照片',
};

const CONFIG_LABELS: Record<string, string> = { roster: '花名册', shifts: '班次', riskTypes: '帮扶类型（全支部）', checklist: '日跟班检查项（全支部）' };

export const DEFAULT_RETENTION_DAYS = 3 * 365;

/** AUDIT_RETENTION_DAYS: whole days, at least 30; anything else is a start-up error, said plainly. */
export function retentionDays(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_RETENTION_DAYS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 30) throw new Error(`AUDIT_RETENTION_DAYS must be a whole number of days ≥ 30, got "${raw}"`);
  return n;
}

export function pruneAudit(db: Sqlite, now: number, days: number): number {
  return db.prepare('DELETE FROM audit_log WHERE at < ?').run(now - days * 86_400_000).changes;
}

export interface AuditFilter { account?: string; action?: string; team?: string; from?: string; to?: string }
export interface AuditRow { id: number; at: number; secretary_id: string | null; username: string | null; action: string; team_id: string | null; detail: string }

/** China-time day → the epoch ms it starts at. */
const dayStart = (day: string) => Date.parse(`${day}T00:00:00+08:00`);

export function queryAudit(db: Sqlite, f: AuditFilter, limit: number, offset = 0): AuditRow[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  const add = (sql: string, ...values: (string | number)[]) => {
    where.push(sql);
    args.push(...values);
  };
  if (f.account === 'phone') add('a.secretary_id IS NULL');
  else if (f.account) add('a.secretary_id = ?', f.account);
  if (f.action) add('a.action = ?', f.action);
  if (f.team) add('a.team_id = ?', f.team);
  if (f.from) add('a.at >= ?', dayStart(f.from));
  if (f.to) add('a.at < ?', dayStart(f.to) + 86_400_000);
  return db.prepare(`SELECT a.id, a.at, a.secretary_id, s.username, a.action, a.team_id, a.detail FROM audit_log a
    LEFT JOIN secretaries s ON s.id = a.secretary_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY a.at DESC, a.id DESC LIMIT ? OFFSET ?`).all(...args, limit, offset) as AuditRow[];
}

export interface Readable { at: number; who: string; action: string; team: string; detail: string }

/** Turns rows into names; lookups are cached per call (a page or an export). */
export function readable(db: Sqlite, rows: readonly AuditRow[]): Readable[] {
  const teams = new Map(labelTeams(db, db.prepare('SELECT * FROM teams').all() as TeamRow[]).map((t) => [t.id, t.name]));
  const branches = new Map((db.prepare('SELECT id, name FROM branches').all() as { id: string; name: string }[]).map((b) => [b.id, b.name]));
  const device = (id: string) => (db.prepare('SELECT name FROM devices WHERE id = ?').get(id) as { name: string } | undefined)?.name;
  const teamName = (id: string) => teams.get(id) ?? '（已删除的班组）';
  const detail = (r: AuditRow): string => {
    switch (r.action) {
      case 'edit_config': {
        const m = /^team:([^:]+):(\w+)$/.exec(r.detail);
        if (m) return `${teamName(m[1]!)} · ${CONFIG_LABELS[m[2]!] ?? m[2]}`;
        return CONFIG_LABELS[r.detail] ?? r.detail;
      }
      case 'export_xlsx': {
        const [branch, month] = r.detail.split(' ');
        return `${branches.get(branch ?? '') ?? branch} · ${month ?? ''}`;
      }
      case 'edit_rubric':
        return branches.get(r.detail) ?? r.detail;
      case 'revoke_device':
        return `设备「${device(r.detail) || '未命名设备'}」`;
      case 'enrol_device': {
        try {
          const d = JSON.parse(r.detail) as { name?: string; again?: boolean };
          return `设备「${d.name || '未命名设备'}」${d.again ? '（重新获取凭证）' : ''}`;
        } catch {
          return r.detail;
        }
      }
      default:
        return r.detail;
    }
  };
  return rows.map((r) => ({
    at: r.at,
    who: r.secretary_id === null ? '手机' : (r.username ?? '（已删除的账号）'),
    action: ACTIONS[r.action] ?? r.action,
    team: r.team_id ? teamName(r.team_id) : '—',
    detail: detail(r),
  }));
}

const fmt = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
});

/** CSV of the filtered log, BOM for Excel, cells through csvCell (XML-safe, formula-safe). */
export function* auditCsv(db: Sqlite, f: AuditFilter): Generator<string> {
  const line = (cells: string[]) => `${cells.map(csvCell).join(',')}\r\n`;
  yield `\uFEFF${line(['时间（北京时间）', '账号', '操作', '班组', '说明'])}`;
  const PAGE = 1000;
  for (let offset = 0; ; offset += PAGE) {
    const rows = queryAudit(db, f, PAGE, offset);
    yield readable(db, rows).map((r) => line([fmt.format(new Date(r.at)), r.who, r.action, r.team, r.detail])).join('');
    if (rows.length < PAGE) return;
  }
}

/**
 * 设备登记 from the web. The team page lists devices (last sync, revoke); the code page
 * lists the team's live codes (last two characters and expiry only: the database keeps
 * no code, code-key.ts) with 作废, and makes a new code with a POST. The new code is
 * handed to the GET after the redirect through a one-time slip held in memory for this
 * account, so reloading the page shows the list again instead of making another code.
 */
import { html } from 'hono/html';
import QRCode from 'qrcode';
import { randomBytes } from 'node:crypto';
import type { Sqlite } from '../db';
import { listDevices, type LiveCode, type TeamRow } from '../store';
import type { Session } from './auth';
import { SILENT_MS } from './dashboard';
import { canEdit, csrf, when, type Html } from './layout';

export function devicesSection(db: Sqlite, s: Session, team: TeamRow, now: number): Html {
  const devices = listDevices(db, team.id);
  return html`<h2 id="devices">设备</h2>
${devices.length === 0 ? html`<p class="muted">尚无登记设备。</p>` : html`<div class="scroll"><table><thead><tr><th>设备</th><th>登记时间</th><th>最近同步</th><th>状态</th><th></th></tr></thead><tbody>
${devices.map((d) => {
    const silent = d.revoked_at === null && (d.last_seen_at === null || now - d.last_seen_at > SILENT_MS);
    return html`<tr><td>${d.name || '未命名设备'}</td><td>${when(d.created_at)}</td><td class="${silent ? 'stale' : ''}">${d.last_seen_at ? when(d.last_seen_at) : '从未同步'}</td>
<td>${d.revoked_at ? `已停用 ${when(d.revoked_at)}` : '正常'}</td>
<td>${d.revoked_at || !canEdit(s) ? '' : html`<form method="post" action="/secretary/device/${d.id}/revoke" class="inline">${csrf(s)}<button class="secondary" aria-label="停用 ${d.name || d.id}">停用</button></form>`}</td></tr>`;
  })}</tbody></table></div>`}
${canEdit(s) ? html`<form method="post" action="/secretary/team/${team.id}/code" class="actions">${csrf(s)}<button>生成设备登记码</button>
<a class="button secondary" href="/secretary/team/${team.id}/code">查看有效登记码</a></form>` : ''}`;
}

export interface NewCode { code: string; expiresAt: number; link: string }

/** One-time slips: a new code waits here for the page after the redirect, ten minutes at most. */
export class CodeSlips {
  private slips = new Map<string, NewCode & { accountId: string; teamId: string; until: number }>();
  put(accountId: string, teamId: string, code: NewCode, now: number): string {
    for (const [k, v] of this.slips) if (v.until <= now) this.slips.delete(k);
    const key = randomBytes(12).toString('base64url');
    this.slips.set(key, { ...code, accountId, teamId, until: now + 10 * 60_000 });
    return key;
  }
  /** The code, once, to the account that made it and on its team's page. */
  take(key: string | undefined, accountId: string, teamId: string, now: number): NewCode | null {
    const slip = key ? this.slips.get(key) : undefined;
    if (!slip || slip.accountId !== accountId || slip.teamId !== teamId || slip.until <= now) return null;
    this.slips.delete(key!);
    return slip;
  }
}

/** Is the peer this machine? Then a link made from the request's own origin points at 127.0.0.1 / localhost. */
export function isLoopback(address: string): boolean {
  return /^(127\.|::1$|::ffff:127\.)/.test(address);
}

export async function codesPage(s: Session, team: TeamRow, live: readonly LiveCode[], fresh: NewCode | null, warnLoopback: boolean): Promise<Html> {
  return html`<h1>${team.name} · 设备登记码</h1>
${warnLoopback ? html`<div class="error" role="alert" data-testid="loopback-warning"><p><strong>手机无法使用这个链接。</strong>服务器没有设置 PUBLIC_URL，
登记链接和二维码指向 127.0.0.1（本机地址），手机扫码后打不开。</p>
<p>请在启动服务器时设置手机能访问的地址，例如 <code>PUBLIC_URL=https://你的域名 npm start</code>（见 docs/operations.md）；
在此之前，请让小政委在手机上手动输入登记码。</p></div>` : ''}
${fresh ? await newCodeBlock(fresh) : ''}
<h2>有效的登记码</h2>
${live.length === 0 ? html`<p class="muted">没有有效的登记码。</p>` : html`<div class="scroll"><table><thead><tr><th>登记码</th><th>生成时间</th><th>生成人</th><th>有效期至（北京时间）</th><th></th></tr></thead><tbody>
${live.map((c) => html`<tr data-testid="live-code"><td class="code">******${c.hint}</td><td>${when(c.created_at)}</td><td>${c.created_by_name ?? '命令行'}</td><td>${when(c.expires_at)}</td>
<td>${canEdit(s) ? html`<form method="post" action="/secretary/team/${team.id}/code/${c.code_hash}/revoke" class="inline">${csrf(s)}<button class="secondary" aria-label="作废 ******${c.hint}">作废</button></form>` : ''}</td></tr>`)}
</tbody></table></div>`}
<p class="muted">登记码只在生成时显示一次（服务器只保存无法还原的摘要）。忘记了请作废，再生成新的。</p>
<div class="actions">${canEdit(s) ? html`<form method="post" action="/secretary/team/${team.id}/code" class="inline">${csrf(s)}<button>生成设备登记码</button></form>` : ''}
<a class="button secondary" href="/secretary/team/${team.id}#devices">返回班组</a></div>`;
}

async function newCodeBlock(c: NewCode): Promise<Html> {
  const svg = await QRCode.toString(c.link, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  return html`<section class="notice" role="status"><h2>新的登记码（只显示这一次）</h2>
<p>请小政委在手机上打开“班组小政委”，在“设备登记”中输入登记码，或用手机扫描二维码。</p>
<p class="code" data-testid="enrol-code">${c.code}</p>
<img class="qr" src="${src}" alt="登记二维码：${c.link}">
<p>登记链接：<a href="${c.link}">${c.link}</a></p>
<p class="muted">有效期至 ${when(c.expiresAt)}（北京时间），只能使用一次。</p></section>`;
}

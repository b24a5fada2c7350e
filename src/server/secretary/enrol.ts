/**
 * 设备登记 from the web: a team's enrolment code as text, link and QR code (SVG made here
 * by qrcode, inlined as a data: image, which the CSP allows), the device list with the
 * last sync of each, and revoke.
 */
import { html } from 'hono/html';
import QRCode from 'qrcode';
import type { Sqlite } from '../db';
import { listDevices, type TeamRow } from '../store';
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
${canEdit(s) ? html`<form method="post" action="/secretary/team/${team.id}/code" class="actions">${csrf(s)}<button>生成设备登记码</button></form>` : ''}`;
}

export async function codePage(team: TeamRow, code: string, expiresAt: number, link: string): Promise<Html> {
  const svg = await QRCode.toString(link, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
  return html`<h1>${team.name} · 设备登记码</h1>
<p>请小政委在手机上打开“班组小政委”，在“设备登记”中输入登记码，或用手机扫描二维码。</p>
<p class="code" data-testid="enrol-code">${code}</p>
<img class="qr" src="${src}" alt="登记二维码：${link}">
<p>登记链接：<a href="${link}">${link}</a></p>
<p class="muted">有效期至 ${when(expiresAt)}，只能使用一次。</p>
<p><a class="button secondary" href="/secretary/team/${team.id}#devices">返回班组</a></p>`;
}

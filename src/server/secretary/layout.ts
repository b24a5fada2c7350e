/**
 * The page shell of the secretary's pages: server-rendered, escaped by hono's html``,
 * one stylesheet and one tiny script file (print.js: the 打印 buttons), so every page
 * works without JavaScript and under the strict CSP (no inline script or style: colours
 * are classes).
 */
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Session } from './auth';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** landscape: the page prints on A4 landscape (the dashboard's month grid). */
export function page(title: string, s: Session | null, body: Html, opts: { wide?: boolean; print?: boolean; landscape?: boolean } = {}): Html {
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · 班组小政委</title>
<link rel="stylesheet" href="/secretary/style.css">
${opts.landscape ? html`<link rel="stylesheet" href="/secretary/landscape.css" media="print">` : ''}
<script src="/secretary/print.js" defer></script>
<link rel="icon" href="data:,">
</head>
<body class="${opts.print ? 'print' : ''}">
${opts.print ? '' : header(s)}
<main class="${opts.wide ? 'wide' : ''}">
${body}
</main>
</body>
</html>`;
}

function header(s: Session | null): Html {
  if (!s) return html`<header class="top"><span class="brand">班组小政委 · 党支部</span></header>`;
  return html`<header class="top">
  <a class="brand" href="/secretary/">班组小政委 · 党支部</a>
  <nav>
    <a href="/secretary/">总览</a>
    <a href="/secretary/rubric">考核细则</a>
    <a href="/secretary/exports">导出</a>
    <a href="/secretary/hazards">隐患</a>
    <a href="/secretary/ideas">金点子</a>
    <a href="/secretary/settings">支部设置</a>
    ${s.account.role === 'admin' ? html`<a href="/secretary/branches">党支部管理</a><a href="/secretary/audit">审计日志</a>` : ''}
    <a href="/secretary/password">修改密码</a>
    <form method="post" action="/secretary/logout" class="inline">${csrf(s)}<button class="link">退出（${s.account.username}）</button></form>
  </nav>
</header>`;
}

/** A viewer (支委会委员) reads; every form that changes something is left out of her pages. */
export function canEdit(s: Session): boolean {
  return s.account.role !== 'viewer';
}

export function csrf(s: Session): Html {
  return html`<input type="hidden" name="_csrf" value="${s.csrf}">`;
}

export function errorBox(messages: readonly string[]): Html {
  if (messages.length === 0) return html``;
  return html`<div class="error" role="alert"><ul>${messages.map((m) => html`<li>${m}</li>`)}</ul></div>`;
}

export function notice(text: string | undefined): Html {
  return text ? html`<p class="notice" role="status">${text}</p>` : html``;
}

const fmt = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
});
export function when(ms: number | null | undefined): string {
  return ms ? fmt.format(new Date(ms)) : '—';
}

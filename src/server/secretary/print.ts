/**
 * Printing: the monthly report as an A4 print page (the same model as the docx, laid out
 * by style.css, @page A4), the 打印 button of every printable page, and the two small
 * files behind it. The pages have no inline script (CSP script-src 'self'): print.js is
 * served by us and wires every [data-print] button to window.print(). Without script the
 * button stays hidden and the browser's own 打印 still works.
 */
import { html } from 'hono/html';
import type { Html } from './layout';
import type { ReportDoc } from './report-doc';

export const PRINT_JS = `(function () {
  var buttons = document.querySelectorAll('[data-print]');
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener('click', function () { window.print(); });
  }
})();
`;

/** Linked (media=print) after style.css by pages that print wide, such as the dashboard's month grid. */
export const LANDSCAPE_CSS = '@page{size:A4 landscape;margin:10mm}\n';

export function printButton(label = '打印'): Html {
  return html`<button type="button" class="secondary noprint" data-print hidden>${label}</button>`;
}

export function printView(doc: ReportDoc, backHref: string): Html {
  return html`<p class="noprint actions"><a class="button secondary" href="${backHref}">返回</a> ${printButton('打印（A4）')}</p>
<h1>${doc.title}</h1>
<p>班组：${doc.teamName}　区队：${doc.district || '—'}　小政委：${doc.instructor || '—'}</p>
<p>汇报月份：${doc.monthLabel}　状态：${doc.status}</p>
<p class="muted">${doc.submittedNote}</p>
<h2>工作数据</h2>
<table><thead><tr><th>项目</th><th class="num">数量</th></tr></thead><tbody>
${doc.figures.map((f) => html`<tr><td>${f.label}</td><td class="num">${f.value}</td></tr>`)}</tbody></table>
${doc.parts.map((part) => html`<h2>${part.heading}</h2>${(part.paragraphs.length ? part.paragraphs : ['—']).map((t) => html`<p>${t || '—'}</p>`)}`)}
<h2>金点子</h2>
${doc.ideas.length ? html`<ol>${doc.ideas.map((i) => html`<li>${i.title}${i.adopted ? '（已采纳）' : ''}：${i.content}</li>`)}</ol>` : html`<p>本月未提交金点子。</p>`}
<h2>党支部审阅与考核</h2>
${doc.review ? html`<table><thead><tr><th>考核项目</th><th class="num">得分</th></tr></thead><tbody>
${doc.review.items.map((i) => html`<tr><td>${i.name}（${i.points}分）</td><td class="num">${i.score}</td></tr>`)}
<tr><th>合计得分</th><th class="num">${doc.review.score ?? '—'}</th></tr></tbody></table>
${doc.review.note ? html`<p class="muted" data-testid="score-note">${doc.review.note}。</p>` : ''}
<p>反馈意见：${doc.review.feedback || '—'}</p>` : html`<p>尚未评分。</p>`}
<div class="sig"><div>小政委（签字）</div><div>党支部书记（签字）</div><div>日期</div></div>`;
}

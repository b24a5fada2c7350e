/** /secretary/style.css: the phone app's design language (party red, system CJK fonts, large targets). */
export const STYLE = `
:root{--red:#a31515;--ink:#111;--muted:#555;--line:#bbb;--bg:#fff;--soft:#f6f1f1;--ok:#1f6f2a;--warn:#8a5a00}
*{box-sizing:border-box}
[hidden]{display:none!important}
fieldset.plain{border:0;margin:0;padding:0;min-width:0}
pre.plain{white-space:pre-wrap;font:inherit;background:var(--soft);padding:8px;margin:4px 0}
body{margin:0;font-family:-apple-system,'PingFang SC','Noto Sans CJK SC','Microsoft YaHei',sans-serif;color:var(--ink);background:var(--bg);font-size:16px;line-height:1.5}
a{color:var(--red)}
.top{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;justify-content:space-between;background:var(--red);color:#fff;padding:8px 16px}
.top a,.top .brand,.top button.link{color:#fff;text-decoration:none;font-weight:600}
.top nav{display:flex;flex-wrap:wrap;gap:4px 14px;align-items:center}
.top nav a,.top button.link{min-height:44px;display:inline-flex;align-items:center}
main{max-width:960px;margin:0 auto;padding:12px 16px 48px}
main.wide{max-width:none}
h1{font-size:1.4rem;margin:12px 0}
h2{font-size:1.15rem;margin:20px 0 8px;border-left:4px solid var(--red);padding-left:8px}
h3{font-size:1rem;margin:14px 0 6px}
table{border-collapse:collapse;width:100%;margin:8px 0}
th,td{border:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{background:var(--soft)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
.scroll table{min-width:560px}
.scroll table.grid,.scroll table.compact{min-width:0}
.scroll td:first-child{white-space:nowrap}
.grid{font-size:13px;width:auto}
.grid th,.grid td{padding:2px 4px;text-align:center;min-width:24px}
.grid th.team,.grid td.team{text-align:left;white-space:nowrap;position:sticky;left:0;background:#fff;min-width:120px}
.d-done{background:#1f6f2a;color:#fff}
.d-partly{background:#f2c14e;color:#000}
.d-missing{background:#fff;color:var(--red);font-weight:700;outline:2px solid var(--red);outline-offset:-3px}
.d-off{background:#ddd;color:#333}
.d-future{background:#fff}
.d-progress{background:#fff;color:#555}.d-before{background:#f4f4f4}.d-rest{background:#fff}
.grid th.count{white-space:nowrap}
.grid td a.cell{display:block;color:inherit;text-decoration:none;min-height:20px}
.legend{display:flex;flex-wrap:wrap;gap:12px;margin:8px 0;font-size:14px}
.legend span span{display:inline-block;min-width:24px;text-align:center;margin-right:4px}
.badge{display:inline-block;padding:0 8px;border-radius:10px;border:1px solid currentColor;font-size:14px;white-space:nowrap}
.badge + a{margin-left:8px}
.s-none{color:var(--red)}.s-notdue{color:#555}.s-submitted{color:var(--warn)}.s-scored{color:var(--ok)}.s-rereview{color:var(--warn);font-weight:bold}
.stale{color:var(--red);font-weight:700}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(280px,1fr));gap:12px}
.card{border:1px solid var(--line);border-radius:8px;padding:10px 12px}
.card h3{margin-top:0}
.card svg{width:100%;max-width:560px;height:auto;display:block}
form.stack{display:grid;gap:12px;max-width:560px}
label{font-weight:600;display:block}
label.check{font-weight:400;display:flex;align-items:center;min-height:44px}label.check input{width:24px;height:24px;margin-right:10px}
input,select,textarea,button{font:inherit}
input[type=text],input[type=password],input[type=number],input[type=date],input[type=month],select,textarea{width:100%;min-height:44px;padding:8px;border:2px solid #777;border-radius:6px}
textarea{min-height:120px}
td input[type=number]{min-width:5em}
button,.button{min-height:44px;padding:8px 18px;border-radius:6px;border:2px solid var(--red);background:var(--red);color:#fff;font-weight:700;cursor:pointer;text-decoration:none;display:inline-flex;align-items:center}
button.secondary,.button.secondary{background:#fff;color:var(--red)}
button.link{background:none;border:none;padding:0;min-height:0;font-weight:600;cursor:pointer}
form.inline{display:inline}
.actions{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0;align-items:center}
.monthnav form{display:inline-flex;gap:8px;align-items:center}.monthnav input[type=month]{width:auto}
.error{border:2px solid var(--red);background:#fff0f0;padding:8px 12px;border-radius:6px;margin:8px 0}
.notice{border:2px solid var(--ok);background:#eef8ef;padding:8px 12px;border-radius:6px}
.muted{color:var(--muted)}
.code{font-size:2rem;letter-spacing:.2em;font-family:ui-monospace,monospace;font-weight:700}
.qr{width:240px;height:240px;border:1px solid var(--line)}
dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px}
dl.kv dt{font-weight:600}dl.kv dd{margin:0}
.chart text{font-size:11px;fill:#333}
.chart text.val{font-size:9px;fill:#000}
.chart .axis{stroke:#666}.chart .grid-line{stroke:#ccc;stroke-dasharray:2 2}
.sig{display:flex;justify-content:space-between;margin-top:48px;gap:24px}
.sig div{flex:1;border-top:1px solid #000;padding-top:4px}
body.print main{max-width:180mm;padding:0}
body.print h1{text-align:center;font-size:22pt}
@media print{
.top,.noprint{display:none!important}
main,main.wide{max-width:none;padding:0}
@page{size:A4;margin:18mm 15mm}
a{color:inherit;text-decoration:none}
.scroll{overflow:visible}
.scroll table{min-width:0}
.grid{font-size:11px}
.grid th,.grid td{min-width:0;padding:1px 2px}
.grid th.team,.grid td.team{position:static;min-width:0}
.d-done,.d-partly,.d-off,.chart{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.cards{grid-template-columns:repeat(3,1fr)}
.card{break-inside:avoid}
h2{break-after:avoid}
}
@media (max-width:600px){main{padding:8px 10px 40px}h1{font-size:1.25rem}}
`;

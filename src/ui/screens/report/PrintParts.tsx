import type { ReportText } from '../../../domain/report';
import type { MonthFigures } from '../../../domain/report-figures';
import { figureGroups, type FigureRow } from './figure-rows';

interface PrintRow {
  key: string;
  label: string;
  value: string;
  sub: boolean;
}

const BREAKDOWN_TITLES: Record<string, string> = { 原因: '薄弱原因', 措施: '采取措施', 类型: '帮扶类型', 结果: '帮扶结果' };

/**
 * Same rows as the screen, but each breakdown (原因：…, 类型：…) folds into one line of its
 * non-zero parts, so the whole report fits on about two A4 pages.
 */
function printRows(rows: FigureRow[]): PrintRow[] {
  const out: (PrintRow & { prefix?: string })[] = [];
  for (const r of rows) {
    const [prefix, name] = r.label.split('：');
    const title = name !== undefined ? BREAKDOWN_TITLES[prefix ?? ''] : undefined;
    if (!r.sub || !title || !name) {
      out.push({ key: r.key, label: r.label, value: `${r.count.value} ${r.unit}${r.extra ? ` ${r.extra}` : ''}`, sub: r.sub ?? false });
      continue;
    }
    const part = r.count.value > 0 ? `${name} ${r.count.value}` : '';
    const last = out[out.length - 1];
    if (last && last.prefix === prefix) last.value = [last.value, part].filter(Boolean).join('、');
    else out.push({ key: `by-${r.key}`, label: `${title}（${r.unit}）`, value: part, sub: true, prefix });
  }
  return out.map((r) => ({ ...r, value: r.value || '无' }));
}

/** The figures as a plain table: group, item, number. */
export function PrintFigures({ figures }: { figures: MonthFigures }) {
  return (
    <section>
      <h2>一、主要数据</h2>
      <table class="figs" data-testid="print-figures">
        <thead><tr><th>类别</th><th>项目</th><th>数量</th></tr></thead>
        <tbody>
          {figureGroups(figures).flatMap((g) => {
            const rows = printRows(g.rows);
            return rows.map((r, i) => (
              <tr key={`${g.title}-${r.key}`} class={r.sub ? 'sub' : ''}>
                {i === 0 && <th rowSpan={rows.length}>{g.title}</th>}
                <td>{r.label}</td>
                <td class="num" data-testid={`print-fig-${r.key}`}>{r.value}</td>
              </tr>
            ));
          })}
        </tbody>
      </table>
    </section>
  );
}

const para = (s: string) => (s.trim() ? s.split('\n').map((line, i) => <p key={i}>{line}</p>) : <p class="empty">（未填写）</p>);

/** The written parts, numbered as the branch's form has them. */
export function PrintText({ text, adoptedIds = [] }: { text: ReportText | null; adoptedIds?: string[] }) {
  const t = text ?? { lookBack: '', progress: '', nextPriorities: [], methods: '', ideas: [] };
  const priorities = t.nextPriorities.filter((p) => p.trim() !== '');
  return (
    <>
      <section><h2>二、回头看</h2>{para(t.lookBack)}</section>
      <section><h2>三、班组管理进展</h2>{para(t.progress)}</section>
      <section>
        <h2>四、次月工作重点</h2>
        {priorities.length ? <ol>{priorities.map((p, i) => <li key={i}>{p}</li>)}</ol> : <p class="empty">（未填写）</p>}
      </section>
      <section><h2>五、思想教育方式方法</h2>{para(t.methods)}</section>
      <section>
        <h2>六、金点子</h2>
        {t.ideas.length === 0 ? <p class="empty">（无）</p> : (
          <table class="ideas">
            <thead><tr><th>序号</th><th>标题</th><th>内容</th><th>预期效果</th></tr></thead>
            <tbody>
              {t.ideas.map((i, n) => (
                <tr key={i.id}><td>{n + 1}</td><td>{i.title}{(i.adopted || adoptedIds.includes(i.id)) && '（已采纳）'}</td><td>{i.content}</td><td>{i.expectedEffect}</td></tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

import type { SourceTable } from '../../../domain/report-figures';
import { loadSourceRecords } from '../../../db/reports';
import { listWorkers } from '../../../db/team';
import { useLive } from '../../hooks';
import type { FigureRow } from './figure-rows';
import { describeRecord } from './source-lines';

const TABLE_TITLES: Record<SourceTable, string> = {
  duties: '日跟班记录', hazards: '隐患/问题', weeklyScreenings: '周排查', helpRecords: '帮扶记录',
  pairs: '1+X 结对', hardships: '困难职工台账',
};

/** A bottom sheet listing the records behind one figure (and the people, for a people count). */
export function SourceSheet({ row, onClose }: { row: FigureRow; onClose: () => void }) {
  const workers = useLive(() => listWorkers(true), []) ?? [];
  const groups = useLive(
    () => Promise.all(row.count.sources.filter((s) => s.ids.length > 0).map(async (s) => ({ table: s.table, rows: await loadSourceRecords(s.table, s.ids) }))),
    [row],
  );
  const nameOf = (id: string) => workers.find((w) => w.id === id)?.name ?? '已移除人员';
  return (
    <div class="sheet-backdrop" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div class="sheet" role="dialog" aria-label={`${row.label}的来源`} data-testid="source-sheet">
        <div class="row" style={{ justifyContent: 'space-between', flexWrap: 'nowrap' }}>
          <h2>{row.label}：{row.count.value} {row.unit}</h2>
          <button type="button" class="primary" onClick={onClose}>关闭</button>
        </div>
        {row.workerIds && row.workerIds.length > 0 && <p>人员：{row.workerIds.map(nameOf).join('、')}</p>}
        {groups?.length === 0 && <p class="muted">没有来源记录（本月为 0）。</p>}
        {groups?.map((g) => (
          <div key={g.table}>
            <h3>{TABLE_TITLES[g.table]}（{g.rows.length}）</h3>
            <ul class="list source-list" data-testid={`source-${g.table}`}>
              {g.rows.map((r) => {
                const line = describeRecord(g.table, r, nameOf);
                return (
                  <li key={r.id}>
                    {line.href ? <a href={line.href}>{line.title}</a> : <b>{line.title}</b>}
                    {r.deleted && <span class="badge">已删除</span>}
                    {line.detail && <div class="hint">{line.detail}</div>}
                  </li>
                );
              })}
            </ul>
          </div>
        ))}
      </div>
    </div>
  );
}

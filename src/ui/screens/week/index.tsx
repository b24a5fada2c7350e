import { useState } from 'preact/hooks';
import { addWeeks, isoWeekKey, productionDay, weekDays, weekLabel } from '../../../domain/calendar';
import { dueTeamOf, weekDue } from '../../../domain/due';
import type { Team } from '../../../domain/types';
import type { HelpRecord } from '../../../domain/weekly';
import { addHelpRecord } from '../../../db/weekly';
import { firstRecordDays } from '../../../db/duties';
import { save, useLive } from '../../hooks';
import { AddPersonSheet } from './AddPersonSheet';
import { CarryList, SuggestionList } from './FollowUps';
import { HelpRecordCard } from './HelpRecordCard';
import { RiskTypesEditor } from './RiskTypesEditor';
import { ScreeningCard, StatusBadge } from './ScreeningCard';
import { workerName } from './strings';
import { useWeekData, type WeekData } from './useWeekData';
import './week.css';

function validWeek(week: string): boolean {
  try {
    return weekDays(week).length === 7;
  } catch {
    return false;
  }
}

/** 周帮扶: one ISO week — the team's screening, follow-ups, suggestions and each person's help. */
export function WeekScreen({ team, week }: { team: Team; week?: string }) {
  const current = isoWeekKey(productionDay(Date.now(), team));
  const shown = week ?? current;
  if (!validWeek(shown)) return <main><p class="error">周次不正确。</p><a href="/week">回到本周</a></main>;
  const [weekNo, range] = weekLabel(shown).split(' ');
  return (
    <main class="wk">
      <div class="row wk-between wk-nav">
        <a class="btn" href={`/week/${addWeeks(shown, -1)}`} aria-label="上一周">‹</a>
        <div class="wk-title">
          <h1 data-testid="week-label">{weekNo}{shown === current && <span class="badge wk-this">本周</span>}</h1>
          <div>{range}</div>
          {shown !== current && <a href="/week">回到本周</a>}
        </div>
        <a class="btn" href={`/week/${addWeeks(shown, 1)}`} aria-label="下一周">›</a>
      </div>
      <WeekOrNotDue team={team} week={shown} />
      <p class="row wk-links"><a class="btn" href="/people">人员台账 · 1+X · 困难职工 →</a></p>
    </main>
  );
}

/** A week not yet begun, or over before the team was set up, cannot be filled (due.ts). */
function WeekOrNotDue({ team, week }: { team: Team; week: string }) {
  const days = useLive(firstRecordDays, []);
  if (days === undefined) return <p class="muted">加载中…</p>;
  const due = weekDue(dueTeamOf(team, days), week, Date.now(), 'none');
  if (due === 'future') return <p class="card muted" data-testid="week-not-due">这一周还没有开始，到时再填写。</p>;
  if (due === 'before-team') return <p class="card muted" data-testid="week-not-due">班组开始使用之前的一周，无需填写。</p>;
  return <WeekBody key={week} week={week} />;
}

function WeekBody({ week }: { week: string }) {
  const data = useWeekData(week);
  const [openId, setOpenId] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [editingTypes, setEditingTypes] = useState(false);
  if (!data) return <p class="muted">加载中…</p>;
  const started = (r: HelpRecord) => setOpenId(r.id);
  const pick = async (workerId: string) => {
    setAdding(false);
    const r = await save(() => addHelpRecord(week, workerId));
    if (r) started(r);
  };
  const common = { week, workers: data.workers, types: data.types, onStarted: started };
  return (
    <>
      <div class="row wk-between">
        <StatusBadge status={data.status} />
        <button type="button" class={editingTypes ? 'on' : 'ghost'} aria-expanded={editingTypes} onClick={() => setEditingTypes(!editingTypes)}>
          管理类型
        </button>
      </div>
      {editingTypes && <section class="card"><RiskTypesEditor /></section>}
      <CarryList {...common} carries={data.carries} />
      <ScreeningCard week={week} screening={data.screening} records={data.thisWeek} types={data.types} workers={data.workers} />
      <SuggestionList {...common} suggestions={data.suggestions} />
      <Records data={data} openId={openId} setOpenId={setOpenId} />
      <button type="button" class="wide wk-add" onClick={() => setAdding(true)}>+ 添加帮扶对象</button>
      {adding && (
        <AddPersonSheet workers={data.workers} taken={data.thisWeek.map((r) => r.workerId)}
          onPick={(id) => void pick(id)} onClose={() => setAdding(false)} />
      )}
    </>
  );
}

function Records({ data, openId, setOpenId }: { data: WeekData; openId: string | null; setOpenId: (id: string | null) => void }) {
  if (data.thisWeek.length === 0) return null;
  return (
    <section aria-label="帮扶记录">
      <h2 class="wk-h2">帮扶记录（{data.thisWeek.length}）</h2>
      {data.thisWeek.map((r) => (
        <HelpRecordCard key={r.id} record={r} name={workerName(data.workers, r.workerId)} types={data.types} days={data.days}
          prev={r.carriedFromId ? data.byId.get(r.carriedFromId) : undefined}
          open={openId === r.id} onOpen={(o) => setOpenId(o ? r.id : null)} />
      ))}
    </section>
  );
}

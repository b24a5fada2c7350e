import { useState } from 'preact/hooks';
import { addMonths, dayLabel, historyDays, localDay, monthKey, monthLabel, shiftsInDayOrder } from '../../../domain/calendar';
import { firstDayOf } from '../../../domain/due';
import { workedShifts } from '../../../domain/rota';
import { dutyProgress } from '../../../domain/checklist';
import type { Team } from '../../../domain/types';
import { dutiesBetween, firstRecordDays } from '../../../db/duties';
import { listHazards } from '../../../db/hazards';
import { useLive } from '../../hooks';

/**
 * Past shifts by day: the shifts the team works (倒班, rota.ts) and any other shift that holds a
 * record, with its state; tap to correct. Days before the team existed are left out.
 */
export function HistoryScreen({ team }: { team: Team }) {
  const today = localDay(Date.now(), team.timeZone);
  const [month, setMonth] = useState(monthKey(today));
  const firstDay = firstDayOf(team.createdAt, team.timeZone, useLive(firstRecordDays, []) ?? []);
  const all = historyDays(month, today);
  const duties = useLive(() => dutiesBetween(all[all.length - 1] ?? today, all[0] ?? today), [month]) ?? [];
  const hazards = useLive(() => listHazards(), []) ?? [];
  const hazardsOf = (dutyId: string) => hazards.filter((h) => h.dutyId === dutyId).length;
  // Days before the team's first day (set-up, or an earlier record) owe nothing and are left out.
  const days = all.filter((d) => d >= firstDay || duties.some((x) => x.day === d));
  const shiftsOf = (day: string) => {
    const worked = new Set(workedShifts(team, team.rota, day).map((s) => s.id));
    return shiftsInDayOrder(team).filter((s) => worked.has(s.id) || duties.some((x) => x.day === day && x.shiftId === s.id));
  };
  return (
    <main>
      <div class="row" style={{ justifyContent: 'space-between', margin: '8px 0' }}>
        <button type="button" data-repeat aria-label="上个月" onClick={() => setMonth(addMonths(month, -1))}>‹</button>
        <h1>{monthLabel(month)}</h1>
        <button type="button" data-repeat aria-label="下个月" disabled={month >= monthKey(today)} onClick={() => setMonth(addMonths(month, 1))}>›</button>
      </div>
      <ul class="list">
        {days.map((day) => (
          <li key={day}>
            <b>{dayLabel(day)}</b>
            <div class="day-shifts">
              {shiftsOf(day).map((s) => {
                const d = duties.find((x) => x.day === day && x.shiftId === s.id);
                const p = d && dutyProgress(d, hazardsOf(d.id));
                const state = !d ? '未记录' : d.dayOff ? '休息' : p?.complete ? '✓ 完成' : `${p?.done}/${p?.total}`;
                return (
                  <a key={s.id} class={p?.complete ? 'btn on' : 'btn'} href={`/shift/${day}/${s.id}`} data-testid={`day-${day}-${s.id}`}>
                    {s.name}<br />{state}
                  </a>
                );
              })}
            </div>
          </li>
        ))}
      </ul>
    </main>
  );
}

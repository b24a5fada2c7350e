/** One readable line per record behind a figure; records are read loosely (old snapshots, removed records). */
import { dayLabel, weekLabel } from '../../../domain/calendar';
import type { SourceTable } from '../../../domain/report-figures';
import type { DailyDuty, Hazard } from '../../../domain/types';
import { HARDSHIP_HELP_LABELS, HELP_RESULT_LABELS, type HardshipEntry, type HelpRecord, type PairRecord, type WeeklyScreening } from '../../../domain/weekly';

export interface SourceLine {
  title: string;
  detail: string;
  href?: string;
}

function safe(fn: () => string, fallback: string): string {
  try {
    return fn();
  } catch {
    return fallback; // a corrupt key shows as typed rather than breaking the sheet
  }
}

export function describeRecord(table: SourceTable, rec: Record<string, unknown>, nameOf: (id: string) => string): SourceLine {
  switch (table) {
    case 'duties': {
      const d = rec as unknown as DailyDuty;
      const bits = [d.lessonTopic && `教育：${d.lessonTopic}`, d.talks.workerIds.length > 0 && `谈心 ${d.talks.workerIds.length} 人`,
        d.weak.entries.length > 0 && `薄弱人员 ${d.weak.entries.map((e) => nameOf(e.workerId)).join('、')}`];
      return { title: `${safe(() => dayLabel(d.day), d.day)} ${d.shiftName}`, detail: bits.filter(Boolean).join(' · '), href: `/shift/${d.day}/${d.shiftId}` };
    }
    case 'hazards': {
      const h = rec as unknown as Hazard;
      return { title: h.description, detail: `${h.foundDay} 发现 · ${h.status === 'open' ? '未销号' : `${h.closedDay ?? ''} 已销号`}${h.responsible ? ` · ${h.responsible}` : ''}` };
    }
    case 'weeklyScreenings': {
      const s = rec as unknown as WeeklyScreening;
      return { title: safe(() => weekLabel(s.week), s.week), detail: s.noneAtRisk ? '本周无需帮扶人员' : '本周有帮扶人员' };
    }
    case 'helpRecords': {
      const r = rec as unknown as HelpRecord;
      return { title: `${nameOf(r.workerId)} · ${safe(() => weekLabel(r.week), r.week)}`, detail: r.result ? HELP_RESULT_LABELS[r.result] : '未填结果' };
    }
    case 'pairs': {
      const p = rec as unknown as PairRecord;
      return { title: `${nameOf(p.mentorId)} 帮带 ${p.workerIds.map(nameOf).join('、')}`, detail: `${p.since} 起${p.until ? ` 至 ${p.until}` : ''}` };
    }
    case 'hardships': {
      const h = rec as unknown as HardshipEntry;
      const amount = h.help === 'fund' && h.amountYuan ? ` ${h.amountYuan} 元` : '';
      return { title: `${h.day} ${nameOf(h.workerId)}`, detail: `${h.kind} · ${HARDSHIP_HELP_LABELS[h.help]}${amount}` };
    }
  }
}

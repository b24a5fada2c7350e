/**
 * 倒班 pushed by the branch from the team's config page: one of the common patterns around
 * this week's shift (rota.ts presets), stored under `team:<id>:rota` and pulled by the team's
 * phones, which apply it when it is newer than their own and say the branch set it.
 */
import { html } from 'hono/html';
import { presetOf, presetRota, describeRota, workedShifts, type Rota, type RotaPreset } from '../../domain/rota';
import type { DayKey, OvernightRule, ShiftDef } from '../../domain/types';
import type { Session } from './auth';
import { canEdit, csrf, errorBox, type Html } from './layout';

const PRESETS: { key: RotaPreset; label: string }[] = [
  { key: 'all', label: '每天所有班次' },
  { key: 'fixed', label: '固定一个班' },
  { key: 'weekly-back', label: '每周轮换（倒班，如 八点班→零点班→四点班）' },
  { key: 'weekly-forward', label: '每周轮换（顺班，如 八点班→四点班→零点班）' },
];

interface RotaTeam { shifts: ShiftDef[]; overnightRule: OvernightRule }

export function parseRotaForm(form: Record<string, unknown>, team: RotaTeam, today: DayKey): { ok: true; rota: Rota } | { ok: false; errors: string[] } {
  const preset = PRESETS.find((p) => p.key === form.preset)?.key;
  if (!preset) return { ok: false, errors: ['请选择倒班方式'] };
  if (preset === 'all') return { ok: true, rota: presetRota('all', team, '', today) };
  const shift = team.shifts.find((s) => s.id === form.current);
  if (!shift) return { ok: false, errors: ['请选择本周当班的班次'] };
  return { ok: true, rota: presetRota(preset, team, shift.id, today) };
}

export function rotaBlock(s: Session, teamId: string, team: RotaTeam, rota: Rota | null, today: DayKey, errors: string[]): Html {
  const now = describeRota(rota, team.shifts);
  if (!canEdit(s)) return html`<h2>倒班</h2><p>${now}</p>`;
  const preset = presetOf(rota, team) ?? 'all';
  const current = workedShifts(team, rota, today)[0]?.id;
  return html`<h2 id="rota">倒班</h2>${errorBox(errors)}<p>当前：${now}</p>
<form method="post" action="/secretary/team/${teamId}/config" class="stack">${csrf(s)}<input type="hidden" name="what" value="rota">
<fieldset><legend>倒班方式</legend>${PRESETS.map((p) => html`<label><input type="radio" name="preset" value="${p.key}"${p.key === preset ? ' checked' : ''}> ${p.label}</label>`)}</fieldset>
<label for="rota-current">本周当班</label><select id="rota-current" name="current">${team.shifts.map((x) => html`<option value="${x.id}"${x.id === current ? ' selected' : ''}>${x.name}</option>`)}</select>
<p class="muted">保存后手机下次同步时生效，并显示“支部设置”；小政委在手机上修改后以手机为准。</p>
<div class="actions"><button>保存倒班</button></div></form>`;
}

import type { ReportText } from '../../../domain/report';
import { PRIORITIES_MAX, PRIORITY_MAX, TEXT_MAX } from '../../../domain/report-validate';
import { TextField } from '../../components/TextField';
import { IdeasEditor } from './IdeasEditor';
import type { ReportWriter } from './useReportWriter';

export interface PartProps {
  text: ReportText;
  edit: ReportWriter['edit'];
  /** Messages by field path from the last submit attempt. */
  issues: Record<string, string>;
}

const Issue = ({ msg }: { msg: string | undefined }) => (msg ? <p class="error" role="alert">{msg}</p> : null);

/** The parts the instructor writes; every keystroke is saved (TextField). */
export function WrittenParts({ text, edit, issues }: PartProps) {
  const long = (key: 'lookBack' | 'progress' | 'methods', label: string, placeholder: string) => (
    <div class="report-part">
      <label for={`rp-${key}`}>{label}</label>
      <TextField id={`rp-${key}`} label={label} multiline maxLength={TEXT_MAX} placeholder={placeholder}
        value={text[key]} onSave={(v) => edit(() => ({ [key]: v }))} />
      <Issue msg={issues[key]} />
    </div>
  );
  return (
    <section class="card">
      <h2>汇报内容</h2>
      {long('lookBack', '回头看', '本月日跟班、周帮扶落实情况，好的做法和不足')}
      {long('progress', '班组管理进展', '班组安全、质量、队伍稳定等方面的进展')}
      <Priorities text={text} edit={edit} issues={issues} />
      {long('methods', '思想教育方式方法', '本月用过、效果好的思想教育方法（可不填）')}
      <IdeasEditor text={text} edit={edit} issues={issues} />
    </section>
  );
}

/** 次月工作重点: one line each; blank lines are ignored when submitting. */
function Priorities({ text, edit, issues }: PartProps) {
  const list = text.nextPriorities;
  const set = (i: number, v: string) => edit((r) => ({ nextPriorities: r.nextPriorities.map((p, j) => (j === i ? v : p)) }));
  return (
    <div class="report-part" data-testid="priorities">
      <label>次月工作重点</label>
      {list.map((p, i) => (
        <div class="list-item" key={i}>
          <span class="num">{i + 1}.</span>
          <TextField label={`次月工作重点第${i + 1}条`} value={p} maxLength={PRIORITY_MAX} onSave={(v) => set(i, v)} />
          <button type="button" aria-label={`删除第${i + 1}条`} onClick={() => edit((r) => ({ nextPriorities: r.nextPriorities.filter((_, j) => j !== i) }))}>✕</button>
        </div>
      ))}
      {list.length < PRIORITIES_MAX && (
        <button type="button" class="wide" onClick={() => edit((r) => ({ nextPriorities: [...r.nextPriorities, ''] }))}>+ 添加一条工作重点</button>
      )}
      <Issue msg={issues.nextPriorities} />
    </div>
  );
}

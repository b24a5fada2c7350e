import { newIdea, type GoldenIdea } from '../../../domain/report';
import { IDEA_TITLE_MAX, IDEAS_MAX, TEXT_MAX } from '../../../domain/report-validate';
import { newId } from '../../../db/clock';
import { TextField } from '../../components/TextField';
import type { PartProps } from './WrittenParts';

/** 金点子: improvement ideas, each a title, content and expected effect. */
export function IdeasEditor({ text, edit, issues }: PartProps) {
  const change = (id: string, patch: Partial<GoldenIdea>) =>
    edit((r) => ({ ideas: r.ideas.map((i) => (i.id === id ? { ...i, ...patch } : i)) }));
  const ideaIssues = (n: number) => Object.entries(issues).filter(([p]) => p.startsWith(`ideas.${n}.`)).map(([, m]) => m);
  return (
    <div class="report-part" data-testid="ideas">
      <label>金点子</label>
      {text.ideas.length === 0 && <p class="hint">有改进班组工作的好想法，写在这里（可不填）。</p>}
      {text.ideas.map((idea, n) => (
        <div class="idea card" key={idea.id} data-testid="idea">
          <div class="row" style={{ justifyContent: 'space-between', flexWrap: 'nowrap' }}>
            <b>金点子 {n + 1}{idea.adopted && <span class="badge ok"> ✓ 已采纳</span>}</b>
            <button type="button" aria-label={`删除金点子${n + 1}`} onClick={() => edit((r) => ({ ideas: r.ideas.filter((i) => i.id !== idea.id) }))}>✕</button>
          </div>
          <TextField label={`金点子${n + 1}标题`} placeholder="标题" value={idea.title} maxLength={IDEA_TITLE_MAX} onSave={(v) => change(idea.id, { title: v })} />
          <TextField label={`金点子${n + 1}内容`} placeholder="内容：怎么做" multiline maxLength={TEXT_MAX} value={idea.content} onSave={(v) => change(idea.id, { content: v })} />
          <TextField label={`金点子${n + 1}预期效果`} placeholder="预期效果" multiline maxLength={TEXT_MAX} value={idea.expectedEffect} onSave={(v) => change(idea.id, { expectedEffect: v })} />
          {ideaIssues(n).map((m) => <p class="error" key={m}>{m}</p>)}
        </div>
      ))}
      {text.ideas.length < IDEAS_MAX && (
        <button type="button" class="wide" onClick={() => { const idea = newIdea(newId); edit((r) => ({ ideas: [...r.ideas, idea] })); }}>+ 添加金点子</button>
      )}
      {issues.ideas && <p class="error">{issues.ideas}</p>}
    </div>
  );
}

/**
 * Items of the branch's config this phone could not use (too long, malformed): the good items
 * were applied, these were skipped. Shown so the instructor can tell the secretary, who fixes
 * them where they were entered; nothing on the phone is lost either way.
 */
import { currentConfigProblems } from '../../db/branch-config';
import { useLive } from '../hooks';

function labelOf(key: string): string {
  if (key === 'riskTypes') return '帮扶类型 · 不稳定不安全因素（全支部）';
  if (key.endsWith(':roster')) return '花名册';
  if (key.endsWith(':shifts')) return '班次';
  if (key.endsWith(':merges')) return '人员合并';
  if (key.endsWith(':rota')) return '倒班';
  return key;
}

export function ConfigProblems() {
  const problems = useLive(() => currentConfigProblems(), []);
  const entries = Object.entries(problems ?? {}).filter(([, items]) => items.length > 0);
  if (entries.length === 0) return null;
  return (
    <div class="card" data-testid="config-problems">
      <h3>支部配置中有本机无法使用的项目</h3>
      <p class="hint">其余项目已生效。请告诉党支部书记在服务器的「班组配置」里修改下面这些项目：</p>
      <ul class="list">
        {entries.map(([key, items]) => (
          <li key={key}><strong>{labelOf(key)}</strong>：{items.join('；')}</li>
        ))}
      </ul>
    </div>
  );
}

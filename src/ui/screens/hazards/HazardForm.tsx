import { useState } from 'preact/hooks';
import type { HazardInput } from '../../../domain/hazard';
import { validateHazardInput } from '../../../domain/validation';
import { DateField } from '../../components/DateField';

/** 五定 in short: what, who (定人), by when (定时). Keeps the text if saving fails. */
export function HazardForm(props: { onAdd: (h: HazardInput) => Promise<boolean> }) {
  const [description, setDescription] = useState('');
  const [responsible, setResponsible] = useState('');
  const [deadline, setDeadline] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const submit = async (e: Event) => {
    e.preventDefault();
    const input = { description, responsible, deadline: deadline || null };
    const r = validateHazardInput(input);
    if (!r.ok) return setErrors(r.errors.map((x) => x.message));
    if (await props.onAdd(input)) {
      setDescription('');
      setResponsible('');
      setDeadline('');
      setErrors([]);
    }
  };
  return (
    <form class="stack" onSubmit={submit} noValidate>
      <textarea aria-label="隐患或问题" placeholder="发现的隐患或问题" value={description} maxLength={200}
        onInput={(e) => setDescription(e.currentTarget.value)} />
      <input aria-label="整改责任人" placeholder="整改责任人" value={responsible} maxLength={20} onInput={(e) => setResponsible(e.currentTarget.value)} />
      <div class="dt-row"><span>整改期限（可不填）</span><DateField label="整改期限" optional value={deadline} onChange={setDeadline} /></div>
      {errors.length > 0 && <ul class="error" role="alert">{errors.map((m) => <li key={m}>{m}</li>)}</ul>}
      <button type="submit" class="primary">登记隐患</button>
    </form>
  );
}

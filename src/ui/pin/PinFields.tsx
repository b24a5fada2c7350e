/** The settings card's inputs: a masked numeric PIN box and the idle-time choice. */
import { IDLE_MINUTES_CHOICES } from '../../domain/pin';

export function PinField(props: { id: string; label: string; value: string; onInput: (v: string) => void }) {
  return (
    <>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        class="pin-input"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        value={props.value}
        onInput={(e) => props.onInput((e.currentTarget as HTMLInputElement).value)}
      />
    </>
  );
}

export function IdleSelect({ value, onChange }: { value: number; onChange: (m: number) => void }) {
  return (
    <>
      <label for="pin-idle">不操作多久后锁定</label>
      <select id="pin-idle" value={String(value)} onChange={(e) => onChange(Number((e.currentTarget as HTMLSelectElement).value))}>
        {IDLE_MINUTES_CHOICES.map((m) => (
          <option key={m} value={String(m)}>{m} 分钟</option>
        ))}
      </select>
    </>
  );
}

/** A toggle chip: large, shows its state by colour and by a check mark. */
export function Chip(props: { label: string; on: boolean; onToggle: () => void; testId?: string }) {
  return (
    <button
      type="button"
      class={props.on ? 'chip on' : 'chip'}
      aria-pressed={props.on}
      data-testid={props.testId}
      onClick={props.onToggle}
    >
      {props.on ? '✓ ' : ''}
      {props.label}
    </button>
  );
}

import type { ComponentChildren } from 'preact';

/** A checklist card: a check mark and a border when its duty is done (colour plus symbol). */
export function Section(props: { title: string; done: boolean; id?: string; children: ComponentChildren }) {
  return (
    <section class={props.done ? 'card done' : 'card'} id={props.id} data-done={props.done ? '1' : '0'}>
      <h2>
        <span aria-hidden="true" class={props.done ? 'mark on' : 'mark'}>{props.done ? '✓' : ''}</span>
        {props.title}
        <span class="sr-only">{props.done ? '已完成' : '未完成'}</span>
      </h2>
      {props.children}
    </section>
  );
}

import { useEffect, useRef, useState } from 'preact/hooks';
import { CharCount } from './CharCount';

/**
 * A text box that saves on every keystroke but keeps its own text while focused, so a slower
 * write coming back through the live query never overwrites what the user is typing.
 * Its limit is shown as a counter; a text past the limit stays on screen with a message and
 * only what fits is saved (no silent cut by the browser's maxlength).
 */
export function TextField(props: {
  label: string;
  value: string;
  onSave: (v: string) => void;
  multiline?: boolean;
  placeholder?: string;
  maxLength?: number;
  id?: string;
}) {
  const max = props.maxLength ?? 200;
  const [text, setText] = useState(props.value);
  const focused = useRef(false);
  useEffect(() => {
    if (!focused.current && props.value !== text.slice(0, max)) setText(props.value);
  }, [props.value]);
  const common = {
    id: props.id,
    value: text,
    placeholder: props.placeholder,
    'aria-label': props.label,
    onFocus: () => (focused.current = true),
    onBlur: () => (focused.current = false),
    onInput: (e: Event) => {
      const v = (e.currentTarget as HTMLInputElement).value;
      setText(v);
      props.onSave(v.length > max ? v.slice(0, max) : v);
    },
  };
  return (
    <>
      {props.multiline ? <textarea {...common} /> : <input {...common} />}
      <CharCount length={text.length} max={max} />
    </>
  );
}

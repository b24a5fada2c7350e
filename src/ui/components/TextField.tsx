import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * A text box that saves on every keystroke but keeps its own text while focused, so a slower
 * write coming back through the live query never overwrites what the user is typing.
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
  const [text, setText] = useState(props.value);
  const focused = useRef(false);
  useEffect(() => {
    if (!focused.current) setText(props.value);
  }, [props.value]);
  const common = {
    id: props.id,
    value: text,
    placeholder: props.placeholder,
    maxLength: props.maxLength ?? 200,
    'aria-label': props.label,
    onFocus: () => (focused.current = true),
    onBlur: () => (focused.current = false),
    onInput: (e: Event) => {
      const v = (e.currentTarget as HTMLInputElement).value;
      setText(v);
      props.onSave(v);
    },
  };
  return props.multiline ? <textarea {...common} /> : <input {...common} />;
}

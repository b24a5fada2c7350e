/**
 * The counter under a field with a limit: 12/200 as the text grows, and past the limit a
 * zh-CN message saying what is kept, instead of the browser silently cutting the text.
 */
export function overLimitText(length: number, max: number): string {
  return `超出 ${length - max} 字（最多 ${max} 字），超出的部分不会保存，请删减。`;
}

export function CharCount({ length, max }: { length: number; max: number }) {
  if (length > max) return <p class="error field-count" role="alert">{length}/{max} · {overLimitText(length, max)}</p>;
  // Shown from the start only where the limit is short enough to meet.
  if (length === 0 && max > 100) return null;
  return <p class={length >= max * 0.9 ? 'field-count near' : 'field-count'} aria-live="polite">{length}/{max}</p>;
}

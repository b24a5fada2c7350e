/**
 * Drafts of forms that are saved only on a final tap (添加, 保存): what is typed is kept in
 * localStorage under a key per form and record, so back, a tab switch, a reload or the idle
 * lock lose nothing — the way 周帮扶 keeps its text by saving every keystroke. Cleared when
 * the form is saved or cancelled. Only this phone's own storage; nothing is sent.
 */
import { useState } from 'preact/hooks';

const PREFIX = 'xzw.draft.';

function read<T>(key: string, initial: T): T {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    if (raw === null) return initial;
    const v = JSON.parse(raw) as unknown;
    // A draft from an older form (other fields) falls back field by field.
    return typeof initial === 'object' && initial !== null && typeof v === 'object' && v !== null ? { ...initial, ...v } : (v as T);
  } catch {
    return initial;
  }
}

function write(key: string, value: unknown): void {
  try {
    localStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // storage full or blocked: the form still works, only the draft is not kept
  }
}

export function clearDraft(key: string): void {
  try {
    localStorage.removeItem(PREFIX + key);
  } catch {
    // nothing to clear
  }
}

/**
 * Like useState, but kept as a draft under `key` until clear() (after save or cancel).
 * A null key keeps nothing (a form used where no draft belongs).
 */
export function useDraft<T>(key: string | null, initial: T): [T, (v: T) => void, () => void] {
  const [value, setValue] = useState<T>(() => (key === null ? initial : read(key, initial)));
  const set = (v: T) => {
    setValue(v);
    if (key !== null) write(key, v);
  };
  const clear = () => {
    if (key !== null) clearDraft(key);
    setValue(initial);
  };
  return [value, set, clear];
}

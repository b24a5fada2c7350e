/**
 * 撤销 for destructive taps (全员到岗 over a list of absentees, a done item toggled off, a list
 * item removed): the change is made at once, and for a few seconds a toast offers to take it back.
 */
import { signal } from './signal';

export const UNDO_MS = 6_000;

export interface UndoOffer {
  /** What was done, in zh-CN: 已清空缺勤名单. */
  label: string;
  undo: () => void;
  key: number;
}

export const undoOffer = signal<UndoOffer | null>(null);
let seq = 0;
let timer: ReturnType<typeof setTimeout> | null = null;

export function offerUndo(label: string, undo: () => void): void {
  if (timer !== null) clearTimeout(timer);
  const key = ++seq;
  undoOffer.value = { label, undo, key };
  timer = setTimeout(() => {
    if (undoOffer.value?.key === key) undoOffer.value = null;
  }, UNDO_MS);
}

export function takeUndo(): void {
  const offer = undoOffer.value;
  undoOffer.value = null;
  offer?.undo();
}

/**
 * A form's unsaved draft, kept in IndexedDB on every change like the 周帮扶 fields (TextField
 * saves each keystroke): back button, tab switch, reload, idle lock or a killed browser lose
 * nothing. For forms whose record does not exist yet (a hazard being registered), the draft
 * lives in this phone's settings under `draft:<key>` until it is saved or discarded.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { getSetting, setSetting } from '../db/settings';
import { showError } from './errors';

const KEY = (key: string) => `draft:${key}`;

/**
 * [draft (undefined while it is read), change, discard]. A change is written at once (one
 * small put per keystroke, in order); discard forgets it (after the record was saved).
 */
export function useStoredDraft<T extends object>(key: string, empty: T): [T | undefined, (next: T) => void, () => void] {
  const [draft, setDraft] = useState<T | undefined>(undefined);
  const current = useRef(key);
  useEffect(() => {
    current.current = key;
    setDraft(undefined);
    getSetting<T | null>(KEY(key), null).then(
      (stored) => current.current === key && setDraft(stored ? { ...empty, ...stored } : empty),
      (e: unknown) => { showError(e); setDraft(empty); },
    );
  }, [key]);
  const write = (value: T | null) => void setSetting(KEY(key), value).catch(showError);
  const change = (next: T) => {
    setDraft(next);
    write(next);
  };
  const discard = () => {
    setDraft(empty);
    write(null);
  };
  return [draft, change, discard];
}
